package io.github.mlp4j.optim;

/**
 * A rule for updating parameters from their gradient (placeholder until the optimizers land).
 */
public interface Optimizer {
    /** Returns the optimizer's name. */
    String name();

    /**
     * Returns fresh state for one training run.
     *
     * @param parameterCount the length of the parameter vector
     * @return the state
     */
    State start(int parameterCount);

    /** Returns plain gradient descent, {@code θ ← θ − ε·g}. */
    static Optimizer sgd() {
        return new Optimizer() {
            @Override
            public String name() {
                return "sgd";
            }

            @Override
            public State start(int parameterCount) {
                return new State() {
                    private long steps;

                    @Override
                    public void update(double[] theta, double[] gradient, double learningRate) {
                        for (int p = 0; p < theta.length; p++) {
                            theta[p] -= learningRate * gradient[p];
                        }
                        steps++;
                    }

                    @Override
                    public long steps() {
                        return steps;
                    }
                };
            }
        };
    }

    /** The mutable state of one training run. */
    interface State {
        /**
         * Applies one update.
         *
         * @param theta the parameters; overwritten
         * @param gradient the gradient; not modified
         * @param learningRate this step's learning rate
         */
        void update(double[] theta, double[] gradient, double learningRate);

        /** Returns the number of updates applied so far. */
        long steps();
    }
}
