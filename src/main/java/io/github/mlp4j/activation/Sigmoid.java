package io.github.mlp4j.activation;

import io.github.mlp4j.Activation;

/**
 * The logistic sigmoid {@code σ(z) = 1 / (1 + e^(−z))}, with derivative {@code σ'(z) = a·(1 − a)}
 * evaluated from the activation {@code a = σ(z)}.
 *
 * <p>It never overflows: for {@code z < 0} it computes {@code e^z / (1 + e^z)}, so that
 * {@code e^(−z)} is never formed for large negative {@code z}; {@code σ(±1000)} is exactly 1 and 0.
 * The instance is immutable and thread-safe.
 */
public final class Sigmoid implements Activation {
    /** The single instance; see {@link Activation#sigmoid()}. */
    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
    }

    /**
     * Returns σ(z) without overflow.
     *
     * @param z any finite or infinite value
     * @return σ(z) in [0, 1]
     */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public void forward(double[][] z, double[][] a, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] ai = a[i];
            for (int j = 0; j < width; j++) {
                ai[j] = sigmoid(zi[j]);
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
                oi[j] = gi[j] * ai[j] * (1.0 - ai[j]);          // σ'(z) = a·(1 − a)
            }
        }
    }

    @Override
    public double value(double z) {
        return sigmoid(z);
    }

    @Override
    public double derivative(double z) {
        double a = sigmoid(z);
        return a * (1.0 - a);
    }

    @Override
    public String toString() {
        return name();
    }
}
