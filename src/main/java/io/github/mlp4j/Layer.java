package io.github.mlp4j;

import java.util.random.RandomGenerator;

/**
 * One layer of a network: a differentiable map from {@code inputSize()} inputs to
 * {@code outputSize()} outputs, followed by its {@link #activation()}.
 *
 * <p>A layer describes the computation; its parameters live in the network's one flat parameter
 * vector {@code θ}, starting at an offset the network passes in. This keeps layers immutable and
 * shareable between threads, and lets optimisers and persistence treat every parameter alike.
 *
 * <p>Matrices have one row per sample. Methods work on rows {@code from} (inclusive) to {@code to}
 * (exclusive), so that a caller can reuse buffers larger than the batch and split a batch between
 * threads. Implementations must not allocate in {@link #forward} or {@link #backward}.
 */
public interface Layer {

    /** {@return the number of inputs per row} */
    int inputSize();

    /** {@return the number of outputs (units) per row} */
    int outputSize();

    /** {@return the activation applied to this layer's weighted sums} */
    Activation activation();

    /** {@return how many parameters this layer keeps in {@code θ}} */
    int parameterCount();

    /**
     * Writes initial parameters into {@code theta[offset .. offset + parameterCount())}.
     *
     * @param theta the network's parameter vector; overwritten in this layer's range
     * @param offset where this layer's parameters start
     * @param random the seeded generator to draw from
     */
    void initialize(double[] theta, int offset, RandomGenerator random);

    /**
     * Computes the weighted sums {@code z} and activations {@code a = f(z)} of rows
     * {@code from..to−1}.
     *
     * @param theta the parameter vector; not modified
     * @param offset where this layer's parameters start
     * @param in the layer's inputs, (rows × inputSize); not modified
     * @param z the weighted sums, (rows × outputSize); overwritten in the given rows
     * @param a the activations, (rows × outputSize); overwritten in the given rows
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     */
    void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to);

    /**
     * Back-propagates the local gradient {@code δ = ∂C/∂z} of rows {@code from..to−1}: writes this
     * layer's parameter gradient for those rows and, when asked, the gradient with respect to its
     * inputs.
     *
     * @param theta the parameter vector; not modified
     * @param offset where this layer's parameters start
     * @param in the layer's inputs from the forward pass; not modified
     * @param delta {@code ∂C/∂z}, (rows × outputSize); not modified
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @param gradient receives {@code ∂C/∂θ} summed over the given rows, in this layer's range
     *     starting at {@code gradientOffset}; overwritten there
     * @param gradientOffset where this layer's gradient starts in {@code gradient}
     * @param gradIn receives {@code ∂C/∂in}, (rows × inputSize), overwritten in the given rows; or
     *     {@code null} when not needed (the first layer)
     */
    void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
            double[] gradient, int gradientOffset, double[][] gradIn);
}
