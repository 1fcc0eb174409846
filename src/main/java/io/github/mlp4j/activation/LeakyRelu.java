package io.github.mlp4j.activation;

import io.github.mlp4j.Activation;

/**
 * The leaky rectified linear unit: {@code a = z} for {@code z > 0}, else {@code a = slope·z}; its
 * derivative is 1 for {@code z > 0} and {@code slope} otherwise (also at exactly 0), evaluated
 * from {@code z}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LeakyRelu implements Activation {
    private final double slope;

    /**
     * Creates a leaky ReLU with the given slope for negative inputs.
     *
     * @param slope the slope for {@code z ≤ 0}, finite and in [0, 1), such as 0.01
     * @throws IllegalArgumentException if {@code slope} is outside [0, 1) or not finite
     */
    public LeakyRelu(double slope) {
        if (!(slope >= 0.0 && slope < 1.0)) {
            throw new IllegalArgumentException("leakyRelu slope must be in [0, 1), but was " + slope
                    + "; try a value such as 0.01.");
        }
        this.slope = slope;
    }

    /** {@return the slope for negative inputs} */
    public double slope() {
        return slope;
    }

    @Override
    public String name() {
        return "leakyRelu(" + slope + ")";
    }

    @Override
    public void forward(double[][] z, double[][] a, int from, int to, int width) {
        double s = slope;
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] ai = a[i];
            for (int j = 0; j < width; j++) {
                double v = zi[j];
                ai[j] = v > 0.0 ? v : s * v;
            }
        }
    }

    @Override
    public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to, int width) {
        double s = slope;
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] gi = gradA[i];
            double[] oi = gradZ[i];
            for (int j = 0; j < width; j++) {
                oi[j] = zi[j] > 0.0 ? gi[j] : s * gi[j];        // f'(z) = 1 or slope
            }
        }
    }

    @Override
    public boolean hasKinks() {
        return true;
    }

    @Override
    public boolean prefersHeInitialization() {
        return true;
    }

    @Override
    public double value(double z) {
        return z > 0.0 ? z : slope * z;
    }

    @Override
    public double derivative(double z) {
        return z > 0.0 ? 1.0 : slope;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeakyRelu other && Double.compare(other.slope, slope) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(slope);
    }

    @Override
    public String toString() {
        return name();
    }
}
