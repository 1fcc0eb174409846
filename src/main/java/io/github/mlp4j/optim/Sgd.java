package io.github.mlp4j.optim;

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
        return new State(UpdateChecks.parameterCount(parameterCount));
    }

    private static final class State implements Optimizer.State {
        private final int parameterCount;
        private long steps;

        State(int parameterCount) {
            this.parameterCount = parameterCount;
        }

        @Override
        public void update(double[] theta, double[] gradient, double learningRate) {
            UpdateChecks.update(theta, gradient, learningRate, parameterCount);
            for (int i = 0; i < parameterCount; i++) {
                theta[i] -= learningRate * gradient[i];                 // θ ← θ − ε·g
            }
            steps++;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public int parameterCount() {
            return parameterCount;
        }
    }
}
