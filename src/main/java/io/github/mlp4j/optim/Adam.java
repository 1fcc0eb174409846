package io.github.mlp4j.optim;

/**
 * Adam (Kingma &amp; Ba, 2015), which scales each step by running estimates of the gradient's
 * first and second moments, with bias correction.
 *
 * <p>With moments {@code m} and {@code v} per parameter (zero at the start) and the step number
 * {@code t = 1, 2, …} of the update being applied:
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * m̂ = m / (1 − β1^t)
 * v̂ = v / (1 − β2^t)
 * θ ← θ − ε·m̂ / (√v̂ + ε̂)
 * </pre>
 * where {@code ε} is the learning rate and {@code g = ∂C/∂θ}. The powers {@code β^t} are
 * products of IEEE multiplications (repeated squaring), so runs are bit-reproducible across JVMs
 * and a step allocates nothing. As in PyTorch's {@code Adam},
 * {@code ε̂} is added to {@code √v̂}, after bias correction (the paper's form; Keras adds it to
 * the uncorrected {@code √v}, which differs slightly in the first steps). On the first step
 * {@code m̂ = g} and {@code v̂ = g²}, so each parameter moves by {@code ε·g/(|g| + ε̂)}, almost
 * exactly {@code ε·sign(g)}.
 *
 * <p>The defaults are {@code β1 = 0.9}, {@code β2 = 0.999}, {@code ε̂ = 1e-8}. Instances are
 * immutable and thread-safe.
 *
 * @param beta1 the decay rate {@code β1} of the first moment, in [0, 1)
 * @param beta2 the decay rate {@code β2} of the second moment, in [0, 1)
 * @param epsilon {@code ε̂}, positive and finite
 */
public record Adam(double beta1, double beta2, double epsilon) implements Optimizer {

    /** The default first-moment decay rate {@code β1 = 0.9}. */
    public static final double DEFAULT_BETA1 = 0.9;

    /** The default second-moment decay rate {@code β2 = 0.999}. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** The default {@code ε̂ = 1e-8}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /**
     * Creates an Adam optimizer after checking its hyper-parameters.
     *
     * @param beta1 the decay rate {@code β1} of the first moment, in [0, 1)
     * @param beta2 the decay rate {@code β2} of the second moment, in [0, 1)
     * @param epsilon {@code ε̂}, positive and finite
     * @throws IllegalArgumentException if a decay rate is outside [0, 1) or {@code epsilon} is not
     *     positive and finite
     */
    public Adam {
        AdamState.checkMoments(beta1, beta2, epsilon);
    }

    /**
     * Returns Adam with {@code β1 = 0.9}, {@code β2 = 0.999} and {@code ε̂ = 1e-8}.
     *
     * @return the default Adam optimizer
     */
    public static Adam defaults() {
        return new Adam(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * Returns {@code "adam"}.
     *
     * @return {@code "adam"}
     */
    @Override
    public String name() {
        return "adam";
    }

    @Override
    public Optimizer.State start(int parameterCount) {
        return new AdamState(this, this, 0, parameterCount);
    }

    @Override
    public Optimizer.State restore(Optimizer.Snapshot snapshot) {
        return new AdamState(this, this, 0, snapshot);
    }
}
