package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Checks;

/**
 * AdamW (Loshchilov &amp; Hutter, 2019): {@link Adam} with weight decay applied directly to the
 * parameters instead of being added to the gradient.
 *
 * <p>With the moments and bias correction of {@link Adam} and the step number {@code t}:
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * m̂ = m / (1 − β1^t)
 * v̂ = v / (1 − β2^t)
 * θ ← θ − ε·(m̂ / (√v̂ + ε̂) + λ·θ)
 * </pre>
 * where {@code ε} is the learning rate, {@code g = ∂C/∂θ} and {@code λ} the weight decay; the
 * {@code θ} on the right is the value before this update. As in PyTorch's {@code AdamW}, the
 * decay is multiplied by the learning rate, so a schedule shrinks both together. Because the
 * decay never passes through {@code v̂}, it is not the same as adding {@code λ·θ} to the gradient
 * of plain Adam (see {@link Gradients#addL2}). The decay applies to every parameter, biases
 * included.
 *
 * <p>The defaults are Adam's ({@code β1 = 0.9}, {@code β2 = 0.999}, {@code ε̂ = 1e-8}) and
 * {@code λ = 0.01}. Instances are immutable and thread-safe.
 *
 * @param beta1 the decay rate {@code β1} of the first moment, in [0, 1)
 * @param beta2 the decay rate {@code β2} of the second moment, in [0, 1)
 * @param epsilon {@code ε̂}, positive and finite
 * @param weightDecay {@code λ}, finite and at least 0
 */
public record AdamW(double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {

    /** The default weight decay {@code λ = 0.01}. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /**
     * Creates an AdamW optimizer after checking its hyper-parameters.
     *
     * @param beta1 the decay rate {@code β1} of the first moment, in [0, 1)
     * @param beta2 the decay rate {@code β2} of the second moment, in [0, 1)
     * @param epsilon {@code ε̂}, positive and finite
     * @param weightDecay {@code λ}, finite and at least 0
     * @throws IllegalArgumentException if a decay rate is outside [0, 1), {@code epsilon} is not
     *     positive and finite, or {@code weightDecay} is negative or not finite
     */
    public AdamW {
        UpdateChecks.decayRate(beta1, "beta1", "0.9");
        UpdateChecks.decayRate(beta2, "beta2", "0.999");
        Checks.positiveFinite(epsilon, "epsilon", "1e-8");
        UpdateChecks.nonNegativeFinite(weightDecay, "weightDecay", "0.01");
    }

    /**
     * Returns AdamW with {@code β1 = 0.9}, {@code β2 = 0.999}, {@code ε̂ = 1e-8} and
     * {@code λ = 0.01}.
     *
     * @return the default AdamW optimizer
     */
    public static AdamW defaults() {
        return new AdamW(Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Returns {@code "adamw"}.
     *
     * @return {@code "adamw"}
     */
    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public Optimizer.State start(int parameterCount) {
        return new State(this, parameterCount);
    }

    @Override
    public Optimizer.State restore(Optimizer.Snapshot snapshot) {
        return new State(this, snapshot);
    }

    /** AdamW's state: two buffers, the first moment {@code m} and the second moment {@code v}. */
    private static final class State extends BufferedState {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double weightDecay;

        State(AdamW config, int parameterCount) {
            super("adamw", parameterCount, 2);
            this.beta1 = config.beta1;
            this.beta2 = config.beta2;
            this.epsilon = config.epsilon;
            this.weightDecay = config.weightDecay;
        }

        State(AdamW config, Optimizer.Snapshot snapshot) {
            super("adamw", snapshot, 2);
            this.beta1 = config.beta1;
            this.beta2 = config.beta2;
            this.epsilon = config.epsilon;
            this.weightDecay = config.weightDecay;
        }

        @Override
        public void update(double[] theta, double[] gradient, double learningRate) {
            UpdateChecks.update(theta, gradient, learningRate, parameterCount);
            double[] m = buffers[0];
            double[] v = buffers[1];
            long t = steps + 1;
            double beta1 = this.beta1;
            double beta2 = this.beta2;
            double epsilon = this.epsilon;
            double correction1 = 1 / (1 - StrictMath.pow(beta1, t)); // 1 / (1 − β1^t)
            double correction2 = 1 / (1 - StrictMath.pow(beta2, t)); // 1 / (1 − β2^t)
            double oneMinusBeta1 = 1 - beta1;
            double oneMinusBeta2 = 1 - beta2;
            double lambda = weightDecay;
            int n = parameterCount;
            for (int i = 0; i < n; i++) {
                double g = gradient[i];
                double mi = beta1 * m[i] + oneMinusBeta1 * g;          // m ← β1·m + (1 − β1)·g
                double vi = beta2 * v[i] + oneMinusBeta2 * g * g;      // v ← β2·v + (1 − β2)·g²
                m[i] = mi;
                v[i] = vi;
                double mHat = mi * correction1;                        // m̂ = m / (1 − β1^t)
                double vHat = vi * correction2;                        // v̂ = v / (1 − β2^t)
                double th = theta[i];
                theta[i] = th - learningRate * (mHat / (Math.sqrt(vHat) + epsilon) + lambda * th);
                                                                       // θ ← θ − ε·(m̂/(√v̂ + ε̂) + λ·θ)
            }
            steps = t;
        }
    }
}
