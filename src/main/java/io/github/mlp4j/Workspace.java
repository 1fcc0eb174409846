package io.github.mlp4j;

import io.github.mlp4j.internal.Kernels;
import io.github.mlp4j.internal.RowDelta;
import io.github.mlp4j.internal.ScaledUpdate;
import io.github.mlp4j.internal.Workers;
import io.github.mlp4j.optim.Optimizer;

/**
 * Scratch buffers for forward and backward passes through one network, sized once for a batch
 * capacity and reused, so that training steps do not allocate.
 *
 * <p>Obtain one from {@link Network#workspace(int)} and pass it to
 * {@link Network#computeGradient(double[][], double[][], int, Workspace)}; trainers use this pair
 * to run their own loops. For layer {@code l}: {@code z[l]} and {@code a[l]} hold its weighted sums
 * and activations, and {@code delta[l]} its local gradient {@code ∂C/∂z}, each
 * (capacity × outputSize). The gradient is kept in the parameters' own shapes (rows of
 * {@code ∂C/∂W} for a dense layer, one array for any other layer), which
 * {@link Network#update(Optimizer.State, Workspace, double, double, double)} reads as they are,
 * and copied in θ's order into {@link #gradient()} for a caller who asks for it. Instances are
 * not thread-safe: each thread uses its own.
 *
 * <p>A prediction workspace (made by the network for its own predictions) holds only
 * {@code z}, {@code a} and, for a layer whose product is summed in input chunks, the chunks'
 * partial sums: memory proportional to its capacity times the layers' widths.
 */
public final class Workspace {
    /** Doubles in a cache line: the padding after each array that one thread writes while others write theirs. */
    private static final int PAD = 8;
    /** Rows per block when a layer with parameters that is not dense is back-propagated on the threads. */
    static final int BLOCK = 16;

    final Network network;
    /** The network's parameters, whose layout the gradient follows. */
    private final Parameters params;
    final int capacity;
    /** Whether this workspace holds the buffers of training (δ, gradients, per-part scratch). */
    final boolean training;
    /** The rows of the batch in progress (references to the caller's rows, dropped after each call). */
    final double[][] input;
    final double[][] target;
    final double[][][] z;
    final double[][][] a;
    /** {@code δˡ = ∂C/∂zˡ} per layer; null in a prediction workspace. */
    final double[][][] delta;
    /**
     * For a layer whose product {@code x·W} is summed in input chunks, the partial sum of each
     * chunk, {@code partial[l][c]} (capacity × outputSize); null for the other layers.
     */
    final double[][][][] partial;
    /** Each layer's pass: {@link Pass#INFERENCE} in a prediction workspace, else armed per step. */
    final Pass[] passes;

    /**
     * ∂C/∂θ in θ's order, made on the first call of {@link #gradient()}; from then on filled by
     * each {@link Network#computeGradient} (so that an array a caller keeps stays current), and
     * before that only when asked for. Null until asked for.
     */
    private double[] gradient;
    /** Whether {@link #gradient()} has been called, so that each new gradient is copied at once. */
    private boolean flatWanted;
    /** Whether the layers' arrays hold a gradient that {@link #gradient} does not yet. */
    private boolean flatStale;
    /**
     * Per dense layer, {@code ∂C/∂W} as rows and {@code ∂C/∂b}; when a step of {@link Network#fit}
     * cannot prove that it stays finite, the next {@code W} and {@code b} are built here instead
     * and swap places with the network's.
     */
    final double[][][] weightGradient;
    final double[][] biasGradient;
    /**
     * Per dense layer, the next {@code W} and {@code b} that an optimizer's update builds from the
     * gradient, which swap with the network's; made on the first such update (null before).
     */
    double[][][] weightNext;
    double[][] biasNext;
    /** Per layer that is not dense, its gradient; then its next parameters, which swap with the network's. */
    final double[][] ownGradient;
    final double[][] ownNext;
    /** Per such layer with parameters, one gradient buffer per block of {@link #BLOCK} rows. */
    final double[][][] blockGradient;

    /**
     * The most parts a split task of this workspace runs in: {@link WorkSplit#PARTS_PER_THREAD}
     * per thread, but no more than the batch has rows (or the threads, if more), and 1 on one
     * thread; the buffers below have one entry per part (none in a prediction workspace).
     */
    final int parts;
    /**
     * Per part of a split training step: a finiteness accumulator and a scratch row (a bias
     * gradient, or column maxima for {@link Kernels#maxAbs}; part 0's also serves the serial
     * scans), each with {@link #PAD} unused values after it, so that no cache line holds values
     * that two threads write.
     */
    final double[][] partCheck;
    final double[][] partScratch;
    /** Per part, {@link Kernels#K_BLOCK} gradient rows for the step kernels. */
    final double[][][] partRows;
    /**
     * Per part, the largest {@code |aˡ|} (slot {@code 2l}) and {@code |δˡ|} (slot {@code 2l + 1})
     * over the rows that part computed; null in a prediction workspace.
     */
    final double[][] partMax;
    /** Per layer, the most that this step can change a parameter. */
    final double[] boundChange;

    // The batch in progress, which the tasks below read: its size, and the rate of the step
    // being taken. Everything else a task needs is fixed when it is made (one per layer segment,
    // once per workspace), so that handing work to the pool allocates nothing.
    /** The number of rows of the batch in progress. */
    int rows;
    /** The learning rate of the step that {@link #stepTask}, {@link #updateTask} or {@link #optimizerTask} takes. */
    double learningRate;
    /** The optimizer, clipping factor and weight decay of the update {@link #optimizerTask} builds. */
    ScaledUpdate optimizer;
    double gradientScale;
    double weightDecay;
    /** An upper bound on {@code |x|} over the inputs being trained on (set by fit and step). */
    double inputMax = Double.NaN;
    /** The matrix that {@link #scanTask} scans, during {@link Engine#maxAbs} only. */
    double[][] scanned;

    /** Per first layer of a forward segment, the forward pass of its layers by rows; else null. */
    final Workers.Task[] forwardTasks;
    /** Per chunked dense layer, its partial products by chunks of inputs; else null. */
    final Workers.Task[] partialTasks;
    /** Per top layer of a back-propagation segment, δ down through its layers by rows (training only). */
    final Workers.Task[] deltaTasks;
    /** Per layer with parameters that is not dense, its back-propagation in blocks (training only). */
    final Workers.Task[] blockTasks;
    /**
     * The last forward segment by rows, the loss's {@code δᴸ} and back-propagation by rows down
     * from the output layer, as one task (training with a {@link RowDelta} loss only; else null).
     */
    Workers.Task forwardDeltaTask;
    Workers.Task weightTask;
    Workers.Task stepTask;
    Workers.Task updateTask;
    Workers.Task optimizerTask;
    Workers.Task squaresTask;
    Workers.Task scanTask;

    Workspace(Network network, Parameters params, WorkSplit split, int capacity, boolean training, int parts) {
        Layer[] layers = params.layers;
        this.network = network;
        this.params = params;
        this.capacity = capacity;
        this.training = training;
        this.parts = parts;
        int depth = layers.length;
        this.input = new double[capacity][];
        this.target = new double[capacity][];
        this.z = new double[depth][][];
        this.a = new double[depth][][];
        this.delta = training ? new double[depth][][] : null;
        this.partial = new double[depth][][][];
        this.passes = new Pass[depth];
        this.forwardTasks = new Workers.Task[depth];
        this.partialTasks = new Workers.Task[depth];
        this.deltaTasks = new Workers.Task[depth];
        this.blockTasks = new Workers.Task[depth];
        int widest = 1;
        for (int l = 0; l < depth; l++) {
            int width = layers[l].outputSize();
            widest = Math.max(widest, width);
            z[l] = new double[capacity][width];
            a[l] = new double[capacity][width];
            if (training) {
                delta[l] = new double[capacity][width];
            }
            if (split.chunked(l)) {
                partial[l] = new double[WorkSplit.CHUNKS][capacity][width];
            }
            passes[l] = training ? new Pass(l) : Pass.INFERENCE;
        }
        int p = training ? parts : 0;
        this.partCheck = new double[p][Math.max(widest, 1) + PAD];
        this.partScratch = new double[p][Math.max(widest, layers[0].inputSize()) + PAD];
        this.partRows = new double[p][Kernels.K_BLOCK][widest + PAD];
        this.partMax = training ? new double[parts][2 * depth + PAD] : null;
        this.boundChange = new double[depth];
        this.weightGradient = new double[depth][][];
        this.biasGradient = new double[depth][];
        this.ownGradient = new double[depth][];
        this.ownNext = new double[depth][];
        this.blockGradient = new double[depth][][];
        for (int l = 0; training && l < depth; l++) {
            Layer layer = layers[l];
            if (Parameters.isDense(layer)) {
                weightGradient[l] = new double[layer.inputSize()][layer.outputSize()];
                biasGradient[l] = new double[layer.outputSize()];
            } else {
                ownGradient[l] = new double[layer.parameterCount()];
                ownNext[l] = new double[layer.parameterCount()];
                if (layer.parameterCount() > 0) {
                    blockGradient[l] = new double[(capacity + BLOCK - 1) / BLOCK][layer.parameterCount()];
                }
            }
        }
    }

    /** {@return the largest number of rows this workspace holds} */
    public int capacity() {
        return capacity;
    }

    /**
     * {@return the gradient {@code ∂C/∂θ} of the last
     * {@link Network#computeGradient(double[][], double[][], int, Workspace)}, in the order of
     * {@link Network#parameters()}} This is the workspace's own array, not a copy: the next call
     * overwrites it, and a caller may modify it (to clip it, say) before the update. It is made
     * on the first call of this method; a workspace whose gradient is only passed to
     * {@link Network#update(Optimizer.State, Workspace, double, double, double)} never copies it
     * into θ's order.
     */
    public double[] gradient() {
        if (gradient == null) {
            gradient = new double[training ? params.count : 0];
        }
        flatWanted = true;
        if (flatStale) {
            params.toFlat(weightGradient, biasGradient, ownGradient, gradient);
            flatStale = false;
        }
        return gradient;
    }

    /**
     * Records that the layers' arrays hold a new gradient: copied into {@link #gradient()} now if
     * a caller has asked for that array, else when one does.
     */
    void gradientComputed() {
        flatStale = true;
        if (flatWanted) {
            gradient();
        }
    }

    /**
     * {@return the norm {@code ‖g‖} of the gradient of the last
     * {@link Network#computeGradient(double[][], double[][], int, Workspace)}} The same bits as
     * {@link io.github.mlp4j.optim.Gradients#norm} of {@link #gradient()}, read from the layers'
     * arrays without copying them: NaN if an entry is NaN, infinity if one is infinite.
     */
    public double gradientNorm() {
        return OptimizerStep.norm(params, this);
    }

    /**
     * {@return whether the gradient of the last
     * {@link Network#computeGradient(double[][], double[][], int, Workspace)} certainly has a norm
     * below {@code bound}} A quick test for clipping by norm, about twice as fast as
     * {@link #gradientNorm()}: it adds the squares in another order, and answers true only when
     * that sum is below {@code bound²} by a relative 10⁻⁶, far more than the two sums can differ,
     * so {@code gradientNorm() < bound} then holds too and the gradient is finite. It answers
     * false when in doubt (near the bound, NaN or infinite entries, overflow); call
     * {@link #gradientNorm()} then.
     *
     * @param bound the norm to compare with, such as the clipping threshold
     */
    public boolean gradientNormBelow(double bound) {
        return network.gradientNormBelow(this, bound);
    }

    /** Returns the activations of the last layer, the network's output (a view). */
    double[][] output() {
        return a[a.length - 1];
    }

    /** Drops the references to the caller's rows once a call is over. */
    void release() {
        java.util.Arrays.fill(input, null);
        java.util.Arrays.fill(target, null);
        inputMax = Double.NaN;
    }
}
