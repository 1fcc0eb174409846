package io.github.mlp4j.metrics;

import io.github.mlp4j.internal.Checks;

/**
 * The log loss (cross-entropy) of predicted probabilities: the mean negative log-probability
 * the model gave to each sample's true class.
 *
 * <p>Probabilities are first clamped to {@code [1e-15, 1 − 1e-15]}, as scikit-learn does, so a
 * confident wrong prediction costs about {@code −ln(1e-15) ≈ 34.5} instead of infinity. The loss
 * uses the natural logarithm; 0 is perfect, and always predicting 1/k for k classes scores
 * {@code ln k}. This class has only static methods and no state.
 */
public final class LogLoss {

    /** The clamp applied to probabilities before taking logarithms: {@value}. */
    public static final double CLAMP = 1e-15;

    /** The largest allowed gap between a probability row's sum and 1: {@value}. */
    public static final double ROW_SUM_TOLERANCE = 1e-6;

    private LogLoss() {
    }

    /**
     * Returns the binary log loss of the probabilities of class 1:
     * {@code −(1/n)·Σ [yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ)]}, with each {@code pᵢ} clamped to
     * {@code [1e-15, 1 − 1e-15]}.
     *
     * @param labels {@code yᵢ}, the true class of each sample, 0 or 1; not modified
     * @param probabilities {@code pᵢ}, the predicted probability that sample {@code i} is of class
     *     1, in [0, 1]; not modified
     * @return the mean log loss, at least 0
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a probability
     *     is outside [0, 1] or NaN, or a label is not 0 or 1
     */
    public static double binary(int[] labels, double[] probabilities) {
        int n = Checks.vector(probabilities, "probabilities");
        MetricChecks.sameLength(n, "probabilities", MetricChecks.binaryLabels(labels, "labels"), "labels");
        for (int i = 0; i < n; i++) {
            checkProbability(probabilities[i], "probabilities[" + i + "]");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = clamp(probabilities[i]);
            sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);     // −[y·ln p + (1 − y)·ln(1 − p)]
        }
        return sum / n;
    }

    /**
     * Returns the multi-class log loss of probability rows: {@code −(1/n)·Σ ln pᵢ[yᵢ]}, with each
     * probability clamped to {@code [1e-15, 1 − 1e-15]}.
     *
     * @param labels {@code yᵢ}, the true class of each sample, in [0, k); not modified
     * @param probabilities row {@code i} holds the predicted distribution over the {@code k}
     *     classes for sample {@code i} (such as softmax outputs): values in [0, 1] that sum to 1
     *     within {@value #ROW_SUM_TOLERANCE}; shape (n, k); not modified
     * @return the mean log loss, at least 0
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the arrays are empty or differ in length, rows are
     *     ragged, a probability is outside [0, 1] or NaN, a row does not sum to 1, or a label is
     *     outside [0, k)
     */
    public static double multiclass(int[] labels, double[][] probabilities) {
        int k = Checks.matrix(probabilities, "probabilities");
        int n = probabilities.length;
        MetricChecks.sameLength(n, "probabilities", MetricChecks.labels(labels, "labels"), "labels");
        MetricChecks.labelRange(labels, "labels", k);
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int c = 0; c < k; c++) {
                checkProbability(probabilities[i][c], "probabilities[" + i + "][" + c + "]");
                rowSum += probabilities[i][c];
            }
            if (Math.abs(rowSum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("Row " + i + " of probabilities sums to " + rowSum
                        + " but each row must be a probability distribution summing to 1;"
                        + " pass softmax outputs, or use binary() for one probability per sample.");
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum -= Math.log(clamp(probabilities[i][labels[i]]));          // −ln pᵢ[yᵢ]
        }
        return sum / n;
    }

    private static double clamp(double p) {
        return Math.min(Math.max(p, CLAMP), 1 - CLAMP);
    }

    private static void checkProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " is " + p
                    + " but probabilities must be in [0, 1]; pass probabilities, not logits or scores.");
        }
    }
}
