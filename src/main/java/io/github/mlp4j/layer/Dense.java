package io.github.mlp4j.layer;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer that computes {@code z = a·W + b} and {@code a' = f(z)}.
 *
 * <p>{@code W} has shape (in × out) and {@code b} length out. In the parameter vector the layer
 * keeps {@code W} row-major, then {@code b}: {@code W[k][j]} is at {@code offset + k·out + j} and
 * {@code b[j]} at {@code offset + in·out + j}.
 *
 * <p>Backward, with {@code δ = ∂C/∂z} of shape (rows × out):
 * <pre>
 *   ∂C/∂W = aᵀ·δ        (in × out), summed over the rows
 *   ∂C/∂b = Σ_rows δ    (out)
 *   ∂C/∂a = δ·Wᵀ        (rows × in), which the previous layer multiplies by its f'(z)
 * </pre>
 * The loss has already divided {@code δ} by the batch size, so weights and biases are averaged
 * over the batch alike.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Activation activation;

    /**
     * Creates a dense layer.
     *
     * @param inputSize the number of inputs, at least 1
     * @param outputSize the number of units, at least 1
     * @param activation the activation of its outputs
     * @throws IllegalArgumentException if a size is below 1, or the parameters would not fit in an
     *     array
     * @throws NullPointerException if {@code activation} is null
     */
    public Dense(int inputSize, int outputSize, Activation activation) {
        if (inputSize < 1) {
            throw new IllegalArgumentException("A dense layer needs at least 1 input, but inputSize was "
                    + inputSize + ".");
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException("A dense layer needs at least 1 unit, but was given "
                    + outputSize + "; use dense(1, ...) or more.");
        }
        if ((long) inputSize * outputSize + outputSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A dense layer of " + inputSize + " inputs and " + outputSize
                    + " units would have " + ((long) inputSize * outputSize + outputSize)
                    + " parameters, more than a Java array holds; use fewer inputs or units.");
        }
        this.in = inputSize;
        this.out = outputSize;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    /** {@return {@link Layer.Kernel#AFFINE}: the network runs a dense layer on its fused kernels} */
    @Override
    public Kernel kernel() {
        return Kernel.AFFINE;
    }

    @Override
    public int parameterCount() {
        return in * out + out;
    }

    /**
     * Draws {@code W} from He's normal distribution {@code N(0, 2/in)} for ReLU-family activations,
     * otherwise from Glorot's uniform distribution {@code U(−√(6/(in+out)), √(6/(in+out)))}, row by
     * row; sets {@code b = 0}.
     */
    @Override
    public void initialize(double[] theta, int offset, RandomGenerator random) {
        int n = in * out;
        if (activation.prefersHeInitialization()) {
            double std = Math.sqrt(2.0 / in);
            for (int p = 0; p < n; p++) {
                theta[offset + p] = std * random.nextGaussian();
            }
        } else {
            double limit = Math.sqrt(6.0 / (in + out));
            for (int p = 0; p < n; p++) {
                theta[offset + p] = limit * (2.0 * random.nextDouble() - 1.0);
            }
        }
        for (int j = 0; j < out; j++) {
            theta[offset + n + j] = 0.0;
        }
    }

    @Override
    public void forward(double[] theta, int offset, double[][] inputs, double[][] z, double[][] a, int from, int to) {
        int bias = offset + in * out;
        for (int i = from; i < to; i++) {
            double[] x = inputs[i];
            double[] zi = z[i];
            System.arraycopy(theta, bias, zi, 0, out);             // z = b
            for (int k = 0; k < in; k++) {
                double xk = x[k];
                int w = offset + k * out;
                for (int j = 0; j < out; j++) {
                    zi[j] += xk * theta[w + j];                    // z += a_k · W[k][·]
                }
            }
        }
        activation.forward(z, a, from, to, out);                   // a' = f(z)
    }

    @Override
    public void backward(double[] theta, int offset, double[][] inputs, double[][] delta, int from, int to,
            double[] gradient, int gradientOffset, double[][] gradIn) {
        int n = in * out;
        java.util.Arrays.fill(gradient, gradientOffset, gradientOffset + n + out, 0.0);
        int gb = gradientOffset + n;
        for (int i = from; i < to; i++) {
            double[] x = inputs[i];
            double[] d = delta[i];
            for (int k = 0; k < in; k++) {
                double xk = x[k];
                int g = gradientOffset + k * out;
                for (int j = 0; j < out; j++) {
                    gradient[g + j] += xk * d[j];                  // ∂C/∂W = aᵀ·δ
                }
            }
            for (int j = 0; j < out; j++) {
                gradient[gb + j] += d[j];                          // ∂C/∂b = Σ_rows δ
            }
        }
        if (gradIn != null) {
            for (int i = from; i < to; i++) {
                double[] d = delta[i];
                double[] gi = gradIn[i];
                for (int k = 0; k < in; k++) {
                    int w = offset + k * out;
                    double s = 0.0;
                    for (int j = 0; j < out; j++) {
                        s += d[j] * theta[w + j];                  // ∂C/∂a = δ·Wᵀ
                    }
                    gi[k] = s;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ", " + activation.name() + ")";
    }
}
