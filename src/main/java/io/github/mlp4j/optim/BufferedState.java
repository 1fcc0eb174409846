package io.github.mlp4j.optim;

import io.github.mlp4j.internal.ScaledUpdate;

/**
 * The bookkeeping shared by the built-in optimizer states: the optimizer whose hyper-parameters
 * the state applies, the step count and the per-parameter buffers (velocities, moments), each of
 * length {@code parameterCount}, plus snapshots of both.
 *
 * @param <C> the optimizer's type, whose immutable record holds the hyper-parameters
 */
abstract class BufferedState<C extends Optimizer> implements Optimizer.State, ScaledUpdate {
    /** The optimizer that started this state; its name labels snapshots. */
    final C config;
    /** The per-parameter buffers, in the order the optimizer documents; updated in place. */
    final double[][] buffers;
    final int parameterCount;
    /** The number of updates applied so far. */
    long steps;

    /** Creates a fresh state with {@code bufferCount} zero buffers and no steps. */
    BufferedState(C config, int parameterCount, int bufferCount) {
        this.config = config;
        this.parameterCount = UpdateChecks.parameterCount(parameterCount);
        this.buffers = new double[bufferCount][parameterCount];
    }

    /** Creates a state from a snapshot, after checking that it fits this optimizer. */
    BufferedState(C config, Optimizer.Snapshot snapshot, int bufferCount) {
        this.config = config;
        this.buffers = UpdateChecks.snapshot(snapshot, config.name(), bufferCount);
        this.parameterCount = snapshot.parameterCount();
        this.steps = snapshot.steps();
    }

    /**
     * Checks the arguments, applies update number {@code steps + 1} through {@link #step}, and
     * counts it.
     *
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if an array length differs from {@code parameterCount} or
     *     the learning rate is not positive and finite
     */
    @Override
    public final void update(double[] theta, double[] gradient, double learningRate) {
        update(theta, gradient, learningRate, 1.0, 0.0);
    }

    /**
     * As {@link #update(double[], double[], double)} on the gradient {@code s·g + λ·θ}, formed
     * entry by entry by {@link ScaledUpdate#effective} inside the step.
     */
    @Override
    public final void update(double[] theta, double[] gradient, double learningRate, double gradientScale,
            double weightDecay) {
        UpdateChecks.update(theta, gradient, learningRate, parameterCount);
        long t = steps + 1;
        step(theta, gradient, learningRate, t, gradientScale, weightDecay);
        steps = t;
    }

    /**
     * Applies one update to {@code theta} and the buffers; the arguments are already checked.
     * Each entry of the gradient followed is {@code g = ScaledUpdate.effective(gradient[i],
     * theta[i], gradientScale, weightDecay)}.
     *
     * @param theta the parameters, of length {@code parameterCount}; overwritten
     * @param gradient {@code ∂C/∂θ}, of length {@code parameterCount}; not modified
     * @param learningRate {@code ε}, positive and finite
     * @param t the number of this update, 1 for the first
     * @param gradientScale {@code s}, the clipping factor (1 for none)
     * @param weightDecay {@code λ}, the L2 decay added to the gradient (0 for none)
     */
    abstract void step(double[] theta, double[] gradient, double learningRate, long t, double gradientScale,
            double weightDecay);

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final int parameterCount() {
        return parameterCount;
    }

    @Override
    public final Optimizer.Snapshot snapshot() {
        return new Optimizer.Snapshot(config.name(), parameterCount, steps, buffers);
    }
}
