package io.github.mlp4j.metrics;

import java.util.Objects;

/** Argument checks shared by the metrics, so each kind of bad input gets the same message. */
final class MetricChecks {
    private MetricChecks() {
    }

    /**
     * Checks that {@code labels} is a non-empty array of class indices (at least 0) and returns
     * its length.
     *
     * @throws NullPointerException if {@code labels} is null
     * @throws IllegalArgumentException if it is empty or holds a negative label
     */
    static int labels(int[] labels, String name) {
        Objects.requireNonNull(labels, name);
        if (labels.length == 0) {
            throw new IllegalArgumentException(name + " is empty; pass at least one sample.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + labels[i]
                        + "; class labels are indices 0, 1, 2, … so they cannot be negative.");
            }
        }
        return labels.length;
    }

    /**
     * Checks that every label lies in [0, classCount).
     *
     * @throws IllegalArgumentException naming the first label out of range
     */
    static void labelRange(int[] labels, String name, int classCount) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + labels[i] + " but there are "
                        + classCount + " classes, so labels must be in [0, " + (classCount - 1)
                        + "]; pass a larger classCount or fix the labels.");
            }
        }
    }

    /**
     * Checks that every label is 0 or 1.
     *
     * @throws NullPointerException if {@code labels} is null
     * @throws IllegalArgumentException if it is empty or holds another value
     */
    static int binaryLabels(int[] labels, String name) {
        Objects.requireNonNull(labels, name);
        if (labels.length == 0) {
            throw new IllegalArgumentException(name + " is empty; pass at least one sample.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + labels[i]
                        + "; binary labels must be 0 (negative) or 1 (positive).");
            }
        }
        return labels.length;
    }

    /**
     * Checks that two arguments describe the same number of samples.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    static void sameLength(int first, String firstName, int second, String secondName) {
        if (first != second) {
            throw new IllegalArgumentException(firstName + " has " + first + " values but " + secondName
                    + " has " + second + "; pass one of each per sample.");
        }
    }

    /**
     * Checks that a class count is at least 1.
     *
     * @throws IllegalArgumentException if {@code classCount < 1}
     */
    static int classCount(int classCount) {
        if (classCount < 1) {
            throw new IllegalArgumentException("classCount must be at least 1, but was " + classCount
                    + "; pass the number of classes the model predicts.");
        }
        return classCount;
    }

    /**
     * Returns {@code numerator / denominator}, or 0 when the denominator is 0.
     */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
