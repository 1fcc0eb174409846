package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted scaler that maps each column linearly from its fitted [min, max] onto a target range
 * [lower, upper], by default [0, 1].
 *
 * <pre>
 *   transform:         x' = lower + (x − min) / (max − min) · (upper − lower)
 *   inverseTransform:  x  = min + (x' − lower) / (upper − lower) · (max − min)
 * </pre>
 *
 * <p>A constant column (max = min) has no range to stretch: it maps to {@code lower}, and its
 * inverse maps back to {@code min}. Values outside the fitted range map outside the target range;
 * they are not clipped.
 *
 * <p>Instances are immutable and thread-safe. To save a fitted scaler, store {@link #min()},
 * {@link #max()}, {@link #lower()} and {@link #upper()}, and rebuild it with
 * {@link #of(double[], double[], double, double)}.
 */
public final class MinMaxScaler implements Scaler {
    private final double[] min;
    private final double[] max;
    private final double lower;
    private final double upper;

    private MinMaxScaler(double[] min, double[] max, double lower, double upper) {
        this.min = min;
        this.max = max;
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * Returns a scaler fitted to map each column of {@code x} onto [0, 1].
     *
     * @param x the training inputs, shape (n, features); not modified
     * @return the fitted scaler
     * @throws IllegalArgumentException if x is empty, ragged or holds NaN or infinity, or a
     *     column's range {@code max − min} overflows a double
     */
    public static MinMaxScaler fit(double[][] x) {
        return fit(x, 0.0, 1.0);
    }

    /**
     * Returns a scaler fitted to map each column of {@code x} onto [lower, upper], such as [-1, 1]
     * for tanh units.
     *
     * @param x the training inputs, shape (n, features); not modified
     * @param lower the value each column's minimum maps to
     * @param upper the value each column's maximum maps to; greater than lower
     * @return the fitted scaler
     * @throws IllegalArgumentException if x is empty, ragged or holds NaN or infinity, if a
     *     column's range {@code max − min} overflows a double, or if the target range is not
     *     finite with lower &lt; upper
     */
    public static MinMaxScaler fit(double[][] x, double lower, double upper) {
        int width = Checks.matrix(x, "x");
        checkRange(lower, upper);
        double[] min = x[0].clone();
        double[] max = x[0].clone();
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        checkRanges(min, max);
        return new MinMaxScaler(min, max, lower, upper);
    }

    /** Checks that every column's range {@code max − min} is finite, so that scaling gives no NaN. */
    private static void checkRanges(double[] min, double[] max) {
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(max[j] - min[j])) {
                throw new IllegalArgumentException("Column " + j + " spans [" + min[j] + ", " + max[j] + "], a range"
                        + " that overflows a double, so min-max scaling would give NaN. Divide the column by a large"
                        + " constant (such as 1e100) first, or drop it.");
            }
        }
    }

    /**
     * Returns a scaler rebuilt from saved statistics.
     *
     * @param min each column's fitted minimum; copied, not modified
     * @param max each column's fitted maximum, each ≥ the matching min; copied, not modified
     * @param lower the value a minimum maps to
     * @param upper the value a maximum maps to; greater than lower
     * @return the scaler
     * @throws NullPointerException if min or max is null
     * @throws IllegalArgumentException if min and max are empty, differ in length, hold NaN or
     *     infinity, or have max[j] &lt; min[j] or a range max[j] − min[j] that overflows a double, or
     *     if the target range is not finite with lower &lt; upper
     */
    public static MinMaxScaler of(double[] min, double[] max, double lower, double upper) {
        int width = Checks.vector(min, "min");
        if (Checks.vector(max, "max") != width) {
            throw new IllegalArgumentException("min has " + width + " values but max has " + max.length
                    + "; pass one minimum and one maximum per column.");
        }
        for (int j = 0; j < width; j++) {
            if (max[j] < min[j]) {
                throw new IllegalArgumentException("max[" + j + "] = " + max[j] + " is below min[" + j
                        + "] = " + min[j] + "; pass the statistics in the right order.");
            }
        }
        checkRange(lower, upper);
        checkRanges(min, max);
        return new MinMaxScaler(min.clone(), max.clone(), lower, upper);
    }

    private static void checkRange(double lower, double upper) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper) || !Double.isFinite(upper - lower)) {
            throw new IllegalArgumentException("The target range must be finite with lower < upper, but was ["
                    + lower + ", " + upper + "]; try [0, 1] or [-1, 1].");
        }
    }

    @Override
    public int inputSize() {
        return min.length;
    }

    /**
     * Returns each column's fitted minimum.
     *
     * @return a new array of length inputSize()
     */
    public double[] min() {
        return min.clone();
    }

    /**
     * Returns each column's fitted maximum.
     *
     * @return a new array of length inputSize()
     */
    public double[] max() {
        return max.clone();
    }

    /**
     * Returns the value each column's minimum maps to.
     *
     * @return the lower end of the target range
     */
    public double lower() {
        return lower;
    }

    /**
     * Returns the value each column's maximum maps to.
     *
     * @return the upper end of the target range
     */
    public double upper() {
        return upper;
    }

    @Override
    public double[][] transform(double[][] x) {
        ScalerChecks.matrix(x, min.length);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = scaleRow(x[i]);
        }
        return out;
    }

    @Override
    public double[] transform(double[] row) {
        ScalerChecks.row(row, min.length);
        return scaleRow(row);
    }

    private double[] scaleRow(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            double range = max[j] - min[j];
            // x' = lower + (x − min) / (max − min) · (upper − lower); a constant column maps to lower
            out[j] = range == 0 ? lower : lower + (row[j] - min[j]) / range * (upper - lower);
        }
        return out;
    }

    @Override
    public double[][] inverseTransform(double[][] x) {
        ScalerChecks.matrix(x, min.length);
        double[][] out = new double[x.length][min.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < min.length; j++) {
                // x = min + (x' − lower) / (upper − lower) · (max − min)
                out[i][j] = min[j] + (x[i][j] - lower) / (upper - lower) * (max[j] - min[j]);
            }
        }
        return out;
    }

    /**
     * Returns a description listing the fitted minima and maxima and the target range.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "MinMaxScaler[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max)
                + ", range=[" + lower + ", " + upper + "]]";
    }

    /**
     * Returns whether {@code o} is a MinMaxScaler with the same statistics and range, bit for bit.
     *
     * @param o the object to compare with
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MinMaxScaler s && Arrays.equals(min, s.min) && Arrays.equals(max, s.max)
                && Double.compare(lower, s.lower) == 0 && Double.compare(upper, s.upper) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(min), Arrays.hashCode(max), lower, upper);
    }
}
