package io.github.mlp4j.metrics;

import io.github.mlp4j.internal.Checks;

/**
 * Conversions from a network's outputs and a data set's targets, both {@code double[][]} with
 * rows = samples, to the class labels {@code int[]} that the classification metrics take.
 *
 * <p>This class has only static methods and no state. No method modifies its arguments.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * Returns, for each row, the index of its largest value: the predicted class of a multi-class
     * output such as softmax probabilities. A tie goes to the lowest index.
     *
     * @param scores shape (n, k) with {@code k ≥ 1}, finite; not modified
     * @return a new array of n labels in [0, k)
     * @throws NullPointerException if {@code scores} or a row is null
     * @throws IllegalArgumentException if {@code scores} is empty, ragged, or holds NaN or
     *     infinity
     */
    public static int[] argmax(double[][] scores) {
        int k = Checks.matrix(scores, "scores");
        int[] labels = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (scores[i][c] > scores[i][best]) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /**
     * Returns 1 for each probability at or above {@code threshold} and 0 for the others: the
     * predicted class of a binary classifier with one output.
     *
     * @param probabilities the probability of class 1 for each sample, finite; not modified
     * @param threshold the decision threshold, finite; 0.5 is usual
     * @return a new array of labels, each 0 or 1
     * @throws NullPointerException if {@code probabilities} is null
     * @throws IllegalArgumentException if {@code probabilities} is empty or holds NaN or
     *     infinity, or {@code threshold} is not finite
     */
    public static int[] threshold(double[] probabilities, double threshold) {
        Checks.vector(probabilities, "probabilities");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, but was " + threshold
                    + "; try 0.5.");
        }
        int[] labels = new int[probabilities.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = probabilities[i] >= threshold ? 1 : 0;
        }
        return labels;
    }

    /**
     * Returns the only column of an (n, 1) matrix, such as the output of a network with one
     * output unit, as a vector for {@link #threshold}, {@link RocAuc} or {@link LogLoss#binary}.
     *
     * @param outputs shape (n, 1), finite; not modified
     * @return a new array of the n values
     * @throws NullPointerException if {@code outputs} or a row is null
     * @throws IllegalArgumentException if {@code outputs} is empty, ragged, holds NaN or infinity,
     *     or has more than one column
     */
    public static double[] singleColumn(double[][] outputs) {
        int k = Checks.matrix(outputs, "outputs");
        if (k != 1) {
            throw new IllegalArgumentException("outputs has " + k + " columns but one was expected;"
                    + " use argmax() for a multi-class output.");
        }
        double[] column = new double[outputs.length];
        for (int i = 0; i < column.length; i++) {
            column[i] = outputs[i][0];
        }
        return column;
    }

    /**
     * Returns the class labels encoded in a target matrix: with one column, each value must be 0
     * or 1 and becomes that label; with {@code k ≥ 2} columns, each row must be one-hot (one 1,
     * the rest 0) and becomes the index of its 1.
     *
     * @param targets shape (n, 1) of 0/1 values, or (n, k) of one-hot rows; not modified
     * @return a new array of n labels
     * @throws NullPointerException if {@code targets} or a row is null
     * @throws IllegalArgumentException if {@code targets} is empty or ragged, or a row is not a
     *     valid encoding
     */
    public static int[] fromTargets(double[][] targets) {
        int k = Checks.matrix(targets, "targets");
        int[] labels = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            double[] row = targets[i];
            if (k == 1) {
                if (row[0] != 0 && row[0] != 1) {
                    throw new IllegalArgumentException("targets[" + i + "][0] is " + row[0]
                            + " but a one-column target must hold class labels 0 or 1.");
                }
                labels[i] = (int) row[0];
                continue;
            }
            int hot = -1;
            for (int c = 0; c < k; c++) {
                if (row[c] == 1 && hot < 0) {
                    hot = c;
                } else if (row[c] != 0) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                throw new IllegalArgumentException("Row " + i + " of targets is not one-hot; each row of a "
                        + k + "-column target must hold a single 1 and " + (k - 1) + " zeros.");
            }
            labels[i] = hot;
        }
        return labels;
    }
}
