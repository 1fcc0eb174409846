package io.github.mlp4j.spark;

import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;

/**
 * The update rule of the core's trainer around any optimizer's state: the L2 term is added inside
 * the update, where the live parameters are, {@code g ← g + λθ}, then the optimizer applies
 * {@code θ ← update(θ, g, ε)}. Clipping happens before, on the gradient.
 */
final class LocalUpdate implements Optimizer.State {
    private final Optimizer.State inner;
    private final double lambda;

    LocalUpdate(Optimizer.State inner, double lambda) {
        this.inner = inner;
        this.lambda = lambda;
    }

    /** {@return the wrapped state} */
    Optimizer.State inner() {
        return inner;
    }

    @Override
    public void update(double[] theta, double[] gradient, double learningRate) {
        if (lambda > 0) {
            Gradients.addL2(gradient, theta, lambda);
        }
        inner.update(theta, gradient, learningRate);
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
