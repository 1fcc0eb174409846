package io.github.mlp4j.activation;

import io.github.mlp4j.Activation;

/**
 * The rectified linear unit {@code a = max(0, z)}, with derivative 1 for {@code z > 0} and 0
 * otherwise, evaluated from {@code z}. At exactly {@code z = 0} the derivative is 0 (the
 * subgradient that PyTorch and Keras use).
 *
 * <p>The instance is immutable and thread-safe.
 */
public final class Relu implements Activation {
    /** The single instance; see {@link Activation#relu()}. */
    public static final Relu INSTANCE = new Relu();

    private Relu() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public void forward(double[][] z, double[][] a, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] ai = a[i];
            for (int j = 0; j < width; j++) {
                ai[j] = Math.max(0.0, zi[j]);
            }
        }
    }

    @Override
    public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] gi = gradA[i];
            double[] oi = gradZ[i];
            for (int j = 0; j < width; j++) {
                oi[j] = zi[j] > 0.0 ? gi[j] : 0.0;              // f'(z) = [z > 0]
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
        return Math.max(0.0, z);
    }

    @Override
    public double derivative(double z) {
        return z > 0.0 ? 1.0 : 0.0;
    }

    @Override
    public String toString() {
        return name();
    }
}
