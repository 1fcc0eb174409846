package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import java.util.Objects;

/**
 * Conversions between integer class labels {@code 0..k-1} and one-hot rows.
 *
 * <p>The one-hot row of label {@code c} among {@code k} classes has 1 in column {@code c} and 0
 * elsewhere: with k = 3, label 2 becomes {@code [0, 0, 1]}. Decoding takes the argmax, so it also
 * turns a row of predicted probabilities into the predicted class.
 */
public final class OneHot {
    private OneHot() {
    }

    /**
     * Returns the one-hot rows of the given labels.
     *
     * @param labels class labels, each 0 ≤ label &lt; classes; not modified
     * @param classes the number of classes k, at least 1
     * @return a new array of shape (labels.length, classes)
     * @throws NullPointerException if labels is null
     * @throws IllegalArgumentException if classes &lt; 1 or a label is out of range
     */
    public static double[][] encode(int[] labels, int classes) {
        Objects.requireNonNull(labels, "labels");
        Checks.atLeast(classes, 1, "classes");
        double[][] rows = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] is " + c + " but there are " + classes
                        + " classes; labels must lie in 0.." + (classes - 1)
                        + ". Pass a larger class count, or fix the label.");
            }
            rows[i][c] = 1.0;
        }
        return rows;
    }

    /**
     * Returns the class of each row: the index of its largest value.
     *
     * @param rows one-hot rows or predicted probabilities, shape (n, k); not modified
     * @return a new array of n labels, each in 0..k-1; a tie goes to the lowest index
     * @throws NullPointerException if rows or one of its rows is null
     * @throws IllegalArgumentException if rows is empty, ragged or holds NaN or infinity
     */
    public static int[] decode(double[][] rows) {
        Checks.matrix(rows, "rows");
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = argmax(rows[i]);
        }
        return labels;
    }

    /**
     * Returns the index of the largest value in a row; a tie goes to the lowest index.
     *
     * @param row a non-empty row; not modified
     * @return the index of its maximum
     * @throws NullPointerException if row is null
     * @throws IllegalArgumentException if row is empty
     */
    public static int argmax(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length == 0) {
            throw new IllegalArgumentException("row is empty; argmax needs at least one value.");
        }
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
