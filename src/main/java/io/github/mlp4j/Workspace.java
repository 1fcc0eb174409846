package io.github.mlp4j;

import io.github.mlp4j.internal.Kernels;
import io.github.mlp4j.internal.Workers;

/**
 * Scratch buffers for forward and backward passes through one network, sized once for a batch
 * capacity and reused, so that training steps do not allocate.
 *
 * <p>Obtain one from {@link Network#workspace(int)} and pass it to
 * {@link Network#computeGradient(double[][], double[][], int, Workspace)}; trainers use this pair
 * to run their own loops. For layer {@code l}: {@code z[l]} and {@code a[l]} hold its weighted sums
 * and activations, and {@code delta[l]} its local gradient {@code ∂C/∂z}, each
 * (capacity × outputSize). A network of dense layers also keeps its gradient here as row arrays,
 * {@code weightGradient[l]} (in × out) and {@code biasGradient[l]}, which its kernels write and
 * which are copied into {@link #gradient()} in θ's order; a step of {@link Network#fit} or
 * {@link Network#step} that cannot prove it stays finite builds the next weights in these arrays
 * and swaps them with the network's. Instances are not thread-safe: each thread uses its own.
 */
public final class Workspace {
    /** Doubles in a cache line: the padding after each array that one thread writes while others write theirs. */
    private static final int PAD = 8;
    final Network network;
    final int capacity;
    final double[][] input;
    /** One value per input: scratch for the finiteness check of a batch's inputs. */
    final double[] inputScratch;
    final double[][] target;
    final double[][][] z;
    final double[][][] a;
    final double[][][] delta;
    final double[] gradient;
    final double[][][] weightGradient;
    final double[][] biasGradient;
    /**
     * Per part of a split training step (dense networks): a finiteness accumulator, as long as the
     * widest layer, and a scratch row (a bias gradient, or column maxima for
     * {@link io.github.mlp4j.internal.Kernels#maxAbs}; part 0's also serves the serial scans), as
     * long as the widest layer or input; each with {@link #PAD} unused values after it, so that no
     * cache line holds values that two threads write.
     */
    final double[][] partCheck;
    final double[][] partScratch;
    /** Per part, {@link io.github.mlp4j.internal.Kernels#K_BLOCK} gradient rows for the step kernels. */
    final double[][][] partRows;
    /** The number of rows of the pass in progress, read by the tasks. */
    int rows;
    Workers.Task forwardTask;
    Workers.Task deltaTask;
    Workers.Task weightTask;
    Workers.Task stepTask;
    /** Writes {@code max |x|} over its share of the rows of {@link #scanned} into {@code partCheck[part][0]}. */
    Workers.Task scanTask;
    /** The matrix that {@link #scanTask} scans. */
    double[][] scanned;
    /** Takes the step in place: {@code W ← W − ε·∂C/∂W}, by rows of W. */
    Workers.Task updateTask;
    /** An upper bound on {@code |x|} over the inputs being trained on (set by fit and step). */
    double inputMax = Double.NaN;
    /**
     * Per part, the largest {@code |aˡ|} (slot {@code 2l}) and {@code |δˡ|} (slot {@code 2l + 1}) over
     * the rows that part computed, for the hidden layers; null outside training.
     */
    final double[][] partMax;
    /** Per layer, the most that this step can change a parameter. */
    final double[] boundChange;
    Workers.Task partialTask;
    /**
     * Whether work through this workspace stays on the calling thread: set for the workspaces
     * among which {@code Network} splits a large prediction by rows, whose threads already share
     * the pool.
     */
    boolean oneThread;
    /** The layers that {@link #forwardTask} computes, {@code layer..layerEnd−1}, and {@link #partialTask}'s layer. */
    int layer;
    int layerEnd;
    /**
     * For a layer whose product {@code x·W} is summed in input chunks, the partial sum of each
     * chunk, {@code partial[l][c]} (capacity × outputSize); null for the other layers.
     */
    final double[][][][] partial;
    /** The learning rate of the step that {@link #stepTask} takes. */
    double learningRate;

    Workspace(Network network, Layer[] layers, int parameterCount, int capacity, boolean rowGradients, int parts,
            int[][] chunkStarts, int chunks) {
        this.network = network;
        this.capacity = capacity;
        this.input = new double[capacity][];
        this.inputScratch = new double[layers[0].inputSize()];
        this.target = new double[capacity][];
        this.z = new double[layers.length][][];
        this.a = new double[layers.length][][];
        this.delta = new double[layers.length][][];
        for (int l = 0; l < layers.length; l++) {
            int width = layers[l].outputSize();
            z[l] = new double[capacity][width];
            a[l] = new double[capacity][width];
            delta[l] = new double[capacity][width];
        }
        this.gradient = new double[parameterCount];
        this.boundChange = new double[layers.length];
        this.partMax = rowGradients ? new double[parts][2 * layers.length + PAD] : null;
        this.partial = new double[layers.length][][][];
        for (int l = 0; l < layers.length; l++) {
            if (chunkStarts[l] != null) {
                partial[l] = new double[chunks][capacity][layers[l].outputSize()];
            }
        }

        int widest = 1;
        for (Layer layer : layers) {
            widest = Math.max(widest, layer.outputSize());
        }
        this.partCheck = new double[rowGradients ? parts : 0][widest + PAD];
        this.partScratch = new double[rowGradients ? parts : 0][Math.max(widest, layers[0].inputSize()) + PAD];
        this.partRows = new double[rowGradients ? parts : 0][Kernels.K_BLOCK][widest + PAD];
        if (rowGradients) {
            weightGradient = new double[layers.length][][];
            biasGradient = new double[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                weightGradient[l] = new double[layers[l].inputSize()][layers[l].outputSize()];
                biasGradient[l] = new double[layers[l].outputSize()];
            }
        } else {
            weightGradient = null;
            biasGradient = null;
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
     * overwrites it, and a caller may modify it (to clip it, say) before the update.
     */
    public double[] gradient() {
        return gradient;
    }

    /** Returns the activations of the last layer, the network's output (a view). */
    double[][] output() {
        return a[a.length - 1];
    }
}
