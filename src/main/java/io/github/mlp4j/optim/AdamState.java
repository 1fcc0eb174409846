package io.github.mlp4j.optim;

import io.github.mlp4j.internal.ScaledUpdate;

import io.github.mlp4j.internal.Checks;

/**
 * The state shared by {@link Adam} and {@link AdamW}: two buffers, the first moment {@code m} and
 * the second moment {@code v}, and the bias-corrected step
 * <pre>
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * m̂ = m / (1 − β1^t)
 * v̂ = v / (1 − β2^t)
 * θ ← θ − ε·m̂ / (√v̂ + ε̂)                 (Adam)
 * θ ← θ − ε·(m̂ / (√v̂ + ε̂) + λ·θ)         (AdamW, decoupled weight decay)
 * </pre>
 * The two last lines are kept as written rather than merged, so that Adam's steps stay
 * bit-identical and are not AdamW's with {@code λ = 0} (which rounds differently).
 */
final class AdamState extends BufferedState<Optimizer> {
    private final Adam moments;
    private final double decoupledDecay;
    private final boolean decoupled;
    /** The bias corrections of the update in progress, set by {@link #prepare} once per update. */
    private double correction1;
    private double correction2;

    /**
     * Creates a fresh state.
     *
     * @param owner the {@link Adam} or {@link AdamW} that starts it; AdamW decays decoupled
     * @param moments β1, β2 and ε̂
     * @param weightDecay AdamW's {@code λ}; ignored for Adam
     */
    AdamState(Optimizer owner, Adam moments, double weightDecay, int parameterCount) {
        super(owner, parameterCount, 2);
        this.moments = moments;
        this.decoupledDecay = weightDecay;
        this.decoupled = owner instanceof AdamW;
    }

    /** Creates a state from a snapshot of the same optimizer, as the fresh-state constructor does. */
    AdamState(Optimizer owner, Adam moments, double weightDecay, Optimizer.Snapshot snapshot) {
        super(owner, snapshot, 2);
        this.moments = moments;
        this.decoupledDecay = weightDecay;
        this.decoupled = owner instanceof AdamW;
    }

    /**
     * Checks the hyper-parameters Adam and AdamW share.
     *
     * @throws IllegalArgumentException if a decay rate is outside [0, 1) or {@code epsilon} is not
     *     positive and finite
     */
    static void checkMoments(double beta1, double beta2, double epsilon) {
        UpdateChecks.decayRate(beta1, "beta1", "0.9");
        UpdateChecks.decayRate(beta2, "beta2", "0.999");
        Checks.positiveFinite(epsilon, "epsilon", "1e-8");
    }

    @Override
    void prepare(long t) {
        correction1 = 1 / (1 - power(moments.beta1(), t));          // 1 / (1 − β1^t)
        correction2 = 1 / (1 - power(moments.beta2(), t));          // 1 / (1 − β2^t)
    }

    @Override
    void step(double[] theta, double[] gradient, double[] next, int segment, int n, double learningRate,
            double gradientScale, double weightDecay) {
        double[] m = buffers[0][segment];
        double[] v = buffers[1][segment];
        double beta1 = moments.beta1();
        double beta2 = moments.beta2();
        double epsilon = moments.epsilon();
        double correction1 = this.correction1;                      // of this update, see prepare
        double correction2 = this.correction2;
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        double lambda = decoupledDecay;
        boolean decoupled = this.decoupled;
        for (int i = 0; i < n; i++) {
            double th = theta[i];
            double g = ScaledUpdate.effective(gradient[i], th, gradientScale, weightDecay);
            double mi = beta1 * m[i] + oneMinusBeta1 * g;              // m ← β1·m + (1 − β1)·g
            double vi = beta2 * v[i] + oneMinusBeta2 * g * g;          // v ← β2·v + (1 − β2)·g²
            m[i] = mi;
            v[i] = vi;
            double mHat = mi * correction1;                            // m̂ = m / (1 − β1^t)
            double vHat = vi * correction2;                            // v̂ = v / (1 − β2^t)
            // AdamW: θ ← θ − ε·(m̂/(√v̂ + ε̂) + λ·θ);  Adam: θ ← θ − ε·m̂/(√v̂ + ε̂)
            next[i] = decoupled
                    ? th - learningRate * (mHat / (Math.sqrt(vHat) + epsilon) + lambda * th)
                    : th - learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }

    /**
     * Returns {@code β^t} by repeated squaring: a few IEEE products (at most two per bit of
     * {@code t}), so the same bits on every JVM, and no allocation, where JDK 17's
     * {@code StrictMath.pow} allocates three small arrays a call until the JIT has compiled it.
     * Each squaring can double the relative rounding error of the one before, but by then β^t is
     * small against 1: the bias correction {@code 1/(1 − β^t)} stays within a relative 10⁻¹¹
     * of one made with {@code StrictMath.pow} for β up to 0.99999 ({@code AdamTest} checks it).
     *
     * @param beta the base, in [0, 1)
     * @param t the exponent, at least 1
     */
    static double power(double beta, long t) {
        double result = 1.0;
        double square = beta;                                        // β^(2^k)
        for (long rest = t; rest > 0; rest >>>= 1) {
            if ((rest & 1) != 0) {
                result *= square;
            }
            square *= square;
        }
        return result;
    }
}
