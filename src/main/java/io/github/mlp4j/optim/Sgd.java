package io.github.mlp4j.optim;

import io.github.mlp4j.internal.ScaledUpdate;

/**
 * Plain stochastic gradient descent, which moves each parameter against its gradient:
 * <pre>
 * θ ← θ − ε·g
 * </pre>
 * where {@code ε} is the learning rate and {@code g = ∂C/∂θ}. SGD keeps no state besides the step
 * count.
 *
 * <p>Instances are immutable and thread-safe; use {@link Optimizer#sgd()} or {@code new Sgd()}.
 */
public record Sgd() implements Optimizer {

    /**
     * Returns {@code "sgd"}.
     *
     * @return {@code "sgd"}
     */
    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public Optimizer.State start(int parameterCount) {
        return new State(this, parameterCount);
    }

    @Override
    public Optimizer.State restore(Optimizer.Snapshot snapshot) {
        return new State(this, snapshot);
    }

    /** SGD's state: the step count only, no buffers. */
    private static final class State extends BufferedState<Sgd> {

        State(Sgd config, int parameterCount) {
            super(config, parameterCount, 0);
        }

        State(Sgd config, Optimizer.Snapshot snapshot) {
            super(config, snapshot, 0);
        }

        @Override
        void step(double[] theta, double[] gradient, double[] next, int segment, int n, double learningRate,
                double gradientScale, double weightDecay) {
            for (int i = 0; i < n; i++) {
                double g = ScaledUpdate.effective(gradient[i], theta[i], gradientScale, weightDecay);
                next[i] = theta[i] - learningRate * g;                  // θ ← θ − ε·g
            }
        }
    }
}
