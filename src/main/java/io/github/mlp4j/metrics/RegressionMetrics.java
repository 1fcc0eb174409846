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
     * @param predicted {@code ŷ}, finite; not modified
     * @param actual {@code y}, finite, of the same length; not modified
     * @return the MSE, at least 0
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity
     */
    public static double meanSquaredError(double[] predicted, double[] actual) {
        int n = checkPair(predicted, actual);
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
     * @param predicted {@code ŷ}, finite; not modified
     * @param actual {@code y}, finite, of the same length; not modified
     * @return the MAE, at least 0
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity
     */
    public static double meanAbsoluteError(double[] predicted, double[] actual) {
        int n = checkPair(predicted, actual);
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
     * @param predicted {@code ŷ}, finite; not modified
     * @param actual {@code y}, finite, of the same length; not modified
     * @return R², at most 1
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity
     */
    public static double rSquared(double[] predicted, double[] actual) {
        int n = checkPair(predicted, actual);
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
     * @param predicted {@code ŷ}, shape (n, k), finite; not modified
     * @param actual {@code y}, shape (n, k), finite; not modified
     * @return the MSE, at least 0
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the matrices are empty, ragged, of different shapes, or
     *     hold NaN or infinity
     */
    public static double meanSquaredError(double[][] predicted, double[][] actual) {
        int k = checkPair(predicted, actual);
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < k; j++) {
                double error = predicted[i][j] - actual[i][j];
                sum += error * error;                                   // Σ (ŷ − y)²
            }
        }
        return sum / ((double) predicted.length * k);
    }

    /**
     * Returns the mean absolute error over all values of two (n, k) matrices:
     * {@code (1/(n·k))·Σᵢ Σⱼ |ŷᵢⱼ − yᵢⱼ|}.
     *
     * @param predicted {@code ŷ}, shape (n, k), finite; not modified
     * @param actual {@code y}, shape (n, k), finite; not modified
     * @return the MAE, at least 0
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the matrices are empty, ragged, of different shapes, or
     *     hold NaN or infinity
     */
    public static double meanAbsoluteError(double[][] predicted, double[][] actual) {
        int k = checkPair(predicted, actual);
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            for (int j = 0; j < k; j++) {
                sum += Math.abs(predicted[i][j] - actual[i][j]);        // Σ |ŷ − y|
            }
        }
        return sum / ((double) predicted.length * k);
    }

    /**
     * Returns the mean over the {@code k} columns of each column's R², as
     * {@link #rSquared(double[], double[])} defines it (constant columns included).
     *
     * @param predicted {@code ŷ}, shape (n, k), finite; not modified
     * @param actual {@code y}, shape (n, k), finite; not modified
     * @return the mean R², at most 1
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if the matrices are empty, ragged, of different shapes, or
     *     hold NaN or infinity
     */
    public static double rSquared(double[][] predicted, double[][] actual) {
        int k = checkPair(predicted, actual);
        int n = predicted.length;
        double[] predictedColumn = new double[n];
        double[] actualColumn = new double[n];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                predictedColumn[i] = predicted[i][j];
                actualColumn[i] = actual[i][j];
            }
            sum += rSquared(predictedColumn, actualColumn);
        }
        return sum / k;
    }

    private static int checkPair(double[] predicted, double[] actual) {
        int n = Checks.vector(predicted, "predicted");
        MetricChecks.sameLength(n, "predicted", Checks.vector(actual, "actual"), "actual");
        return n;
    }

    private static int checkPair(double[][] predicted, double[][] actual) {
        int k = Checks.matrix(predicted, "predicted");
        int actualWidth = Checks.matrix(actual, "actual");
        if (predicted.length != actual.length || k != actualWidth) {
            throw new IllegalArgumentException("predicted has shape (" + predicted.length + "×" + k
                    + ") but actual has shape (" + actual.length + "×" + actualWidth
                    + "); pass one prediction row per target row, with one value per output.");
        }
        return k;
    }
}
