package io.github.mlp4j.optim;

import io.github.mlp4j.internal.ScaledUpdate;

/**
 * Gradient descent with momentum, classical or Nesterov, which keeps a velocity {@code v} per
 * parameter (zero at the start).
 *
 * <p>Classical (heavy-ball) momentum, {@code nesterov = false}:
 * <pre>
 * v ← β·v + g
 * θ ← θ − ε·v
 * </pre>
 * Nesterov momentum in its look-ahead form, {@code nesterov = true}, as PyTorch's
 * {@code SGD(nesterov=True)} computes it:
 * <pre>
 * v ← β·v + g
 * θ ← θ − ε·(g + β·v)
 * </pre>
 * Here {@code ε} is the learning rate, {@code g = ∂C/∂θ} and {@code β} the momentum coefficient.
 * The learning rate is applied outside the velocity, as in PyTorch; Keras keeps {@code ε} inside
 * its velocity, which gives the same steps while the learning rate is constant. With
 * {@code β = 0} both forms reduce to {@link Sgd}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param beta the momentum coefficient {@code β} in [0, 1), typically 0.9
 * @param nesterov whether to use the Nesterov look-ahead form
 */
public record Momentum(double beta, boolean nesterov) implements Optimizer {

    /**
     * Creates a momentum optimizer after checking its coefficient.
     *
     * @param beta the momentum coefficient {@code β} in [0, 1)
     * @param nesterov whether to use the Nesterov look-ahead form
     * @throws IllegalArgumentException if {@code beta} is outside [0, 1)
     */
    public Momentum {
        UpdateChecks.decayRate(beta, "beta", "0.9");
    }

    /**
     * Returns {@code "nesterov"} or {@code "momentum"}.
     *
     * @return the name of the variant
     */
    @Override
    public String name() {
        return nesterov ? "nesterov" : "momentum";
    }

    @Override
    public Optimizer.State start(int parameterCount) {
        return new State(this, parameterCount);
    }

    @Override
    public Optimizer.State restore(Optimizer.Snapshot snapshot) {
        return new State(this, snapshot);
    }

    /** Momentum's state: one buffer, the velocity {@code v}. */
    private static final class State extends BufferedState<Momentum> {

        State(Momentum config, int parameterCount) {
            super(config, parameterCount, 1);
        }

        State(Momentum config, Optimizer.Snapshot snapshot) {
            super(config, snapshot, 1);
        }

        @Override
        void step(double[] theta, double[] gradient, double[] next, int segment, int n, double learningRate,
                double gradientScale, double weightDecay) {
            double[] v = buffers[0][segment];
            double beta = config.beta;
            if (config.nesterov) {
                for (int i = 0; i < n; i++) {
                    double g = ScaledUpdate.effective(gradient[i], theta[i], gradientScale, weightDecay);
                    double vi = beta * v[i] + g;                        // v ← β·v + g
                    v[i] = vi;
                    next[i] = theta[i] - learningRate * (g + beta * vi);  // θ ← θ − ε·(g + β·v)
                }
            } else {
                for (int i = 0; i < n; i++) {
                    double g = ScaledUpdate.effective(gradient[i], theta[i], gradientScale, weightDecay);
                    double vi = beta * v[i] + g;                        // v ← β·v + g
                    v[i] = vi;
                    next[i] = theta[i] - learningRate * vi;             // θ ← θ − ε·v
                }
            }
        }
    }
}
