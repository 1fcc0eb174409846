package io.github.mlp4j.layer;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Pass;
import java.util.random.RandomGenerator;

/**
 * Inverted dropout: while training, each unit of each row is kept with probability
 * {@code keep = 1 − rate} and scaled by {@code 1/keep}, or set to zero; at prediction it passes
 * its inputs through unchanged, so no rescaling is needed after training.
 *
 * <pre>
 *   training    z_ij = x_ij · m_ij,   m_ij = 1/keep with probability keep, else 0
 *   inference   z_ij = x_ij
 *   backward    ∂C/∂x_ij = ∂C/∂z_ij · m_ij   (the same mask)
 * </pre>
 * The mask comes from {@link Pass#uniform(int, int)}, a function of the network's seed, the step,
 * the layer, the row and the unit; so the backward pass redraws exactly the forward pass's mask,
 * nothing is stored, and the results are bit-identical for every thread count.
 *
 * <p>The layer has no parameters and its activation is the identity. It uses only the public
 * {@link Layer} interface, as a layer of your own would. Instances are immutable and thread-safe.
 */
public final class Dropout implements Layer {
    private final int size;
    private final double rate;
    private final double scale;

    /**
     * Creates a dropout layer.
     *
     * @param size the number of units, which is both its input and output size; at least 1
     * @param rate the probability of dropping a unit while training, in [0, 1)
     * @throws IllegalArgumentException if {@code size < 1} or {@code rate} is outside [0, 1)
     */
    public Dropout(int size, double rate) {
        if (size < 1) {
            throw new IllegalArgumentException("A dropout layer needs at least 1 unit, but was given " + size + ".");
        }
        if (!(rate >= 0.0 && rate < 1.0)) {
            throw new IllegalArgumentException("The dropout rate must be in [0, 1), but was " + rate
                    + "; it is the probability of dropping a unit, such as 0.2 or 0.5.");
        }
        this.size = size;
        this.rate = rate;
        this.scale = 1.0 / (1.0 - rate);
    }

    /** {@return the probability of dropping a unit while training} */
    public double rate() {
        return rate;
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public Activation activation() {
        return Activation.identity();
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public void initialize(double[] theta, int offset, RandomGenerator random) {
        // no parameters
    }

    @Override
    public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
        for (int i = from; i < to; i++) {
            System.arraycopy(in[i], 0, z[i], 0, size);                       // z = x
            System.arraycopy(in[i], 0, a[i], 0, size);                       // a = z
        }
    }

    @Override
    public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to,
            Pass pass) {
        if (!pass.training()) {
            forward(theta, offset, in, z, a, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            double[] x = in[i];
            double[] zi = z[i];
            for (int j = 0; j < size; j++) {
                zi[j] = x[j] * mask(pass, i, j);                             // z = x ⊙ m
            }
            System.arraycopy(zi, 0, a[i], 0, size);                          // a = z
        }
    }

    @Override
    public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
            double[] gradient, int gradientOffset, double[][] gradIn) {
        if (gradIn != null) {
            for (int i = from; i < to; i++) {
                System.arraycopy(delta[i], 0, gradIn[i], 0, size);           // ∂C/∂x = ∂C/∂z
            }
        }
    }

    @Override
    public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
            double[] gradient, int gradientOffset, double[][] gradIn, Pass pass) {
        if (!pass.training()) {
            backward(theta, offset, in, delta, from, to, gradient, gradientOffset, gradIn);
            return;
        }
        if (gradIn != null) {
            for (int i = from; i < to; i++) {
                double[] d = delta[i];
                double[] g = gradIn[i];
                for (int j = 0; j < size; j++) {
                    g[j] = d[j] * mask(pass, i, j);                          // ∂C/∂x = ∂C/∂z ⊙ m
                }
            }
        }
    }

    /** Returns the mask value of unit {@code j} of row {@code i}: {@code 1/keep} if kept, else 0. */
    private double mask(Pass pass, int i, int j) {
        return pass.uniform(i, j) < rate ? 0.0 : scale;
    }

    @Override
    public String toString() {
        return "Dropout(" + size + ", rate " + rate + ")";
    }
}
