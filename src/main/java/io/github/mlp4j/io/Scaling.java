package io.github.mlp4j.io;

import io.github.mlp4j.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fitted input scaling that a model applies to raw rows before its network sees them.
 *
 * <p>Two kinds exist, matching the data package's scalers column for column and bit for bit:
 * <ul>
 *   <li>{@link Standard}: {@code x' = (x − mean) / scale}, from a {@code StandardScaler}'s
 *       {@code mean()} and {@code scale()};</li>
 *   <li>{@link MinMax}: {@code x' = lower + (x − min) / (max − min) · (upper − lower)}, where a
 *       constant column ({@code max = min}) maps to {@code lower}, from a {@code MinMaxScaler}'s
 *       {@code min()}, {@code max()}, {@code lower()} and {@code upper()}.</li>
 * </ul>
 * Instances are immutable and thread-safe; accessors return copies.
 */
public sealed interface Scaling permits Scaling.Standard, Scaling.MinMax {

    /**
     * Returns a standardisation {@code x' = (x − mean) / scale}.
     *
     * @param mean each column's mean; copied, not modified
     * @param scale each column's scale (its standard deviation, or 1 for a constant column), each
     *     positive and finite; copied, not modified
     * @return the scaling
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold NaN or
     *     infinity, or a scale is not positive
     */
    static Standard standard(double[] mean, double[] scale) {
        return new Standard(mean, scale);
    }

    /**
     * Returns a min-max scaling {@code x' = lower + (x − min) / (max − min) · (upper − lower)}.
     *
     * @param min each column's fitted minimum; copied, not modified
     * @param max each column's fitted maximum, each ≥ the matching min; copied, not modified
     * @param lower the value a minimum maps to, finite
     * @param upper the value a maximum maps to, finite and greater than {@code lower}
     * @return the scaling
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold NaN or
     *     infinity, or have {@code max[j] < min[j]}, or if the range is not finite with
     *     {@code lower < upper}
     */
    static MinMax minMax(double[] min, double[] max, double lower, double upper) {
        return new MinMax(min, max, lower, upper);
    }

    /**
     * Returns the scaling of a fitted scaler from the data package, for saving beside a model.
     *
     * @param scaler a {@link io.github.mlp4j.data.StandardScaler} or
     *     {@link io.github.mlp4j.data.MinMaxScaler}
     * @return the same transformation, column for column and bit for bit
     * @throws IllegalArgumentException if the scaler is of another kind
     */
    static Scaling from(io.github.mlp4j.data.Scaler scaler) {
        Objects.requireNonNull(scaler, "scaler");
        if (scaler instanceof io.github.mlp4j.data.StandardScaler standard) {
            return standard(standard.mean(), standard.scale());
        }
        if (scaler instanceof io.github.mlp4j.data.MinMaxScaler minMax) {
            return minMax(minMax.min(), minMax.max(), minMax.lower(), minMax.upper());
        }
        throw new IllegalArgumentException("A model file can keep a StandardScaler or a MinMaxScaler, but was given "
                + scaler.getClass().getName() + "; save its statistics in the provenance settings instead.");
    }

    /** {@return the name of this kind of scaling as written in model files: "standard" or "minmax"} */
    String kind();

    /** {@return the number of columns this scaling applies to, which must be the network's inputSize} */
    int inputSize();

    /**
     * Returns one row scaled column by column.
     *
     * @param row raw values, of length {@link #inputSize()}; not modified
     * @return a new scaled row
     * @throws IllegalArgumentException if the row has the wrong length or holds NaN or infinity
     */
    double[] apply(double[] row);

    /**
     * Returns every row of {@code x} scaled, as {@link #apply(double[])} does.
     *
     * @param x raw rows, (n × inputSize); not modified
     * @return a new (n × inputSize) matrix
     * @throws IllegalArgumentException if {@code x} is empty, ragged, of the wrong width, or holds
     *     NaN or infinity
     */
    default double[][] apply(double[][] x) {
        checkWidth(Checks.matrix(x, "x"), inputSize(), "x");
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = apply(x[i]);
        }
        return out;
    }

    private static void checkWidth(int actual, int expected, String name) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " columns but the scaling was fitted on "
                    + expected + "; pass rows with " + expected + " raw values.");
        }
    }

    /** The standardisation {@code x' = (x − mean) / scale}. Immutable and thread-safe. */
    final class Standard implements Scaling {
        private final double[] mean;
        private final double[] scale;

        private Standard(double[] mean, double[] scale) {
            int width = Checks.vector(mean, "mean");
            if (Checks.vector(scale, "scale") != width) {
                throw new IllegalArgumentException("mean has " + width + " values but scale has " + scale.length
                        + "; pass one mean and one scale per column.");
            }
            for (int j = 0; j < width; j++) {
                Checks.positiveFinite(scale[j], "scale[" + j + "]", "1 for a constant column");
            }
            this.mean = mean.clone();
            this.scale = scale.clone();
        }

        /** Returns "standard". */
        @Override
        public String kind() {
            return "standard";
        }

        @Override
        public int inputSize() {
            return mean.length;
        }

        /** {@return a copy of each column's mean} */
        public double[] mean() {
            return mean.clone();
        }

        /** {@return a copy of each column's scale} */
        public double[] scale() {
            return scale.clone();
        }

        @Override
        public double[] apply(double[] row) {
            checkWidth(Checks.vector(row, "row"), mean.length, "row");
            double[] out = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                out[j] = (row[j] - mean[j]) / scale[j];                     // x' = (x − mean) / scale
            }
            return out;
        }

        /** Returns whether {@code o} is a standardisation with bit-identical means and scales. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Standard other && Arrays.equals(mean, other.mean) && Arrays.equals(scale, other.scale);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
        }

        /** Returns a description with the means and scales. */
        @Override
        public String toString() {
            return "Scaling.standard(mean " + Arrays.toString(mean) + ", scale " + Arrays.toString(scale) + ")";
        }
    }

    /**
     * The min-max scaling {@code x' = lower + (x − min) / (max − min) · (upper − lower)}; a
     * constant column maps to {@code lower}. Immutable and thread-safe.
     */
    final class MinMax implements Scaling {
        private final double[] min;
        private final double[] max;
        private final double lower;
        private final double upper;

        private MinMax(double[] min, double[] max, double lower, double upper) {
            int width = Checks.vector(min, "min");
            if (Checks.vector(max, "max") != width) {
                throw new IllegalArgumentException("min has " + width + " values but max has " + max.length
                        + "; pass one minimum and one maximum per column.");
            }
            for (int j = 0; j < width; j++) {
                if (max[j] < min[j]) {
                    throw new IllegalArgumentException("max[" + j + "] = " + max[j] + " is below min[" + j + "] = "
                            + min[j] + "; pass the statistics in the right order.");
                }
            }
            if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)) {
                throw new IllegalArgumentException("The target range must be finite with lower < upper, but was ["
                        + lower + ", " + upper + "]; try [0, 1] or [-1, 1].");
            }
            this.min = min.clone();
            this.max = max.clone();
            this.lower = lower;
            this.upper = upper;
        }

        /** Returns "minmax". */
        @Override
        public String kind() {
            return "minmax";
        }

        @Override
        public int inputSize() {
            return min.length;
        }

        /** {@return a copy of each column's fitted minimum} */
        public double[] min() {
            return min.clone();
        }

        /** {@return a copy of each column's fitted maximum} */
        public double[] max() {
            return max.clone();
        }

        /** {@return the value a column's minimum maps to} */
        public double lower() {
            return lower;
        }

        /** {@return the value a column's maximum maps to} */
        public double upper() {
            return upper;
        }

        @Override
        public double[] apply(double[] row) {
            checkWidth(Checks.vector(row, "row"), min.length, "row");
            double[] out = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                double range = max[j] - min[j];
                // x' = lower + (x − min) / (max − min) · (upper − lower); a constant column maps to lower
                out[j] = range == 0 ? lower : lower + (row[j] - min[j]) / range * (upper - lower);
            }
            return out;
        }

        /** Returns whether {@code o} is a min-max scaling with bit-identical statistics and range. */
        @Override
        public boolean equals(Object o) {
            return o instanceof MinMax other && Arrays.equals(min, other.min) && Arrays.equals(max, other.max)
                    && Double.compare(lower, other.lower) == 0 && Double.compare(upper, other.upper) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(min), Arrays.hashCode(max), lower, upper);
        }

        /** Returns a description with the minima, maxima and target range. */
        @Override
        public String toString() {
            return "Scaling.minMax(min " + Arrays.toString(min) + ", max " + Arrays.toString(max) + ", range ["
                    + lower + ", " + upper + "])";
        }
    }
}
