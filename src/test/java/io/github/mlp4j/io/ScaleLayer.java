package io.github.mlp4j.io;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import java.util.random.RandomGenerator;

/**
 * A layer of the tests' own, written as a user would: {@code z_j = factor · w_j · a_j}, one
 * weight per unit, then the activation. Its configuration beyond sizes and activation is the
 * constant {@code factor} and a {@code label}.
 */
final class ScaleLayer implements Layer {
    private final int size;
    private final double factor;
    private final String label;
    private final Activation activation;

    ScaleLayer(int size, double factor, String label, Activation activation) {
        this.size = size;
        this.factor = factor;
        this.label = label;
        this.activation = activation;
    }

    double factor() {
        return factor;
    }

    String label() {
        return label;
    }

    /** The codec that saves factor and label. */
    static final LayerCodec<ScaleLayer> CODEC = LayerCodec.of(
            (layer, config) -> {
                config.float64(layer.factor());
                config.string(layer.label());
            },
            (config, inputSize, outputSize, activation) ->
                    new ScaleLayer(inputSize, config.finite("factor"), config.string("label"), activation));

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
        return activation;
    }

    @Override
    public int parameterCount() {
        return size;
    }

    @Override
    public void initialize(double[] theta, int offset, RandomGenerator random) {
        for (int j = 0; j < size; j++) {
            theta[offset + j] = 1.0 + 0.1 * random.nextDouble();
        }
    }

    @Override
    public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
        for (int i = from; i < to; i++) {
            for (int j = 0; j < size; j++) {
                z[i][j] = factor * theta[offset + j] * in[i][j];
            }
        }
        activation.forward(z, a, from, to, size);
    }

    @Override
    public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
            double[] gradient, int gradientOffset, double[][] gradIn) {
        java.util.Arrays.fill(gradient, gradientOffset, gradientOffset + size, 0.0);
        for (int i = from; i < to; i++) {
            for (int j = 0; j < size; j++) {
                gradient[gradientOffset + j] += delta[i][j] * factor * in[i][j];     // ∂C/∂w_j = Σ δ_j · factor · a_j
                if (gradIn != null) {
                    gradIn[i][j] = delta[i][j] * factor * theta[offset + j];         // ∂C/∂a_j = δ_j · factor · w_j
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Scale(" + size + ", " + factor + ", " + label + ", " + activation.name() + ")";
    }
}
