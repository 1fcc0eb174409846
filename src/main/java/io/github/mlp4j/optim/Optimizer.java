package io.github.mlp4j.optim;

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
