package io.github.mlp4j.optim;

/**
 * The bookkeeping shared by the built-in optimizer states: the step count and the per-parameter
 * buffers (velocities, moments), each of length {@code parameterCount}, plus snapshots of both.
 */
abstract class BufferedState implements Optimizer.State {
    private final String optimizerName;
    /** The per-parameter buffers, in the order the optimizer documents; updated in place. */
    final double[][] buffers;
    final int parameterCount;
    /** The number of updates applied so far. */
    long steps;

    /** Creates a fresh state with {@code bufferCount} zero buffers and no steps. */
    BufferedState(String optimizerName, int parameterCount, int bufferCount) {
        this.optimizerName = optimizerName;
        this.parameterCount = UpdateChecks.parameterCount(parameterCount);
        this.buffers = new double[bufferCount][parameterCount];
    }

    /** Creates a state from a snapshot, after checking that it fits this optimizer. */
    BufferedState(String optimizerName, Optimizer.Snapshot snapshot, int bufferCount) {
        this.optimizerName = optimizerName;
        this.buffers = UpdateChecks.snapshot(snapshot, optimizerName, bufferCount);
        this.parameterCount = snapshot.parameterCount();
        this.steps = snapshot.steps();
    }

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
        return new Optimizer.Snapshot(optimizerName, parameterCount, steps, buffers);
    }
}
