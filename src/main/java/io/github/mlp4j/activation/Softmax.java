package io.github.mlp4j.activation;

import io.github.mlp4j.Activation;

/**
 * Softmax over each row: {@code a_j = e^(z_j − m) / Σ_k e^(z_k − m)} with {@code m = max_k z_k}.
 *
 * <p>Subtracting the row maximum changes nothing mathematically and keeps every exponent ≤ 0, so
 * softmax never overflows (rows such as {@code [1000, −1000]} give {@code [1, 0]}).
 *
 * <p>Softmax is not element-wise: its Jacobian is {@code ∂a_j/∂z_k = a_j(δ_jk − a_k)}, so the
 * backward pass computes {@code ∂C/∂z_k = a_k · (∂C/∂a_k − Σ_j ∂C/∂a_j · a_j)}. Paired with
 * {@link io.github.mlp4j.Loss#crossEntropy()} the network skips this and uses the fused gradient
 * {@code ŷ − y}. The instance is immutable and thread-safe.
 */
public final class Softmax implements Activation {
    /** The single instance; see {@link Activation#softmax()}. */
    public static final Softmax INSTANCE = new Softmax();

    private Softmax() {
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public void forward(double[][] z, double[][] a, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            double[] ai = a[i];
            double max = zi[0];
            for (int j = 1; j < width; j++) {
                max = Math.max(max, zi[j]);
            }
            double sum = 0.0;
            for (int j = 0; j < width; j++) {
                double e = Math.exp(zi[j] - max);
                ai[j] = e;
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < width; j++) {
                ai[j] *= inv;
            }
        }
    }

    @Override
    public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to, int width) {
        for (int i = from; i < to; i++) {
            double[] ai = a[i];
            double[] gi = gradA[i];
            double[] oi = gradZ[i];
            double dot = 0.0;                                    // Σ_j ∂C/∂a_j · a_j
            for (int j = 0; j < width; j++) {
                dot += gi[j] * ai[j];
            }
            for (int j = 0; j < width; j++) {
                oi[j] = ai[j] * (gi[j] - dot);                  // ∂C/∂z_j = a_j(∂C/∂a_j − dot)
            }
        }
    }

    @Override
    public boolean isElementwise() {
        return false;
    }

    /**
     * Always throws: softmax of one value is not defined on its own.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public double value(double z) {
        throw new UnsupportedOperationException("softmax is not element-wise; use forward on whole rows");
    }

    /**
     * Always throws: softmax has a Jacobian, not a scalar derivative.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public double derivative(double z) {
        throw new UnsupportedOperationException("softmax is not element-wise; use backward on whole rows");
    }

    @Override
    public String toString() {
        return name();
    }
}
