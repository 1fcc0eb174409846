package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.ScaledUpdate;

/**
 * RMSProp, which divides each gradient by a running root mean square of its recent values.
 *
 * <p>With a running average {@code s} of squared gradients per parameter (zero at the start):
 * <pre>
 * s ← ρ·s + (1 − ρ)·g²
 * θ ← θ − ε·g / (√s + ε̂)
 * </pre>
 * where {@code ε} is the learning rate, {@code g = ∂C/∂θ}, {@code ρ} the decay rate and
 * {@code ε̂} a small constant added to {@code √s} (outside the root, as PyTorch's {@code RMSprop}
 * does) so that a zero gradient history does not divide by zero. There is no momentum term and
 * no centring. The defaults are Keras's: {@code ρ = 0.9}, {@code ε̂ = 1e-7}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param rho the decay rate {@code ρ} of the squared-gradient average, in [0, 1)
 * @param epsilon {@code ε̂}, positive and finite
 */
public record RmsProp(double rho, double epsilon) implements Optimizer {

    /** The default decay rate {@code ρ = 0.9}. */
    public static final double DEFAULT_RHO = 0.9;

    /** The default {@code ε̂ = 1e-7}. */
    public static final double DEFAULT_EPSILON = 1e-7;

    /**
     * Creates an RMSProp optimizer after checking its hyper-parameters.
     *
     * @param rho the decay rate {@code ρ}, in [0, 1)
     * @param epsilon {@code ε̂}, positive and finite
     * @throws IllegalArgumentException if {@code rho} is outside [0, 1) or {@code epsilon} is not
     *     positive and finite
     */
    public RmsProp {
        UpdateChecks.decayRate(rho, "rho", "0.9");
        Checks.positiveFinite(epsilon, "epsilon", "1e-7");
    }

    /**
     * Returns RMSProp with {@code ρ = 0.9} and {@code ε̂ = 1e-7}.
     *
     * @return the default RMSProp optimizer
     */
    public static RmsProp defaults() {
        return new RmsProp(DEFAULT_RHO, DEFAULT_EPSILON);
    }

    /**
     * Returns {@code "rmsprop"}.
     *
     * @return {@code "rmsprop"}
     */
    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public Optimizer.State start(int parameterCount) {
        return new State(this, parameterCount);
    }

    @Override
    public Optimizer.State restore(Optimizer.Snapshot snapshot) {
        return new State(this, snapshot);
    }

    /** RMSProp's state: one buffer, the mean square {@code s}. */
    private static final class State extends BufferedState<RmsProp> {

        State(RmsProp config, int parameterCount) {
            super(config, parameterCount, 1);
        }

        State(RmsProp config, Optimizer.Snapshot snapshot) {
            super(config, snapshot, 1);
        }

        @Override
        void step(double[] theta, double[] gradient, double[] next, int segment, int n, double learningRate,
                double gradientScale, double weightDecay) {
            double[] s = buffers[0][segment];
            double rho = config.rho;
            double epsilon = config.epsilon;
            double oneMinusRho = 1 - rho;
            for (int i = 0; i < n; i++) {
                double g = ScaledUpdate.effective(gradient[i], theta[i], gradientScale, weightDecay);
                double si = rho * s[i] + oneMinusRho * g * g;           // s ← ρ·s + (1 − ρ)·g²
                s[i] = si;
                next[i] = theta[i] - learningRate * g / (Math.sqrt(si) + epsilon);   // θ ← θ − ε·g/(√s + ε̂)
            }
        }
    }
}
