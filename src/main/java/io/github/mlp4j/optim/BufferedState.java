package io.github.mlp4j.optim;

import io.github.mlp4j.internal.ScaledUpdate;

/**
 * The bookkeeping shared by the built-in optimizer states: the optimizer whose hyper-parameters
 * the state applies, the step count and the per-parameter buffers (velocities, moments), each of
 * length {@code parameterCount}, plus snapshots of both.
 *
 * <p>Each buffer is one array until a network {@linkplain #shape shapes} the state like its
 * parameters (one segment per row of {@code W}, per {@code b} and per other layer); the network
 * then updates segment by segment from the gradient in its layers' own arrays, so that the
 * parameters, the gradient and the buffers a loop reads all start at index 0 (C2 vectorises such
 * loops, and not those that mix arrays read at an offset with arrays read from 0). The values,
 * the arithmetic and the snapshots are the same in both forms.
 *
 * @param <C> the optimizer's type, whose immutable record holds the hyper-parameters
 */
abstract class BufferedState<C extends Optimizer> implements Optimizer.State, ScaledUpdate {
    /** The optimizer that started this state; its name labels snapshots. */
    final C config;
    /**
     * The per-parameter buffers, in the order the optimizer documents, each in segments:
     * {@code buffers[b][s]} is segment {@code s} of buffer {@code b}; updated in place.
     */
    double[][][] buffers;
    final int parameterCount;
    /** The segments' lengths, in θ's order; {@code {parameterCount}} until the state is shaped. */
    private int[] segments;
    /** A segment of θ and of the gradient, for {@link #update} on a shaped state; null until then. */
    private double[] segmentTheta;
    private double[] segmentGradient;
    /** The number of updates applied so far. */
    long steps;

    /** Creates a fresh state with {@code bufferCount} zero buffers and no steps. */
    BufferedState(C config, int parameterCount, int bufferCount) {
        this.config = config;
        this.parameterCount = UpdateChecks.parameterCount(parameterCount);
        this.buffers = new double[bufferCount][1][parameterCount];
        this.segments = new int[] {parameterCount};
    }

    /** Creates a state from a snapshot, after checking that it fits this optimizer. */
    BufferedState(C config, Optimizer.Snapshot snapshot, int bufferCount) {
        this.config = config;
        double[][] flat = UpdateChecks.snapshot(snapshot, config.name(), bufferCount);
        this.buffers = new double[bufferCount][][];
        for (int b = 0; b < bufferCount; b++) {
            buffers[b] = new double[][] {flat[b]};
        }
        this.parameterCount = snapshot.parameterCount();
        this.segments = new int[] {parameterCount};
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
        beginUpdate();
        if (segments.length == 1) {
            step(theta, gradient, theta, 0, parameterCount, learningRate, gradientScale, weightDecay);
        } else {
            updateBySegments(theta, gradient, learningRate, gradientScale, weightDecay);
        }
        endUpdate();
    }

    /** Applies the update to flat {@code theta} on a shaped state, one segment at a time. */
    private void updateBySegments(double[] theta, double[] gradient, double learningRate, double gradientScale,
            double weightDecay) {
        int start = 0;
        for (int s = 0; s < segments.length; s++) {
            int n = segments[s];
            System.arraycopy(theta, start, segmentTheta, 0, n);
            System.arraycopy(gradient, start, segmentGradient, 0, n);
            step(segmentTheta, segmentGradient, segmentTheta, s, n, learningRate, gradientScale, weightDecay);
            System.arraycopy(segmentTheta, 0, theta, start, n);
            start += n;
        }
    }

    @Override
    public final void shape(int[] lengths) {
        if (lengths == segments) {
            return;
        }
        long total = 0;
        int longest = 0;
        for (int n : lengths) {
            total += n;
            longest = Math.max(longest, n);
        }
        if (total != parameterCount) {
            throw new IllegalArgumentException("The segments hold " + total + " values but this state has "
                    + parameterCount + " parameters; start the optimizer with the network's parameter count.");
        }
        double[][] flat = flatBuffers();
        for (int b = 0; b < buffers.length; b++) {
            double[][] shaped = new double[lengths.length][];
            int start = 0;
            for (int s = 0; s < lengths.length; s++) {
                shaped[s] = java.util.Arrays.copyOfRange(flat[b], start, start + lengths[s]);
                start += lengths[s];
            }
            buffers[b] = shaped;
        }
        segments = lengths;
        segmentTheta = new double[longest];
        segmentGradient = new double[longest];
    }

    @Override
    public final void beginUpdate() {
        prepare(steps + 1);
    }

    @Override
    public final void updateSegment(double[] theta, double[] gradient, double[] next, int segment,
            double learningRate, double gradientScale, double weightDecay) {
        step(theta, gradient, next, segment, segments[segment], learningRate, gradientScale, weightDecay);
    }

    @Override
    public final void endUpdate() {
        steps++;
    }

    /**
     * Computes what every segment of update {@code t} shares (Adam's bias corrections), before
     * any segment's {@link #step}; nothing by default.
     *
     * @param t the number of the update, 1 for the first
     */
    void prepare(long t) {
    }

    /**
     * Applies update number {@code steps + 1} to segment {@code segment} of the parameters and the
     * buffers, after {@link #prepare} for it; the arguments are already checked. Each entry of the
     * gradient followed is {@code g = ScaledUpdate.effective(gradient[i], theta[i], gradientScale,
     * weightDecay)}.
     *
     * @param theta the segment's parameters, from index 0; not modified unless it is {@code next}
     * @param gradient {@code ∂C/∂θ} of the segment, from index 0; not modified
     * @param next receives the segment's new parameters, from index 0 (may be {@code theta})
     * @param segment which segment of each buffer to read and update
     * @param n the segment's length
     * @param learningRate {@code ε}, positive and finite
     * @param gradientScale {@code s}, the clipping factor (1 for none)
     * @param weightDecay {@code λ}, the L2 decay added to the gradient (0 for none)
     */
    abstract void step(double[] theta, double[] gradient, double[] next, int segment, int n, double learningRate,
            double gradientScale, double weightDecay);

    /** Returns each buffer as one array in θ's order: the buffers themselves while they are one segment. */
    private double[][] flatBuffers() {
        double[][] flat = new double[buffers.length][];
        for (int b = 0; b < buffers.length; b++) {
            if (buffers[b].length == 1) {
                flat[b] = buffers[b][0];
                continue;
            }
            flat[b] = new double[parameterCount];
            int start = 0;
            for (double[] segment : buffers[b]) {
                System.arraycopy(segment, 0, flat[b], start, segment.length);
                start += segment.length;
            }
        }
        return flat;
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
        return new Optimizer.Snapshot(config.name(), parameterCount, steps, flatBuffers());   // copied
    }
}
