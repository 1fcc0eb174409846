package io.github.mlp4j.io;

import io.github.mlp4j.data.MinMaxScaler;
import io.github.mlp4j.data.StandardScaler;
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
 * Each kind wraps the data package's scaler, which does the arithmetic and the argument checks, so
 * a loaded model scales exactly as the scaler it was saved from. Instances are immutable and
 * thread-safe; accessors return copies.
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
        return new Standard(StandardScaler.of(mean, scale));
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
        return new MinMax(MinMaxScaler.of(min, max, lower, upper));
    }

    /**
     * Returns the scaling of a fitted scaler from the data package, for saving beside a model.
     *
     * @param scaler a {@link StandardScaler} or {@link MinMaxScaler}
     * @return the same transformation, column for column and bit for bit
     * @throws IllegalArgumentException if the scaler is of another kind
     */
    static Scaling from(io.github.mlp4j.data.Scaler scaler) {
        Objects.requireNonNull(scaler, "scaler");
        if (scaler instanceof StandardScaler standard) {
            return new Standard(standard);
        }
        if (scaler instanceof MinMaxScaler minMax) {
            return new MinMax(minMax);
        }
        throw new IllegalArgumentException("A model file can keep a StandardScaler or a MinMaxScaler, but was given "
                + scaler.getClass().getName() + "; save its statistics in the provenance settings instead.");
    }

    /** {@return the name of this kind of scaling as written in model files: "standard" or "minmax"} */
    String kind();

    /**
     * Returns the data-package scaler that performs this scaling, for example to undo it with
     * {@link io.github.mlp4j.data.Scaler#inverseTransform(double[][])}.
     *
     * @return the scaler; immutable, so it is shared rather than copied
     */
    io.github.mlp4j.data.Scaler scaler();

    /** {@return the number of columns this scaling applies to, which must be the network's inputSize} */
    default int inputSize() {
        return scaler().inputSize();
    }

    /**
     * Returns one row scaled column by column, as {@link #scaler()}'s {@code transform} does.
     *
     * @param row raw values, of length {@link #inputSize()}; not modified
     * @return a new scaled row
     * @throws IllegalArgumentException if the row has the wrong length or holds NaN or infinity
     */
    default double[] apply(double[] row) {
        return scaler().transform(row);
    }

    /**
     * Returns every row of {@code x} scaled, as {@link #apply(double[])} does.
     *
     * @param x raw rows, (n × inputSize); not modified
     * @return a new (n × inputSize) matrix
     * @throws IllegalArgumentException if {@code x} is empty, ragged, of the wrong width, or holds
     *     NaN or infinity
     */
    default double[][] apply(double[][] x) {
        return scaler().transform(x);
    }

    /**
     * The standardisation {@code x' = (x − mean) / scale}, performed by a {@link StandardScaler}.
     * Immutable and thread-safe.
     */
    final class Standard implements Scaling {
        private final StandardScaler scaler;

        private Standard(StandardScaler scaler) {
            this.scaler = scaler;
        }

        /** Returns "standard". */
        @Override
        public String kind() {
            return "standard";
        }

        /** Returns the {@link StandardScaler} with this scaling's means and scales. */
        @Override
        public StandardScaler scaler() {
            return scaler;
        }

        /** {@return a copy of each column's mean} */
        public double[] mean() {
            return scaler.mean();
        }

        /** {@return a copy of each column's scale} */
        public double[] scale() {
            return scaler.scale();
        }

        /** Returns whether {@code o} is a standardisation with bit-identical means and scales. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Standard other && scaler.equals(other.scaler);
        }

        @Override
        public int hashCode() {
            return scaler.hashCode();
        }

        /** Returns a description with the means and scales. */
        @Override
        public String toString() {
            return "Scaling.standard(mean " + Arrays.toString(mean()) + ", scale " + Arrays.toString(scale()) + ")";
        }
    }

    /**
     * The min-max scaling {@code x' = lower + (x − min) / (max − min) · (upper − lower)}, where a
     * constant column maps to {@code lower}, performed by a {@link MinMaxScaler}. Immutable and
     * thread-safe.
     */
    final class MinMax implements Scaling {
        private final MinMaxScaler scaler;

        private MinMax(MinMaxScaler scaler) {
            this.scaler = scaler;
        }

        /** Returns "minmax". */
        @Override
        public String kind() {
            return "minmax";
        }

        /** Returns the {@link MinMaxScaler} with this scaling's statistics and target range. */
        @Override
        public MinMaxScaler scaler() {
            return scaler;
        }

        /** {@return a copy of each column's fitted minimum} */
        public double[] min() {
            return scaler.min();
        }

        /** {@return a copy of each column's fitted maximum} */
        public double[] max() {
            return scaler.max();
        }

        /** {@return the value a column's minimum maps to} */
        public double lower() {
            return scaler.lower();
        }

        /** {@return the value a column's maximum maps to} */
        public double upper() {
            return scaler.upper();
        }

        /** Returns whether {@code o} is a min-max scaling with bit-identical statistics and range. */
        @Override
        public boolean equals(Object o) {
            return o instanceof MinMax other && scaler.equals(other.scaler);
        }

        @Override
        public int hashCode() {
            return scaler.hashCode();
        }

        /** Returns a description with the minima, maxima and target range. */
        @Override
        public String toString() {
            return "Scaling.minMax(min " + Arrays.toString(min()) + ", max " + Arrays.toString(max()) + ", range ["
                    + lower() + ", " + upper() + "])";
        }
    }
}
