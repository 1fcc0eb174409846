package io.github.mlp4j;

import io.github.mlp4j.loss.BinaryCrossEntropy;
import io.github.mlp4j.loss.CrossEntropy;
import io.github.mlp4j.loss.MeanSquaredError;

/**
 * A cost function {@code C(ŷ, y)} that the network minimises, averaged over a batch.
 *
 * <p>Matrices have one row per sample and shape (rows × width). The network hands a loss both the
 * output layer's weighted sums {@code z} (the logits) and its activations {@code ŷ = f(z)}, so
 * that losses fused with their head (binary cross-entropy after sigmoid, cross-entropy after
 * softmax) can work from the logits and never take {@code log(0)}.
 *
 * <p>Sign convention: {@link #gradient} returns {@code ∂C/∂ŷ} and {@link #delta} returns
 * {@code δ = ∂C/∂z}; optimisers subtract them. Both are gradients of exactly the mean that
 * {@link #cost} reports, so they already carry its {@code 1/rows} (or {@code 1/(rows·width)})
 * factor.
 *
 * <p>Implementations must be stateless; the built-in ones are immutable and thread-safe.
 */
public interface Loss {

    /**
     * {@return the mean squared error {@code C = (1 / (n·m)) Σ_i Σ_j (ŷ_ij − y_ij)²} over n rows and
     * m outputs (no ½, as in Keras and PyTorch)} It goes with any output activation.
     */
    static Loss mse() {
        return MeanSquaredError.INSTANCE;
    }

    /**
     * {@return binary cross-entropy {@code C = −(1 / (n·m)) Σ_i Σ_j [y log ŷ + (1 − y) log(1 − ŷ)]},
     * for sigmoid outputs and targets in [0, 1]} The network must end in {@link Activation#sigmoid()}.
     */
    static Loss binaryCrossEntropy() {
        return BinaryCrossEntropy.INSTANCE;
    }

    /**
     * {@return categorical cross-entropy {@code C = −(1 / n) Σ_i Σ_j y_ij log ŷ_ij}, for softmax
     * outputs and one-hot targets} The network must end in {@link Activation#softmax()} over at
     * least two outputs.
     */
    static Loss crossEntropy() {
        return CrossEntropy.INSTANCE;
    }

    /** {@return the name that identifies this loss in messages and model files, such as {@code "mse"}} */
    String name();

    /**
     * Returns the mean cost of rows {@code 0..rows−1}.
     *
     * @param z the output layer's weighted sums (logits), (rows × width); not modified
     * @param yHat the network's outputs {@code ŷ = f(z)}, (rows × width); not modified
     * @param y the targets, (rows × width); not modified
     * @param rows the number of rows to use
     * @param width the number of outputs
     * @return the mean cost, ≥ 0
     */
    double cost(double[][] z, double[][] yHat, double[][] y, int rows, int width);

    /**
     * Computes {@code ∂C/∂ŷ} of the mean cost for rows {@code 0..rows−1}.
     *
     * @param yHat the network's outputs; not modified
     * @param y the targets; not modified
     * @param rows the number of rows to use
     * @param width the number of outputs
     * @param gradient the result, (rows × width); overwritten
     */
    void gradient(double[][] yHat, double[][] y, int rows, int width, double[][] gradient);

    /**
     * Computes the output layer's local gradient {@code δ = ∂C/∂z} for rows {@code 0..rows−1}.
     *
     * <p>By default this is the chain rule {@code δ = ∂C/∂ŷ ⊙ f'(z)}: {@link #gradient} followed
     * by {@code head.backward}. Losses fused with their head override it with the simpler, stable
     * form {@code δ = (ŷ − y) / N}.
     *
     * @param head the output layer's activation
     * @param z the output layer's weighted sums; not modified
     * @param yHat the network's outputs {@code f(z)}; not modified
     * @param y the targets; not modified
     * @param rows the number of rows to use
     * @param width the number of outputs
     * @param delta the result, (rows × width); overwritten
     */
    default void delta(Activation head, double[][] z, double[][] yHat, double[][] y, int rows, int width,
            double[][] delta) {
        gradient(yHat, y, rows, width, delta);
        head.backward(z, yHat, delta, delta, 0, rows, width);
    }

    /**
     * Checks that this loss can be used after the given output activation and output count.
     *
     * @param head the output layer's activation
     * @param outputs the output layer's width
     * @throws IllegalArgumentException naming the fix, if the pairing is unsound
     */
    default void checkHead(Activation head, int outputs) {
    }

    /**
     * Checks that the targets suit this loss (for example labels in [0, 1] for binary
     * cross-entropy). The network has already checked shapes and finiteness.
     *
     * @param y the targets, (n × width); not modified
     * @param name the argument's name in messages
     * @throws IllegalArgumentException naming the row and column of the first bad target
     */
    default void checkTargets(double[][] y, String name) {
    }
}
