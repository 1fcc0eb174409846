package io.github.mlp4j.metrics;

import io.github.mlp4j.internal.Checks;

/**
 * Errors of real-valued predictions: mean squared error, mean absolute error and the coefficient
 * of determination R².
 *
 * <p>Each metric has a one-output form ({@code double[]}, one value per sample) and a
 * multi-output form ({@code double[][]} of shape (n, k), rows = samples, as a network returns).
 * Multi-output MSE and MAE average over all n·k values; multi-output R² is the mean of the
 * per-column R² values (scikit-learn's {@code uniform_average}). This class has only static
 * methods and no state.
 */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    /**
     * Returns the mean squared error {@code (1/n)·Σ (ŷᵢ − yᵢ)²}.
     *
     * @param actual {@code y}, finite; not modified
     * @param predicted {@code ŷ}, finite, of the same length; not modified
     * @return the MSE, at least 0
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity
     */
    public static double meanSquaredError(double[] actual, double[] predicted) {
        int n = checkPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double error = predicted[i] - actual[i];
            sum += error * error;                                       // Σ (ŷ − y)²
        }
        return sum / n;
    }

    /**
     * Returns the mean absolute error {@code (1/n)·Σ |ŷᵢ − yᵢ|}.
     *
     * @param actual {@code y}, finite; not modified
     * @param predicted {@code ŷ}, finite, of the same length; not modified
     * @return the MAE, at least 0
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity
     */
    public static double meanAbsoluteError(double[] actual, double[] predicted) {
        int n = checkPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(predicted[i] - actual[i]);                  // Σ |ŷ − y|
        }
        return sum / n;
    }

    /**
     * Returns the coefficient of determination {@code R² = 1 − SS_res / SS_tot}, where
     * {@code SS_res = Σ (yᵢ − ŷᵢ)²} and {@code SS_tot = Σ (yᵢ − ȳ)²}.
     *
     * <p>R² is 1 for perfect predictions, 0 for always predicting the mean {@code ȳ}, and negative
     * for predictions worse than that. When the target is constant ({@code SS_tot = 0}, every
     * {@code yᵢ} equal) the ratio is undefined; R² is then defined as 1 if the predictions are
     * exact ({@code SS_res = 0}) and 0 otherwise, as scikit-learn does.
     *
     * @param actual {@code y}, finite; not modified
     * @param predicted {@code ŷ}, finite, of the same length; not modified
     * @return R², at most 1
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity
     */
    public static double rSquared(double[] actual, double[] predicted) {
        int n = checkPair(actual, predicted);
        double mean = 0;
        boolean constant = true;
        for (int i = 0; i < n; i++) {
            mean += actual[i];
            constant &= actual[i] == actual[0];
        }
        mean /= n;                                                      // ȳ
        double residual = 0;
        double totalSum = 0;
        for (int i = 0; i < n; i++) {
            double error = actual[i] - predicted[i];
            double spread = actual[i] - mean;
            residual += error * error;                                  // SS_res = Σ (y − ŷ)²
            totalSum += spread * spread;                                // SS_tot = Σ (y − ȳ)²
        }
        if (constant) {
            return residual == 0 ? 1 : 0;
        }
        return 1 - residual / totalSum;                                 // R² = 1 − SS_res / SS_tot
    }

    /**
     * Returns the mean squared error over all values of two (n, k) matrices:
     * {@code (1/(n·k))·Σᵢ Σⱼ (ŷᵢⱼ − yᵢⱼ)²}.
     *
     * @param actual {@code y}, shape (n, k), finite; not modified
     * @param predicted {@code ŷ}, shape (n, k), finite; not modified
     * @return the MSE, at least 0
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the matrices are empty, ragged, of different shapes, or
     *     hold NaN or infinity
     */
    public static double meanSquaredError(double[][] actual, double[][] predicted) {
        int k = checkPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < k; j++) {
                double error = predicted[i][j] - actual[i][j];
                sum += error * error;                                   // Σ (ŷ − y)²
            }
        }
        return sum / ((double) actual.length * k);
    }

    /**
     * Returns the mean absolute error over all values of two (n, k) matrices:
     * {@code (1/(n·k))·Σᵢ Σⱼ |ŷᵢⱼ − yᵢⱼ|}.
     *
     * @param actual {@code y}, shape (n, k), finite; not modified
     * @param predicted {@code ŷ}, shape (n, k), finite; not modified
     * @return the MAE, at least 0
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the matrices are empty, ragged, of different shapes, or
     *     hold NaN or infinity
     */
    public static double meanAbsoluteError(double[][] actual, double[][] predicted) {
        int k = checkPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < k; j++) {
                sum += Math.abs(predicted[i][j] - actual[i][j]);        // Σ |ŷ − y|
            }
        }
        return sum / ((double) actual.length * k);
    }

    /**
     * Returns the mean over the {@code k} columns of each column's R², as
     * {@link #rSquared(double[], double[])} defines it (constant columns included).
     *
     * @param actual {@code y}, shape (n, k), finite; not modified
     * @param predicted {@code ŷ}, shape (n, k), finite; not modified
     * @return the mean R², at most 1
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the matrices are empty, ragged, of different shapes, or
     *     hold NaN or infinity
     */
    public static double rSquared(double[][] actual, double[][] predicted) {
        int k = checkPair(actual, predicted);
        int n = actual.length;
        double[] actualColumn = new double[n];
        double[] predictedColumn = new double[n];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                actualColumn[i] = actual[i][j];
                predictedColumn[i] = predicted[i][j];
            }
            sum += rSquared(actualColumn, predictedColumn);
        }
        return sum / k;
    }

    private static int checkPair(double[] actual, double[] predicted) {
        int n = Checks.vector(actual, "actual");
        MetricChecks.sameLength(n, "actual", Checks.vector(predicted, "predicted"), "predicted");
        return n;
    }

    private static int checkPair(double[][] actual, double[][] predicted) {
        int k = Checks.matrix(actual, "actual");
        int predictedWidth = Checks.matrix(predicted, "predicted");
        if (predicted.length != actual.length || k != predictedWidth) {
            throw new IllegalArgumentException("actual has shape (" + actual.length + "×" + k
                    + ") but predicted has shape (" + predicted.length + "×" + predictedWidth
                    + "); pass one prediction row per target row, with one value per output.");
        }
        return k;
    }
}
