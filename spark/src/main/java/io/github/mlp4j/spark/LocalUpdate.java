package io.github.mlp4j.spark;

import io.github.mlp4j.optim.Optimizer;

/**
 * The update rule of the core's trainer around any optimizer's state: the L2 term is added inside
 * the update, where the live parameters are, then the optimizer applies
 * {@code θ ← update(θ, g + λθ, ε)}. Clipping happens before, on the gradient.
 *
 * <p>As {@link Optimizer.State} requires, the gradient is not modified: {@code g + λθ} is formed
 * in a buffer this state owns, allocated at its first update and reused by every later one. Not
 * thread-safe, like every state.
 */
final class LocalUpdate implements Optimizer.State {
    private final Optimizer.State inner;
    private final double lambda;
    /** {@code g + λθ}, so that the caller's gradient is not modified; null until the first update with λ > 0. */
    private double[] decayed;

    LocalUpdate(Optimizer.State inner, double lambda) {
        this.inner = inner;
        this.lambda = lambda;
    }

    /** {@return the wrapped state} */
    Optimizer.State inner() {
        return inner;
    }

    /**
     * Applies {@code θ ← update(θ, g + λθ, ε)} with the wrapped state.
     *
     * @param theta the parameters; overwritten with the updated values
     * @param gradient {@code g}; not modified
     * @param learningRate {@code ε}
     * @throws IllegalArgumentException if an array's length differs from {@link #parameterCount()}
     */
    @Override
    public void update(double[] theta, double[] gradient, double learningRate) {
        if (lambda == 0) {
            inner.update(theta, gradient, learningRate);
            return;
        }
        int n = inner.parameterCount();
        if (theta.length != n || gradient.length != n) {
            throw new IllegalArgumentException("theta has " + theta.length + " values and gradient " + gradient.length
                    + ", but the optimizer was started for " + n + " parameters.");
        }
        if (decayed == null) {
            decayed = new double[n];
        }
        for (int i = 0; i < n; i++) {
            decayed[i] = gradient[i] + lambda * theta[i];                   // g + λθ
        }
        inner.update(theta, decayed, learningRate);
    }

    @Override
    public long steps() {
        return inner.steps();
    }

    @Override
    public int parameterCount() {
        return inner.parameterCount();
    }

    @Override
    public Optimizer.Snapshot snapshot() {
        return inner.snapshot();
    }
}
