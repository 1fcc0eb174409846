package io.github.mlp4j.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * A rule that turns the gradient {@code g = ∂C/∂θ} into an update of the flat parameter array
 * {@code θ}, always by subtraction: {@code θ ← θ − ε·(…)}.
 *
 * <p>An optimizer is immutable configuration (its hyper-parameters) and can be shared between
 * threads and training runs. The mutable part — velocities, moment estimates, the step count —
 * lives in a {@link State}, created fresh by {@link #start(int)} for each training run:
 * <pre>{@code
 * Optimizer.State state = Optimizer.adam().start(theta.length);
 * state.update(theta, gradient, 0.001);   // θ overwritten, gradient not modified
 * }</pre>
 *
 * <p>The factories below cover the usual choices; each implementation documents its exact
 * formula.
 */
public interface Optimizer {

    /**
     * Returns a short lower-case name for this optimizer, such as {@code "adam"}, for logs and
     * model files.
     *
     * @return the optimizer's name
     */
    String name();

    /**
     * Creates the mutable state of one training run for {@code parameterCount} parameters, with
     * every moment at zero and a step count of zero.
     *
     * <p>Calling {@code start} again gives a new, independent state; that is how a run is reset.
     *
     * @param parameterCount the length of {@code theta}, at least 1
     * @return a fresh state
     * @throws IllegalArgumentException if {@code parameterCount < 1}
     */
    State start(int parameterCount);

    /**
     * The mutable state of one optimizer during one training run.
     *
     * <p>Instances are not thread-safe: one training loop owns each state.
     */
    interface State {

        /**
         * Applies one update to {@code theta} from {@code gradient}, using this step's learning
         * rate.
         *
         * @param theta the parameters, of length {@link #parameterCount()}; overwritten with the
         *     updated values
         * @param gradient {@code ∂C/∂θ}, of the same length; not modified
         * @param learningRate {@code ε} for this step, positive and finite
         * @throws NullPointerException if an array is null
         * @throws IllegalArgumentException if an array length differs from
         *     {@link #parameterCount()} or {@code learningRate} is not positive and finite
         */
        void update(double[] theta, double[] gradient, double learningRate);

        /**
         * Returns the number of updates applied so far.
         *
         * @return 0 for a fresh state, then 1, 2, …
         */
        long steps();

        /**
         * Returns the number of parameters this state was started for.
         *
         * @return the length {@code theta} and {@code gradient} must have
         */
        int parameterCount();

        /**
         * Returns a copy of this state — the step count and every per-parameter buffer — from
         * which {@link Optimizer#restore(Snapshot)} can resume training, for example after
         * saving a checkpoint.
         *
         * <p>The built-in optimizers support snapshots; the default implementation throws.
         *
         * @return a snapshot that does not share arrays with this state
         * @throws UnsupportedOperationException if this state cannot be copied
         */
        default Snapshot snapshot() {
            throw new UnsupportedOperationException(getClass().getName()
                    + " does not support snapshots; override State.snapshot() and Optimizer.restore().");
        }
    }

    /**
     * Recreates the state of a training run from a {@link Snapshot} taken from a state of an
     * optimizer with the same name, so that updates continue exactly as they would have.
     *
     * <p>The snapshot holds no hyper-parameters: restoring with different ones (a different
     * {@code β}, say) continues from the same moments with the new values.
     *
     * @param snapshot a snapshot from {@link State#snapshot()}; its arrays are copied
     * @return a new state with the snapshot's step count and buffers
     * @throws NullPointerException if {@code snapshot} is null
     * @throws IllegalArgumentException if the snapshot was taken from another kind of optimizer
     *     or holds the wrong number of buffers
     * @throws UnsupportedOperationException if this optimizer does not support snapshots (the
     *     default implementation)
     */
    default State restore(Snapshot snapshot) {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not support snapshots; override State.snapshot() and Optimizer.restore().");
    }

    /**
     * A copy of an optimizer's state: the name of the optimizer it came from, the number of
     * parameters, the step count, and the per-parameter buffers in the order the optimizer
     * documents (none for SGD, the velocity for momentum, the mean square for RMSProp, the
     * moments {@code m} then {@code v} for Adam and AdamW).
     *
     * <p>Instances are immutable: the constructor and {@link #buffers()} copy the arrays.
     *
     * @param optimizerName the {@link Optimizer#name()} of the optimizer that made the state
     * @param parameterCount the number of parameters, at least 1
     * @param steps the number of updates applied, at least 0
     * @param buffers the per-parameter buffers, each of length {@code parameterCount}
     */
    record Snapshot(String optimizerName, int parameterCount, long steps, double[][] buffers) {

        /**
         * Creates a snapshot after checking and copying its parts.
         *
         * @param optimizerName the name of the optimizer that made the state
         * @param parameterCount the number of parameters, at least 1
         * @param steps the number of updates applied, at least 0
         * @param buffers the per-parameter buffers, each of length {@code parameterCount}; copied
         * @throws NullPointerException if the name, the buffers or one buffer is null
         * @throws IllegalArgumentException if {@code parameterCount < 1}, {@code steps < 0}, or a
         *     buffer's length differs from {@code parameterCount}
         */
        public Snapshot {
            Objects.requireNonNull(optimizerName, "optimizerName");
            Objects.requireNonNull(buffers, "buffers");
            UpdateChecks.parameterCount(parameterCount);
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be at least 0, but was " + steps + ".");
            }
            double[][] copy = new double[buffers.length][];
            for (int b = 0; b < buffers.length; b++) {
                int index = b;
                double[] buffer = Objects.requireNonNull(buffers[b], () -> "buffers[" + index + "] is null");
                if (buffer.length != parameterCount) {
                    throw new IllegalArgumentException("buffers[" + b + "] has " + buffer.length
                            + " values but parameterCount is " + parameterCount
                            + "; every buffer holds one value per parameter.");
                }
                copy[b] = buffer.clone();
            }
            buffers = copy;
        }

        /**
         * Returns a copy of the per-parameter buffers.
         *
         * @return a new array of new arrays, each of length {@link #parameterCount()}
         */
        @Override
        public double[][] buffers() {
            double[][] copy = new double[buffers.length][];
            for (int b = 0; b < buffers.length; b++) {
                copy[b] = buffers[b].clone();
            }
            return copy;
        }

        /**
         * Returns the number of buffers without copying them.
         *
         * @return the number of per-parameter buffers
         */
        public int bufferCount() {
            return buffers.length;
        }

        /**
         * Returns whether {@code other} is a snapshot with the same name, counts and buffer
         * values.
         *
         * @param other the object to compare with
         * @return true if every part is equal
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof Snapshot that
                    && optimizerName.equals(that.optimizerName)
                    && parameterCount == that.parameterCount
                    && steps == that.steps
                    && Arrays.deepEquals(buffers, that.buffers);
        }

        /**
         * Returns a hash code consistent with {@link #equals(Object)}.
         *
         * @return the hash of every part
         */
        @Override
        public int hashCode() {
            return Objects.hash(optimizerName, parameterCount, steps)
                    + 31 * Arrays.deepHashCode(buffers);
        }

        /**
         * Returns a short description without the buffer values.
         *
         * @return the name, counts and number of buffers
         */
        @Override
        public String toString() {
            return "Snapshot[optimizerName=" + optimizerName + ", parameterCount=" + parameterCount
                    + ", steps=" + steps + ", buffers=" + buffers.length + "]";
        }
    }

    /**
     * Returns plain stochastic gradient descent: {@code θ ← θ − ε·g}.
     *
     * @return the SGD optimizer
     * @see Sgd
     */
    static Optimizer sgd() {
        return new Sgd();
    }

    /**
     * Returns classical (heavy-ball) momentum: {@code v ← β·v + g; θ ← θ − ε·v}.
     *
     * @param beta the momentum coefficient {@code β} in [0, 1), typically 0.9
     * @return the momentum optimizer
     * @throws IllegalArgumentException if {@code beta} is outside [0, 1)
     * @see Momentum
     */
    static Optimizer momentum(double beta) {
        return new Momentum(beta, false);
    }

    /**
     * Returns Nesterov momentum in its look-ahead form:
     * {@code v ← β·v + g; θ ← θ − ε·(g + β·v)}.
     *
     * @param beta the momentum coefficient {@code β} in [0, 1), typically 0.9
     * @return the Nesterov momentum optimizer
     * @throws IllegalArgumentException if {@code beta} is outside [0, 1)
     * @see Momentum
     */
    static Optimizer nesterov(double beta) {
        return new Momentum(beta, true);
    }

    /**
     * Returns RMSProp with the Keras defaults {@code ρ = 0.9} and {@code ε̂ = 1e-7}.
     *
     * @return the RMSProp optimizer
     * @see RmsProp
     */
    static Optimizer rmsProp() {
        return RmsProp.defaults();
    }

    /**
     * Returns RMSProp: {@code s ← ρ·s + (1 − ρ)·g²; θ ← θ − ε·g / (√s + ε̂)}.
     *
     * @param rho the decay rate {@code ρ} of the squared-gradient average, in [0, 1)
     * @param epsilon {@code ε̂}, added to {@code √s}; positive and finite
     * @return the RMSProp optimizer
     * @throws IllegalArgumentException if {@code rho} is outside [0, 1) or {@code epsilon} is not
     *     positive and finite
     * @see RmsProp
     */
    static Optimizer rmsProp(double rho, double epsilon) {
        return new RmsProp(rho, epsilon);
    }

    /**
     * Returns Adam with the defaults {@code β1 = 0.9}, {@code β2 = 0.999}, {@code ε̂ = 1e-8}.
     *
     * @return the Adam optimizer
     * @see Adam
     */
    static Optimizer adam() {
        return Adam.defaults();
    }

    /**
     * Returns Adam with bias correction (Kingma &amp; Ba, 2015).
     *
     * @param beta1 the decay rate {@code β1} of the first moment, in [0, 1)
     * @param beta2 the decay rate {@code β2} of the second moment, in [0, 1)
     * @param epsilon {@code ε̂}, added to {@code √v̂}; positive and finite
     * @return the Adam optimizer
     * @throws IllegalArgumentException if a decay rate is outside [0, 1) or {@code epsilon} is not
     *     positive and finite
     * @see Adam
     */
    static Optimizer adam(double beta1, double beta2, double epsilon) {
        return new Adam(beta1, beta2, epsilon);
    }

    /**
     * Returns AdamW (Adam with decoupled weight decay) with the Adam defaults and the given decay.
     *
     * @param weightDecay {@code λ}, finite and at least 0; PyTorch's default is 0.01
     * @return the AdamW optimizer
     * @throws IllegalArgumentException if {@code weightDecay} is negative or not finite
     * @see AdamW
     */
    static Optimizer adamW(double weightDecay) {
        return new AdamW(Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, weightDecay);
    }

    /**
     * Returns AdamW: Adam with decoupled weight decay,
     * {@code θ ← θ − ε·(m̂ / (√v̂ + ε̂) + λ·θ)}.
     *
     * @param beta1 the decay rate {@code β1} of the first moment, in [0, 1)
     * @param beta2 the decay rate {@code β2} of the second moment, in [0, 1)
     * @param epsilon {@code ε̂}, added to {@code √v̂}; positive and finite
     * @param weightDecay {@code λ}, finite and at least 0
     * @return the AdamW optimizer
     * @throws IllegalArgumentException if a decay rate is outside [0, 1), {@code epsilon} is not
     *     positive and finite, or {@code weightDecay} is negative or not finite
     * @see AdamW
     */
    static Optimizer adamW(double beta1, double beta2, double epsilon, double weightDecay) {
        return new AdamW(beta1, beta2, epsilon, weightDecay);
    }
}
