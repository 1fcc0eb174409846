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
 *
 * <p>Writing a layer of your own: implement the sizes, {@link #parameterCount()},
 * {@link #initialize}, and the two passes. A layer that behaves differently while training (such
 * as {@link io.github.mlp4j.layer.Dropout}) overrides the forms that take a {@link Pass}, which
 * says whether the network is training and gives seeded random numbers per row and unit. The
 * network treats every layer alike:
 * <ul>
 *   <li>it splits the rows of a batch between its threads for {@link #forward} and
 *       {@link #backward}; a layer with parameters is back-propagated in fixed blocks of 16 rows,
 *       whose gradients are added up in block order, so that they have the same bits for every
 *       thread count;</li>
 *   <li>it guards each training step: a step whose new parameters would not all be finite leaves
 *       the parameters as they were and throws {@link DivergenceException};</li>
 *   <li>{@link io.github.mlp4j.layer.Dense} layers keep their fast kernels beside yours.</li>
 * </ul>
 * A layer whose map is one the network has fused kernels for may say so with {@link #kernel()}:
 * the network then runs it on those kernels, as fast as the built-in layer, and calls its own
 * passes only where it has no kernel of its own.
 * To save and load a network with your layer, register its kind with
 * {@code io.github.mlp4j.io.LayerKinds}.
 */
public interface Layer {

    /**
     * The fused kernels the network can run a layer with, in place of the layer's own
     * {@link #forward} and {@link #backward}.
     */
    enum Kernel {
        /** None: the network calls the layer's own passes (the default). */
        OWN,
        /**
         * The affine map {@code zˡ = aˡ⁻¹·W + b} followed by the layer's activation, with the
         * layer's parameters laid out as {@code W} (inputSize × outputSize, row by row) and then
         * {@code b} (outputSize), so {@code parameterCount() == inputSize·outputSize + outputSize}:
         * the kernels of {@link io.github.mlp4j.layer.Dense}. They fuse the bias and the activation
         * into the product {@code aˡ⁻¹·W}, fuse {@code ∂C/∂W = aˡ⁻¹ᵀ·δˡ} with the step
         * {@code W ← W − ε·∂C/∂W} so that the gradient is never stored, run in cache blocks, and
         * split {@code W} between the threads. The layer's own {@link #forward} and
         * {@link #backward} must compute the same map (the network's gradient checks and a user's
         * tests can compare them); its {@link #initialize} still draws the initial values.
         */
        AFFINE
    }

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

    /**
     * {@return the fused kernel the network runs this layer with} {@link Kernel#OWN} (the
     * default) means the layer's own passes; a layer that returns {@link Kernel#AFFINE} promises
     * the affine map and parameter layout that kernel describes, and the network checks its
     * parameter count when it is built.
     */
    default Kernel kernel() {
        return Kernel.OWN;
    }

    /**
     * Computes the forward pass of rows {@code from..to−1} in the given pass. The network always
     * calls this form; the default ignores the pass and calls
     * {@link #forward(double[], int, double[][], double[][], double[][], int, int)}.
     *
     * @param theta the parameter vector; not modified
     * @param offset where this layer's parameters start
     * @param in the layer's inputs, (rows × inputSize); not modified
     * @param z the weighted sums, (rows × outputSize); overwritten in the given rows
     * @param a the activations, (rows × outputSize); overwritten in the given rows
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @param pass training or inference, with this step's random numbers
     */
    default void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to,
            Pass pass) {
        forward(theta, offset, in, z, a, from, to);
    }

    /**
     * Back-propagates rows {@code from..to−1} of a training pass, as
     * {@link #backward(double[], int, double[][], double[][], int, int, double[], int, double[][])}
     * does; the pass is the one its forward pass ran in. The network always calls this form; the
     * default ignores the pass.
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
     * @param gradIn receives {@code ∂C/∂in}, or {@code null} when not needed
     * @param pass the pass of the forward pass
     */
    default void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
            double[] gradient, int gradientOffset, double[][] gradIn, Pass pass) {
        backward(theta, offset, in, delta, from, to, gradient, gradientOffset, gradIn);
    }
}
