package io.github.mlp4j;

import io.github.mlp4j.activation.Identity;
import io.github.mlp4j.activation.LeakyRelu;
import io.github.mlp4j.activation.Relu;
import io.github.mlp4j.activation.Sigmoid;
import io.github.mlp4j.activation.Softmax;
import io.github.mlp4j.activation.Tanh;

/**
 * An activation function {@code a = f(z)}, applied to a layer's weighted sums row by row.
 *
 * <p>Matrices have one row per sample: {@code z} and {@code a} have shape (rows × width). Methods
 * work on the rows {@code from} (inclusive) to {@code to} (exclusive) and the first {@code width}
 * columns, so that a caller can keep buffers larger than the batch and split a batch between
 * threads.
 *
 * <p>The backward pass multiplies the upstream gradient {@code ∂C/∂a} by the derivative:
 * {@code ∂C/∂z = ∂C/∂a ⊙ f'(z)} for element-wise functions, and by the transposed Jacobian for
 * softmax. Each implementation says whether it evaluates the derivative from {@code z} or from
 * {@code a} (for tanh, {@code f'(z) = 1 − tanh²(z) = 1 − a²}); both are passed.
 *
 * <p>Implementations must be stateless (no mutable fields), so that one instance serves every
 * layer and thread. The built-in ones are immutable and thread-safe.
 */
public interface Activation {

    /** {@return the logistic sigmoid {@code σ(z) = 1 / (1 + e^(−z))}, with outputs in (0, 1)} */
    static Activation sigmoid() {
        return Sigmoid.INSTANCE;
    }

    /** {@return the hyperbolic tangent {@code tanh(z)}, with outputs in (−1, 1)} */
    static Activation tanh() {
        return Tanh.INSTANCE;
    }

    /** {@return the rectified linear unit {@code max(0, z)}; its derivative at exactly 0 is 0} */
    static Activation relu() {
        return Relu.INSTANCE;
    }

    /**
     * {@return the leaky rectified linear unit: {@code z} for {@code z > 0}, else {@code slope·z}}
     *
     * @param slope the slope for negative inputs, finite and in [0, 1), such as 0.01
     * @throws IllegalArgumentException if {@code slope} is outside [0, 1) or not finite
     */
    static Activation leakyRelu(double slope) {
        return new LeakyRelu(slope);
    }

    /** {@return the identity {@code f(z) = z}, the usual head for regression with MSE} */
    static Activation identity() {
        return Identity.INSTANCE;
    }

    /**
     * {@return softmax over each row, {@code a_j = e^(z_j) / Σ_k e^(z_k)}, the head for
     * multi-class classification with {@link Loss#crossEntropy()}} It needs at least two outputs.
     */
    static Activation softmax() {
        return Softmax.INSTANCE;
    }

    /**
     * {@return the name that identifies this function in messages and model files, such as
     * {@code "relu"} or {@code "leakyRelu(0.01)"}}
     */
    String name();

    /**
     * Computes {@code a = f(z)} for rows {@code from..to−1}.
     *
     * @param z the weighted sums, (rows × width); not modified
     * @param a the activations, (rows × width); overwritten in the given rows and columns
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @param width the number of columns to use
     */
    void forward(double[][] z, double[][] a, int from, int to, int width);

    /**
     * Computes {@code ∂C/∂z} from {@code ∂C/∂a} for rows {@code from..to−1}.
     *
     * @param z the weighted sums of the forward pass; not modified
     * @param a the activations of the forward pass, {@code f(z)}; not modified
     * @param gradA the upstream gradient {@code ∂C/∂a}; read
     * @param gradZ the result {@code ∂C/∂z}; overwritten. It may be the same array as
     *     {@code gradA}, in which case the gradient is updated in place.
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @param width the number of columns to use
     */
    void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to, int width);

    /**
     * {@return whether each output depends on its own input only ({@code a_ij = f(z_ij)}); only then
     * are {@link #value(double)} and {@link #derivative(double)} defined} Softmax is not.
     */
    default boolean isElementwise() {
        return true;
    }

    /**
     * {@return whether the function has points where it is not differentiable (ReLU's kink at 0)}
     * Gradient checks skip parameters whose finite-difference step crosses such a point.
     */
    default boolean hasKinks() {
        return false;
    }

    /**
     * {@return whether weights feeding this activation are initialised with He's scheme
     * (ReLU family) rather than Glorot's (everything else)}
     */
    default boolean prefersHeInitialization() {
        return false;
    }

    /**
     * {@return {@code f(z)} for one value of an element-wise activation}
     *
     * @param z the weighted sum
     * @throws UnsupportedOperationException if the activation is not element-wise
     */
    default double value(double z) {
        double[][] a = new double[1][1];
        forward(new double[][] {{z}}, a, 0, 1, 1);
        return a[0][0];
    }

    /**
     * {@return {@code f'(z)} for one value of an element-wise activation}
     *
     * @param z the weighted sum
     * @throws UnsupportedOperationException if the activation is not element-wise
     */
    default double derivative(double z) {
        double[][] zs = {{z}};
        double[][] a = new double[1][1];
        forward(zs, a, 0, 1, 1);
        double[][] g = new double[1][1];
        backward(zs, a, new double[][] {{1.0}}, g, 0, 1, 1);
        return g[0][0];
    }
}
