package io.github.mlp4j.activation;

import io.github.mlp4j.Activation;

/**
 * The hyperbolic tangent {@code a = tanh(z)}, with derivative {@code tanh'(z) = 1 − tanh²(z)},
 * evaluated from the activation as {@code 1 − a²}.
 *
 * <p>(The tutorial this library grew from wrote {@code 1 − tanh²(a)}: the derivative taken at the
 * activation instead of at {@code z}. Here it is taken at {@code z}, through {@code a = tanh(z)}.)
 * The instance is immutable and thread-safe.
 */
public final class Tanh implements Activation {
    /** The single instance; see {@link Activation#tanh()}. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public void forward(double[][] z, double[][] a, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] ai = a[i];
            for (int j = 0; j < width; j++) {
                ai[j] = Math.tanh(zi[j]);
            }
        }
    }

    @Override
    public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] ai = a[i];
            double[] gi = gradA[i];
            double[] oi = gradZ[i];
            for (int j = 0; j < width; j++) {
                oi[j] = gi[j] * (1.0 - ai[j] * ai[j]);          // tanh'(z) = 1 − a²
            }
        }
    }

    @Override
    public double value(double z) {
        return Math.tanh(z);
    }

    @Override
    public double derivative(double z) {
        double a = Math.tanh(z);
        return 1.0 - a * a;
    }

    @Override
    public String toString() {
        return name();
    }
}
