package io.github.mlp4j.optim;

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
        AdamState.checkMoments(beta1, beta2, epsilon);
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
        return new AdamState(this, moments(), weightDecay, parameterCount);
    }

    @Override
    public Optimizer.State restore(Optimizer.Snapshot snapshot) {
        return new AdamState(this, moments(), weightDecay, snapshot);
    }

    /** Returns plain Adam with this optimizer's moment hyper-parameters. */
    private Adam moments() {
        return new Adam(beta1, beta2, epsilon);
    }
}
