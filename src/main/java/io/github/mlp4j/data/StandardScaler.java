package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted scaler that centres each column on its fitted mean and divides by its fitted
 * standard deviation, so the training columns get mean 0 and standard deviation 1.
 *
 * <pre>
 *   mean[j]  = (1/n) Σᵢ x[i][j]
 *   scale[j] = sqrt((1/n) Σᵢ (x[i][j] − mean[j])²)     (population standard deviation)
 *   transform:         x' = (x − mean) / scale
 *   inverseTransform:  x  = x' · scale + mean
 * </pre>
 *
 * <p>A constant column has standard deviation 0; its scale is set to 1 so that it is only
 * centred (it becomes all zeros) and never divided by zero.
 *
 * <p>Instances are immutable and thread-safe. To save a fitted scaler, store {@link #mean()} and
 * {@link #scale()}, and rebuild it with {@link #of(double[], double[])}.
 */
public final class StandardScaler implements Scaler {
    private final double[] mean;
    private final double[] scale;

    private StandardScaler(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Returns a scaler fitted to the columns of {@code x}.
     *
     * @param x the training inputs, shape (n, features); not modified
     * @return the fitted scaler
     * @throws IllegalArgumentException if x is empty, ragged or holds NaN or infinity, or if a
     *     column's mean or standard deviation overflows a double (values near ±1e154 and beyond)
     */
    public static StandardScaler fit(double[][] x) {
        int width = Checks.matrix(x, "x");
        int n = x.length;
        double[] mean = new double[width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= n;                                  // mean = (1/n) Σ x
        }
        double[] scale = new double[width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < width; j++) {
            double std = Math.sqrt(scale[j] / n);          // sqrt((1/n) Σ (x − mean)²)
            scale[j] = std == 0 ? 1.0 : std;               // a constant column is only centred
            if (!Double.isFinite(mean[j]) || !Double.isFinite(scale[j])) {
                throw new IllegalArgumentException("Column " + j + " of x cannot be standardised: its "
                        + (Double.isFinite(mean[j]) ? "standard deviation" : "mean") + " overflows a double (mean "
                        + mean[j] + ", standard deviation " + scale[j] + "), so the scaled column would be 0 or NaN."
                        + " Divide the column by a large constant (such as 1e100) first, or drop it.");
            }
        }
        return new StandardScaler(mean, scale);
    }

    /**
     * Returns a scaler rebuilt from saved statistics.
     *
     * @param mean each column's fitted mean; copied, not modified
     * @param scale each column's divisor, each positive; copied, not modified
     * @return the scaler
     * @throws NullPointerException if mean or scale is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold NaN or
     *     infinity, or if a scale is not positive
     */
    public static StandardScaler of(double[] mean, double[] scale) {
        int width = Checks.vector(mean, "mean");
        if (Checks.vector(scale, "scale") != width) {
            throw new IllegalArgumentException("mean has " + width + " values but scale has " + scale.length
                    + "; pass one mean and one scale per column.");
        }
        for (int j = 0; j < width; j++) {
            Checks.positiveFinite(scale[j], "scale[" + j + "]", "1 for a constant column");
        }
        return new StandardScaler(mean.clone(), scale.clone());
    }

    @Override
    public int inputSize() {
        return mean.length;
    }

    /**
     * Returns each column's fitted mean.
     *
     * @return a new array of length inputSize()
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Returns each column's divisor: its fitted population standard deviation, or 1 for a
     * constant column.
     *
     * @return a new array of length inputSize()
     */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[][] transform(double[][] x) {
        ScalerChecks.matrix(x, mean.length);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = standardizeRow(x[i]);
        }
        return out;
    }

    @Override
    public double[] transform(double[] row) {
        ScalerChecks.row(row, mean.length);
        return standardizeRow(row);
    }

    private double[] standardizeRow(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - mean[j]) / scale[j];        // x' = (x − mean) / scale
        }
        return out;
    }

    @Override
    public double[][] inverseTransform(double[][] x) {
        ScalerChecks.matrix(x, mean.length);
        double[][] out = new double[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = x[i][j] * scale[j] + mean[j];  // x = x' · scale + mean
            }
        }
        return out;
    }

    /**
     * Returns a description listing the fitted means and scales.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "StandardScaler[mean=" + Arrays.toString(mean) + ", scale=" + Arrays.toString(scale) + "]";
    }

    /**
     * Returns whether {@code o} is a StandardScaler with the same statistics, bit for bit.
     *
     * @param o the object to compare with
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(mean), Arrays.hashCode(scale));
    }
}
