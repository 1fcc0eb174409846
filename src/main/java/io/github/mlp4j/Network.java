package io.github.mlp4j;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Kernels;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.internal.Workers;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelReader;
import io.github.mlp4j.io.ModelWriter;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.optim.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * A multilayer perceptron: layers composed in sequence, a loss, and the parameters {@code θ}.
 *
 * <p>Rows are samples: {@code x} has shape (n × inputSize) and predictions (n × outputSize).
 * The forward pass computes, layer by layer, {@code zˡ = aˡ⁻¹·Wˡ + bˡ} and {@code aˡ = fˡ(zˡ)},
 * starting from {@code a⁰ = x}. The backward pass starts from the output layer's local gradient
 * {@code δᴸ = ∂C/∂zᴸ} (from {@link Loss#delta}) and applies the chain rule:
 * <pre>
 *   ∂C/∂Wˡ = aˡ⁻¹ᵀ·δˡ
 *   ∂C/∂bˡ = Σ_rows δˡ
 *   δˡ⁻¹   = (δˡ·Wˡᵀ) ⊙ fˡ⁻¹'(zˡ⁻¹)
 * </pre>
 * Gradient descent then moves every parameter against its gradient: {@code θ ← θ − ε·∂C/∂θ}.
 *
 * <p>All parameters live in one vector, layer by layer, each layer's {@code W} row-major
 * (in × out) followed by its {@code b}; {@link #parameters()}, {@link #gradient} and
 * {@link #setParameters} use that order.
 *
 * <p>Randomness comes from one generator seeded by {@link Builder#seed(long)} (default
 * {@link #DEFAULT_SEED}): it draws the initial weights, then the shuffles of every
 * {@link #fit} call, carrying on from one call to the next. The same seed and the same calls give
 * bit-identical parameters.
 *
 * <p>Threads: a network made only of {@link Dense} layers splits large batches between
 * {@link Builder#threads(int)} threads (default: {@link Runtime#availableProcessors()}): the
 * forward pass and the back-propagated {@code δ} by rows of the batch, the weight gradient
 * {@code aᵀ·δ} and the step {@code W − ε·aᵀ·δ} by rows of {@code W}. A layer with at least 32,768
 * weights and 64 inputs also computes its product {@code a·W} by rows of {@code W}: as partial
 * sums over four fixed chunks of its inputs, added to the bias in chunk order; so a thread
 * multiplies and updates only its own rows of {@code W}, which stay in its core's cache. Every
 * number is computed by one fixed expression whatever the split (the chunks do not depend on the
 * threads), so the results are bit-identical for every thread count. Batches with fewer than
 * {@link #PARALLEL_THRESHOLD} multiply-adds run on the calling thread, where threads would cost
 * more than they save.
 *
 * <p>Thread safety: prediction ({@link #predict}, {@link #predictClass}, {@link #loss}) may be
 * called from any number of threads at once; each thread uses its own scratch buffers. Training
 * methods ({@link #step}, {@link #fit}, {@link #setParameters}, {@link #update}) are synchronised
 * with each other. Training while other threads predict is safe: a read-write lock guards the
 * parameters, so that each prediction sees them either before or after an update, never a mix.
 * A step of {@link #fit} or {@link #step} writes the parameters in place while it holds that
 * lock, so a prediction that arrives meanwhile waits for the rest of the step's update (about a
 * third of the step).
 *
 * <p>Steady state allocates nothing: once the scratch buffers for a batch size exist,
 * {@link #computeGradient}, {@link #update}, the steps of {@link #fit} and a prediction into a
 * caller's array ({@link #predict(double[], double[])}) create no objects.
 */
public final class Network {
    /** The seed used when the builder is given none. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * The fewest multiply-adds in one pass (rows × Σ inputs·outputs over the layers) for which a
     * batch is split between threads; smaller batches run on the calling thread.
     */
    public static final long PARALLEL_THRESHOLD = 1L << 18;

    /**
     * Parts per thread when work is split. Parts are claimed by whichever thread is free, so more
     * parts balance better on a busy machine; but each forward part streams all of {@code W}, so
     * on a quiet machine one part per thread is fastest (measured: 4 parts cost 5–10 % at batch 32).
     */
    private static final int PARTS_PER_THREAD = 1;

    /** Predictions run through the network in chunks of at most this many rows. */
    private static final int PREDICT_CHUNK = 256;
    /**
     * A dense layer with at least this many weights computes {@code x·W} as {@link #CHUNKS} partial
     * sums over fixed chunks of its inputs, so that each thread reads and updates only its own rows
     * of {@code W}.
     */
    private static final int CHUNKED_WEIGHTS = 1 << 15;
    /** The number of input chunks of a large layer: fixed, so that the sums do not depend on the threads. */
    private static final int CHUNKS = 4;
    /**
     * Parameters below this size leave room for any step that {@link #stepCannotOverflow} allows:
     * far below overflow ({@code 2¹⁰⁰⁰ ≈ 10³⁰¹}; {@link Double#MAX_VALUE} is about {@code 2¹⁰²⁴}).
     */
    private static final double SAFE_BOUND = 0x1p1000;

    private final Layer[] layers;
    private final int[] offsets;
    private final double[] theta;
    private final Loss loss;
    private final long seed;
    private final int threads;
    private final Rng rng;
    private final ThreadLocal<Workspace> predictWorkspace;
    private Workspace trainWorkspace;
    private volatile Workers pool;
    /**
     * One prediction workspace per pool thread for {@link #predictInParts}, made on first use;
     * used only by the thread that holds the pool.
     */
    private Workspace[] partWorkspaces;

    /**
     * Whether every layer is {@link Dense}: then the network runs its own kernels on {@link #weights}
     * and {@link #biases}, the parameters as row arrays that the JIT can vectorise (the flat
     * {@code θ} is then a copy, brought up to date when an optimizer steps on it); otherwise it
     * calls each layer's {@link Layer#forward} and {@link Layer#backward} on {@code θ}.
     */
    private final boolean dense;
    /** Layer l's {@code W} as {@code in} rows of length out: for a dense network, the parameters themselves. */
    private final double[][][] weights;
    /** Layer l's {@code b}. */
    private final double[][] biases;
    /** Whether the steps of {@link #fit} or {@link #step} changed {@link #weights} since θ was last copied from them. */
    private boolean thetaStale;
    /** Σ inputs·outputs over the layers: the multiply-adds of one row's forward pass. */
    private final long multiplyAddsPerRow;
    /**
     * Per layer of a dense network, where its input chunks start ({@code CHUNKS + 1} values, each a
     * multiple of {@link Kernels#K_BLOCK}, the last one inputSize), or null for a layer small
     * enough to compute whole.
     */
    private final int[][] chunkStarts;
    /**
     * Per layer of a dense network, an upper bound on {@code |w|} over its weights and biases: exact
     * when the parameters are set, then raised at each in-place step by the most that step can
     * change a parameter. While it stays far below {@link Double#MAX_VALUE}, no step can overflow,
     * so a step may overwrite the parameters as it goes (see {@link #trainStep}).
     */
    private final double[] bounds;
    /** Whether the parameters were set since {@link #bounds} was last computed from them. */
    private boolean boundsStale = true;
    /** Guards θ and its row copies: predictions read under the read lock, updates write. */
    private final StampedLock parameterLock = new StampedLock();

    private Network(Layer[] layers, Loss loss, long seed, int threads) {
        this.layers = layers;
        this.loss = loss;
        this.seed = seed;
        this.threads = threads;
        this.offsets = new int[layers.length];
        int count = 0;
        long work = 0;
        boolean allDense = true;
        for (int l = 0; l < layers.length; l++) {
            offsets[l] = count;
            count += layers[l].parameterCount();
            work += (long) layers[l].inputSize() * layers[l].outputSize();
            allDense &= layers[l] instanceof Dense;
        }
        this.multiplyAddsPerRow = work;
        this.dense = allDense;
        this.theta = new double[count];
        this.rng = new Rng(seed);
        for (int l = 0; l < layers.length; l++) {
            layers[l].initialize(theta, offsets[l], rng);
        }
        this.chunkStarts = new int[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int in = layers[l].inputSize();
            if (allDense && (long) in * layers[l].outputSize() >= CHUNKED_WEIGHTS && in >= CHUNKS * Kernels.K_BLOCK) {
                int[] starts = new int[CHUNKS + 1];
                for (int c = 0; c < CHUNKS; c++) {
                    starts[c] = in * c / CHUNKS / Kernels.K_BLOCK * Kernels.K_BLOCK;
                }
                starts[CHUNKS] = in;
                chunkStarts[l] = starts;
            }
        }
        this.bounds = new double[layers.length];
        if (dense) {
            weights = new double[layers.length][][];
            biases = new double[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                weights[l] = new double[layers[l].inputSize()][layers[l].outputSize()];
                biases[l] = new double[layers[l].outputSize()];
            }
            copyThetaToRows();
        } else {
            weights = null;
            biases = null;
        }
        this.predictWorkspace = ThreadLocal.withInitial(() -> newWorkspace(0, PREDICT_CHUNK));
    }

    /** {@return a builder for a new network} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Saves this network atomically to {@code path} in mlp4j's model format, as
     * {@link io.github.mlp4j.io.ModelWriter#save} does; use {@link io.github.mlp4j.io.Model} to save
     * the input scaling and class names with it.
     *
     * @param path the file to create or replace
     * @throws IOException if writing fails; the previous file, if any, is then left intact
     */
    public void save(Path path) throws IOException {
        ModelWriter.save(Model.of(this), path);
    }

    /**
     * Writes this network to {@code out} in mlp4j's model format, as
     * {@link io.github.mlp4j.io.ModelWriter#write} does.
     *
     * @param out the stream; written to and flushed, not closed
     * @throws IOException if writing fails
     */
    public void save(OutputStream out) throws IOException {
        ModelWriter.write(Model.of(this), out);
    }

    /**
     * Loads the network of the model file {@code path}, as {@link io.github.mlp4j.io.ModelReader#load}
     * does.
     *
     * @param path the model file
     * @return the network, with the saved layers, loss, seed and parameters
     * @throws io.github.mlp4j.io.ModelFormatException if the file is not exactly one valid model
     * @throws IOException if reading fails
     */
    public static Network load(Path path) throws IOException {
        return ModelReader.load(path).network();
    }

    /**
     * Reads the network of one model from {@code in}, leaving the stream right after the model, as
     * {@link io.github.mlp4j.io.ModelReader#read(InputStream)} does.
     *
     * @param in the stream; not closed
     * @return the network
     * @throws io.github.mlp4j.io.ModelFormatException if the stream does not start with a valid model
     * @throws IOException if reading fails
     */
    public static Network load(InputStream in) throws IOException {
        return ModelReader.read(in).network();
    }

    // ----------------------------------------------------------------------------------------
    // Structure

    /** {@return the layers in order, as an unmodifiable list} */
    public List<Layer> layers() {
        return List.of(layers);
    }

    /** {@return the number of inputs per row} */
    public int inputSize() {
        return layers[0].inputSize();
    }

    /** {@return the number of outputs per row} */
    public int outputSize() {
        return layers[layers.length - 1].outputSize();
    }

    /** {@return the loss this network minimises} */
    public Loss lossFunction() {
        return loss;
    }

    /** {@return the seed the network was built with} */
    public long seed() {
        return seed;
    }

    /**
     * {@return the most threads one training step or batch prediction may use, as set by
     * {@link Builder#threads(int)}}
     */
    public int threads() {
        return threads;
    }

    /** {@return the total number of parameters, the length of {@link #parameters()}} */
    public int parameterCount() {
        return theta.length;
    }

    /**
     * {@return where layer {@code l}'s parameters start in {@link #parameters()}}
     *
     * @param l the layer's index, from 0
     * @throws IndexOutOfBoundsException if there is no such layer
     */
    public int parameterOffset(int l) {
        Objects.checkIndex(l, layers.length);
        return offsets[l];
    }

    // ----------------------------------------------------------------------------------------
    // Prediction

    /**
     * Returns the network's outputs for each row of {@code x}. A batch large enough for
     * {@link #PARALLEL_THRESHOLD} is split by rows between the network's {@link #threads()}; each
     * row gets the same bits on any number of threads, alone or in any batch.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @return a new (n × outputSize) matrix
     * @throws IllegalArgumentException if {@code x} is empty, ragged, of the wrong width, or holds
     *     NaN or infinity
     */
    public double[][] predict(double[][] x) {
        checkInputs(x);
        int n = x.length;
        double[][] out = new double[n][outputSize()];
        long stamp = parameterLock.readLock();
        try {
            if (!predictInParts(x, out)) {
                predictRows(predictWorkspace.get(), x, out, 0, n);
            }
        } finally {
            parameterLock.unlockRead(stamp);
        }
        return out;
    }

    /**
     * Predicts a large batch on several threads, if the pool is free: each thread takes an even
     * share of the rows through the whole network with a workspace of its own, so the threads
     * meet once per call instead of once per layer and chunk. Every row gets the bits it gets
     * on one thread (a row's outputs never depend on the other rows of its chunk). Call under
     * the read lock.
     *
     * @return false, having done nothing, if the batch is too small or the pool is busy
     */
    private boolean predictInParts(double[][] x, double[][] out) {
        int n = x.length;
        int parts = Math.min(threads, n);
        if (parts <= 1 || n * multiplyAddsPerRow < PARALLEL_THRESHOLD) {
            return false;
        }
        Workers workers = pool();
        if (!workers.tryAcquire()) {
            return false;
        }
        try {
            if (partWorkspaces == null) {
                Workspace[] spaces = new Workspace[threads];
                for (int p = 0; p < threads; p++) {
                    spaces[p] = newWorkspace(0, PREDICT_CHUNK);
                    spaces[p].oneThread = true;                               // its thread's share runs alone
                }
                partWorkspaces = spaces;
            }
            Workspace[] spaces = partWorkspaces;
            workers.run((part, count) -> predictRows(spaces[part], x, out, first(n, part, count),
                    first(n, part + 1, count)), parts);
        } finally {
            workers.release();
        }
        return true;
    }

    /**
     * Writes the outputs of rows {@code from..to−1} of {@code x} into the same rows of {@code out},
     * through {@code w} in chunks of its capacity. Call under the read lock.
     */
    private void predictRows(Workspace w, double[][] x, double[][] out, int from, int to) {
        int width = outputSize();
        try {
            for (int start = from; start < to; start += w.capacity) {
                int rows = Math.min(w.capacity, to - start);
                System.arraycopy(x, start, w.input, 0, rows);
                forward(w, rows);
                double[][] result = w.output();
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(result[i], 0, out[start + i], 0, width);
                }
            }
        } finally {
            Arrays.fill(w.input, null);
        }
    }

    /**
     * Returns the network's output for one row.
     *
     * @param x the inputs, of length inputSize; not modified
     * @return a new array of length outputSize
     * @throws IllegalArgumentException if {@code x} has the wrong length or holds NaN or infinity
     */
    public double[] predict(double[] x) {
        double[] output = new double[outputSize()];
        predict(x, output);
        return output;
    }

    /**
     * Writes the network's output for one row into {@code output}, allocating nothing.
     *
     * @param x the inputs, of length inputSize; not modified
     * @param output receives the outputs, of length outputSize; overwritten
     * @throws IllegalArgumentException if {@code x} has the wrong length or holds NaN or infinity,
     *     or {@code output} has the wrong length
     */
    public void predict(double[] x, double[] output) {
        Checks.width(Checks.vector(x, "x"), inputSize(), "x", "inputs (the first layer's inputSize)");
        Objects.requireNonNull(output, "output");
        if (output.length != outputSize()) {
            throw new IllegalArgumentException("output has " + output.length + " values but the network has "
                    + outputSize() + " outputs; pass an array of length outputSize().");
        }
        Workspace w = predictWorkspace.get();
        w.input[0] = x;
        long stamp = parameterLock.readLock();
        try {
            forward(w, 1);
        } finally {
            parameterLock.unlockRead(stamp);
            w.input[0] = null;
        }
        System.arraycopy(w.output()[0], 0, output, 0, output.length);
    }

    /**
     * Returns the predicted class of each row of {@code x}.
     *
     * <p>With several outputs, the class is the index of the largest output (the first one on
     * ties). With one output, it is 1 when the output is at least 0.5 after a sigmoid, or at least
     * 0 after a tanh, and 0 otherwise.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @return a new array of n class indices
     * @throws IllegalArgumentException if {@code x} is invalid, as for {@link #predict(double[][])}
     * @throws IllegalStateException if the network has one output whose activation is neither
     *     sigmoid nor tanh, so that it is not a classifier
     */
    public int[] predictClass(double[][] x) {
        double threshold = classThreshold();
        double[][] p = predict(x);
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            classes[i] = classOf(p[i], threshold);
        }
        return classes;
    }

    /**
     * Returns the predicted class of one row, as {@link #predictClass(double[][])} does.
     *
     * @param x the inputs, of length inputSize; not modified
     * @return the class index
     * @throws IllegalArgumentException if {@code x} is invalid
     * @throws IllegalStateException if the network is not a classifier
     */
    public int predictClass(double[] x) {
        double threshold = classThreshold();
        return classOf(predict(x), threshold);
    }

    private double classThreshold() {
        if (outputSize() > 1) {
            return Double.NaN;
        }
        String head = layers[layers.length - 1].activation().name();
        switch (head) {
            case "sigmoid":
                return 0.5;
            case "tanh":
                return 0.0;
            default:
                throw new IllegalStateException("predictClass needs a classifier, but this network has one output"
                        + " with activation " + head + ". Use a sigmoid (or tanh) output for two classes, softmax over"
                        + " several outputs for more, or call predict for regression outputs.");
        }
    }

    private static int classOf(double[] p, double threshold) {
        if (p.length == 1) {
            return p[0] >= threshold ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < p.length; j++) {
            if (p[j] > p[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Returns the mean cost over the rows of {@code x} and {@code y}, as the loss defines it.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @return the mean cost, ≥ 0
     * @throws IllegalArgumentException if the shapes disagree, or a value is not finite, or a
     *     target does not suit the loss
     */
    public double loss(double[][] x, double[][] y) {
        checkBatch(x, y);
        Workspace w = predictWorkspace.get();
        double sum = 0.0;
        long stamp = parameterLock.readLock();
        try {
            for (int start = 0; start < x.length; start += w.capacity) {
                int rows = Math.min(w.capacity, x.length - start);
                System.arraycopy(x, start, w.input, 0, rows);
                System.arraycopy(y, start, w.target, 0, rows);
                forward(w, rows);
                int last = layers.length - 1;
                sum += rows * loss.cost(w.z[last], w.a[last], w.target, rows, outputSize());
            }
        } finally {
            parameterLock.unlockRead(stamp);
            Arrays.fill(w.input, null);
            Arrays.fill(w.target, null);
        }
        return sum / x.length;
    }

    // ----------------------------------------------------------------------------------------
    // Parameters and gradients

    /**
     * {@return a copy of all parameters, layer by layer: {@code W} row-major (in × out), then
     * {@code b}}
     */
    public double[] parameters() {
        long stamp = parameterLock.readLock();
        try {
            if (!dense) {
                return theta.clone();
            }
            double[] copy = new double[theta.length];
            rowsToFlat(weights, biases, copy);                               // the rows are current
            return copy;
        } finally {
            parameterLock.unlockRead(stamp);
        }
    }

    /**
     * Replaces all parameters, in the order of {@link #parameters()}.
     *
     * @param parameters the new values; copied, not modified
     * @throws IllegalArgumentException if the length differs from {@link #parameterCount()} or a
     *     value is not finite
     */
    public synchronized void setParameters(double[] parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != theta.length) {
            throw new IllegalArgumentException("parameters has " + parameters.length + " values but this network has "
                    + theta.length + " parameters; pass an array from parameters() of a network with the same layers.");
        }
        Checks.vector(parameters, "parameters");
        long stamp = parameterLock.writeLock();
        try {
            System.arraycopy(parameters, 0, theta, 0, theta.length);
            copyThetaToRows();
            thetaStale = false;
        } finally {
            parameterLock.unlockWrite(stamp);
        }
    }

    /**
     * Returns the gradient {@code ∂C/∂θ} of the mean cost over the rows of {@code x} and {@code y},
     * in the order of {@link #parameters()}, without changing the parameters.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @return a new array of length {@link #parameterCount()}
     * @throws IllegalArgumentException if the batch is invalid, as for {@link #loss}
     */
    public synchronized double[] gradient(double[][] x, double[][] y) {
        checkBatch(x, y);
        Workspace w = trainingWorkspace(x.length);
        computeGradient(x, y, x.length, w);
        return w.gradient.clone();
    }

    /**
     * Takes one gradient-descent step {@code θ ← θ − ε·∂C/∂θ} on the batch {@code x}, {@code y}.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @param learningRate the step size ε, positive and finite
     * @return the mean cost before the step
     * @throws IllegalArgumentException if the batch or learning rate is invalid
     * @throws DivergenceException if the cost or gradient is not finite; the parameters are then
     *     left unchanged
     */
    public synchronized double step(double[][] x, double[][] y, double learningRate) {
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        checkInputShape(x);
        Workspace w = trainingWorkspace(x.length);
        w.inputMax = checkTrainingBatch(w, x, y);
        for (int i = 0; i < x.length; i++) {
            w.input[i] = x[i];
            w.target[i] = y[i];
        }
        try {
            return trainStep(w, x.length, learningRate, 1, 1, Double.NaN);
        } finally {
            releaseBatch(w);
        }
    }

    /**
     * Trains with plain mini-batch gradient descent and returns each epoch's cost.
     *
     * <p>Each epoch shuffles the rows with the network's seeded generator, walks them in batches of
     * {@code batchSize} (the last may be smaller; a batch size above the row count means one
     * batch), and takes one step {@code θ ← θ − ε·∂C/∂θ} per batch. An epoch's cost is the mean of
     * its batch costs weighted by batch size, each measured before its step (as Keras reports).
     *
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @param epochs the number of passes over the data, at least 1
     * @param batchSize the rows per step, at least 1
     * @param learningRate the step size ε, positive and finite
     * @return a new array with the cost of each epoch
     * @throws IllegalArgumentException if an argument is invalid
     * @throws DivergenceException if a cost or gradient becomes NaN or infinite; the network keeps
     *     the parameters from before that step
     */
    public synchronized double[] fit(double[][] x, double[][] y, int epochs, int batchSize, double learningRate) {
        Checks.atLeast(epochs, 1, "epochs");
        Checks.atLeast(batchSize, 1, "batchSize");
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        checkInputShape(x);
        int n = x.length;
        int size = Math.min(batchSize, n);
        Workspace w = trainingWorkspace(size);
        w.inputMax = checkTrainingBatch(w, x, y);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        double[] costs = new double[epochs];
        double lastFinite = Double.NaN;
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                rng.shuffle(order);                                          // same seed, same order
                double costSum = 0.0;
                int batch = 0;
                for (int start = 0; start < n; start += size) {
                    int rows = Math.min(size, n - start);
                    batch++;
                    for (int i = 0; i < rows; i++) {
                        w.input[i] = x[order[start + i]];                    // row references, no copies
                        w.target[i] = y[order[start + i]];
                    }
                    double cost = trainStep(w, rows, learningRate, epoch, batch, lastFinite);   // θ ← θ − ε·∂C/∂θ
                    lastFinite = cost;
                    costSum += rows * cost;
                }
                costs[epoch - 1] = costSum / n;
            }
        } finally {
            releaseBatch(w);
        }
        return costs;
    }

    // ----------------------------------------------------------------------------------------
    // Low-level training API, for trainers that run their own loops

    /**
     * Returns new scratch buffers for batches of up to {@code capacity} rows, for
     * {@link #computeGradient(double[][], double[][], int, Workspace)}.
     *
     * @param capacity the largest batch, at least 1
     * @return a workspace for this network
     */
    public Workspace workspace(int capacity) {
        Checks.atLeast(capacity, 1, "capacity");
        return newWorkspace(theta.length, capacity);
    }

    /**
     * Computes the mean cost and its gradient on rows {@code 0..rows−1} of {@code x} and {@code y},
     * leaving the gradient in {@link Workspace#gradient()}; the parameters are not changed.
     *
     * <p>This is the allocation-free core of a training step. It checks the row lengths of the
     * batch but not its values: a trainer validates its data once, before training.
     *
     * @param x the inputs, at least {@code rows} rows of inputSize values; not modified
     * @param y the targets, at least {@code rows} rows of outputSize values; not modified
     * @param rows the number of rows to use, 1 to the workspace's capacity
     * @param workspace buffers from {@link #workspace(int)} of this network; overwritten
     * @return the mean cost of the rows, before any update
     * @throws IllegalArgumentException if a row has the wrong length or {@code rows} does not fit
     */
    public double computeGradient(double[][] x, double[][] y, int rows, Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        if (rows < 1 || rows > workspace.capacity || rows > x.length || rows > y.length) {
            throw new IllegalArgumentException("rows must be between 1 and min(capacity " + workspace.capacity
                    + ", x rows " + x.length + ", y rows " + y.length + "), but was " + rows + ".");
        }
        if (workspace.network != this || workspace.gradient.length != theta.length) {
            throw new IllegalArgumentException("This workspace belongs to another network; get one from workspace(n).");
        }
        int in = inputSize();
        int out = outputSize();
        for (int i = 0; i < rows; i++) {
            if (x[i].length != in) {
                Checks.width(x[i].length, in, "Row " + i + " of x", "inputs (the first layer's inputSize)");
            }
            if (y[i].length != out) {
                Checks.width(y[i].length, out, "Row " + i + " of y", "outputs (the last layer's outputSize)");
            }
            workspace.input[i] = x[i];
            workspace.target[i] = y[i];
        }
        long stamp = parameterLock.readLock();
        try {
            double cost = forwardBackward(workspace, rows);
            if (dense) {
                rowsToFlat(workspace.weightGradient, workspace.biasGradient, workspace.gradient);   // ∂C/∂θ in θ's order
            }
            return cost;
        } finally {
            parameterLock.unlockRead(stamp);
        }
    }

    /**
     * Applies one optimizer update to the parameters, {@code θ ← update(θ, g, ε)}.
     *
     * @param optimizer the optimizer's state for this training run
     * @param gradient the gradient, in the order of {@link #parameters()}; not modified
     * @param learningRate this step's learning rate, positive and finite
     * @throws IllegalArgumentException if the gradient's length differs from the parameter count or
     *     the learning rate is invalid
     */
    public synchronized void update(Optimizer.State optimizer, double[] gradient, double learningRate) {
        Objects.requireNonNull(optimizer, "optimizer");
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        if (gradient.length != theta.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values but this network has "
                    + theta.length + " parameters.");
        }
        long stamp = parameterLock.writeLock();
        try {
            if (thetaStale) {
                rowsToFlat(weights, biases, theta);                          // θ = the rows, after fit's steps
                thetaStale = false;
            }
            optimizer.update(theta, gradient, learningRate);
            copyThetaToRows();
        } finally {
            parameterLock.unlockWrite(stamp);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Forward and backward passes

    /** Forward pass of rows 0..rows−1 of {@code w.input}: {@code zˡ = aˡ⁻¹·Wˡ + bˡ, aˡ = fˡ(zˡ)}. */
    void forward(Workspace w, int rows) {
        if (dense) {
            w.rows = rows;
            int l = 0;
            while (l < layers.length) {
                w.layer = l;
                if (chunkStarts[l] != null) {
                    runSplit(w, w.partialTask, rows);                        // x·Wˡ by chunks of inputs
                }
                int end = l + 1;
                while (end < layers.length && chunkStarts[end] == null) {
                    end++;
                }
                w.layerEnd = end;
                runSplit(w, w.forwardTask, rows);                            // layers l..end−1 by rows
                l = end;
            }
            return;
        }
        double[][] in = w.input;
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(theta, offsets[l], in, w.z[l], w.a[l], 0, rows);
            in = w.a[l];
        }
    }

    /**
     * Takes one gradient-descent step {@code θ ← θ − ε·∂C/∂θ} on rows 0..rows−1 of {@code w}'s
     * batch and returns the cost before it.
     *
     * <p>A dense network computes each block of rows of {@code ∂C/∂Wˡ} and at once takes the step
     * with it, so the gradient is never stored whole. When {@link #stepCannotOverflow} proves
     * that every new parameter will be finite (always, in practice), the step overwrites the
     * parameters in place under the write lock, and a row of {@code W} whose inputs are all zero
     * is not touched. Otherwise the new rows are written into the workspace's gradient arrays and
     * swap places with the network's only when every one is finite, so a step that is not finite
     * leaves the parameters as they were. Both paths give the same bits.
     *
     * @throws DivergenceException if the cost, the gradient or a new parameter is not finite
     */
    private double trainStep(Workspace w, int rows, double learningRate, int epoch, int batch, double lastFinite) {
        if (!dense) {
            double cost = forwardBackward(w, rows);
            requireFinite(cost, w, epoch, batch, lastFinite);
            descend(w, learningRate);
            return cost;
        }
        for (double[] part : w.partMax) {
            Arrays.fill(part, 0.0);                                          // parts that do not run leave 0
        }
        double cost = forwardAndDelta(w, rows);                              // C and δˡ of every layer
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        w.learningRate = learningRate;
        if (stepCannotOverflow(w, rows, learningRate)) {
            long stamp = parameterLock.writeLock();
            try {
                runSplit(w, w.updateTask, rows);                             // W ← W − ε·∂C/∂W in place, by rows of W
                thetaStale = true;
            } finally {
                parameterLock.unlockWrite(stamp);
            }
            return cost;
        }
        for (double[] check : w.partCheck) {                                 // else: into the workspace, then swap
            Arrays.fill(check, 0.0);
        }
        runSplit(w, w.stepTask, rows);                                       // W' = W − ε·∂C/∂W, by rows of W
        for (double[] check : w.partCheck) {
            for (double v : check) {
                if (v != 0.0) {
                    throw new DivergenceException(epoch, batch, Double.isNaN(lastFinite) ? cost : lastFinite,
                            "the gradient");
                }
            }
        }
        long stamp = parameterLock.writeLock();
        try {
            for (int l = 0; l < layers.length; l++) {                        // θ ← θ'
                double[][] next = w.weightGradient[l];
                w.weightGradient[l] = weights[l];
                weights[l] = next;
                double[] nextBias = w.biasGradient[l];
                w.biasGradient[l] = biases[l];
                biases[l] = nextBias;
            }
            boundsStale = true;
            thetaStale = true;
        } finally {
            parameterLock.unlockWrite(stamp);
        }
        return cost;
    }

    /**
     * Forward and backward pass of rows 0..rows−1; returns the mean cost and leaves ∂C/∂θ in
     * {@code w}: in {@code w.weightGradient} and {@code w.biasGradient} for a dense network, else in
     * {@code w.gradient}.
     */
    private double forwardBackward(Workspace w, int rows) {
        if (dense) {
            double cost = forwardAndDelta(w, rows);
            runSplit(w, w.weightTask, rows);                                 // ∂C/∂Wˡ by rows of W
            return cost;
        }
        double cost = forwardAndOutputDelta(w, rows);
        for (int l = layers.length - 1; l >= 0; l--) {
            double[][] in = l == 0 ? w.input : w.a[l - 1];
            double[][] gradIn = l == 0 ? null : w.delta[l - 1];
            layers[l].backward(theta, offsets[l], in, w.delta[l], 0, rows, w.gradient, offsets[l], gradIn);
            if (l > 0) {                                                     // δˡ⁻¹ = (δˡ·Wˡᵀ) ⊙ f'(zˡ⁻¹)
                Layer previous = layers[l - 1];
                previous.activation().backward(w.z[l - 1], w.a[l - 1], gradIn, gradIn, 0, rows,
                        previous.outputSize());
            }
        }
        return cost;
    }

    /** Forward pass of rows 0..rows−1 and the output layer's {@code δᴸ = ∂C/∂zᴸ}; returns the mean cost. */
    private double forwardAndOutputDelta(Workspace w, int rows) {
        forward(w, rows);
        int last = layers.length - 1;
        Layer head = layers[last];
        int width = head.outputSize();
        double cost = loss.cost(w.z[last], w.a[last], w.target, rows, width);
        loss.delta(head.activation(), w.z[last], w.a[last], w.target, rows, width, w.delta[last]);   // δᴸ = ∂C/∂zᴸ
        return cost;
    }

    /**
     * Forward pass of rows 0..rows−1 and the local gradients {@code δˡ = ∂C/∂zˡ} of every layer
     * (dense networks); returns the mean cost.
     */
    private double forwardAndDelta(Workspace w, int rows) {
        double cost = forwardAndOutputDelta(w, rows);
        w.rows = rows;
        if (layers.length > 1) {
            runSplit(w, w.deltaTask, rows);                                  // δˡ⁻¹ by rows
        }
        return cost;
    }

    /**
     * Forward pass of rows {@code from..to−1} through layers {@code w.layer..w.layerEnd−1} (dense
     * networks); a chunked first layer adds up the partial sums of its chunks.
     */
    private void forwardRows(Workspace w, int part, int from, int to) {
        for (int l = w.layer; l < w.layerEnd; l++) {
            Layer layer = layers[l];
            int out = layer.outputSize();
            if (chunkStarts[l] != null) {
                Kernels.sumPartials(biases[l], w.partial[l], CHUNKS, out, w.z[l], from, to);   // zˡ = bˡ + Σ_c (aˡ⁻¹·Wˡ over chunk c)
                layer.activation().forward(w.z[l], w.a[l], from, to, out);                      // aˡ = fˡ(zˡ)
            } else {
                Kernels.forward(weights[l], biases[l], layer.inputSize(), out, l == 0 ? w.input : w.a[l - 1],
                        w.z[l], layer.activation(), w.a[l], from, to);      // aˡ = fˡ(aˡ⁻¹·Wˡ + bˡ)
            }
            if (w.partMax != null && l + 1 < layers.length) {
                w.partMax[part][2 * l] = Kernels.maxAbs(w.a[l], from, to, out, w.partScratch[part]);   // max |aˡ|, these rows
            }
        }
    }

    /**
     * Computes the partial sums {@code aˡ⁻¹·Wˡ} over the input chunks of layer {@code w.layer} that
     * belong to part {@code part} of {@code parts}, for every row of the batch.
     */
    private void partialPart(Workspace w, int part, int parts) {
        int l = w.layer;
        int[] starts = chunkStarts[l];
        double[][] in = l == 0 ? w.input : w.a[l - 1];
        for (int c = firstChunk(part, parts); c < firstChunk(part + 1, parts); c++) {
            Kernels.forwardPartial(weights[l], layers[l].outputSize(), in, starts[c], starts[c + 1], w.partial[l][c],
                    0, w.rows);                                              // pᶜ = Σ over chunk c of aˡ⁻¹_k·Wˡ_k
        }
    }

    /** Returns the first chunk of part {@code part} of {@code parts}: chunk c belongs to part ⌊c·parts/CHUNKS⌋. */
    private static int firstChunk(int part, int parts) {
        return (part * CHUNKS + parts - 1) / parts;
    }

    /**
     * Returns the first row of {@code Wˡ} in part {@code part} of {@code parts}: the start of its
     * first chunk for a chunked layer (so that a thread updates the rows it multiplied), else an
     * even share of the rows.
     */
    private int firstWeightRow(int l, int part, int parts) {
        int[] starts = chunkStarts[l];
        if (starts != null) {
            return starts[Math.min(CHUNKS, firstChunk(part, parts))];
        }
        return (int) ((long) layers[l].inputSize() * part / parts);
    }

    /** Back-propagates δ through every layer for rows {@code from..to−1} (dense networks). */
    private void deltaRows(Workspace w, int part, int from, int to) {
        for (int l = layers.length - 1; l > 0; l--) {
            Layer previous = layers[l - 1];
            Kernels.inputGradient(weights[l], layers[l].inputSize(), layers[l].outputSize(), w.delta[l],
                    w.delta[l - 1], from, to);                               // ∂C/∂aˡ⁻¹ = δˡ·Wˡᵀ
            previous.activation().backward(w.z[l - 1], w.a[l - 1], w.delta[l - 1], w.delta[l - 1], from, to,
                    previous.outputSize());                                  // δˡ⁻¹ = ∂C/∂aˡ⁻¹ ⊙ f'(zˡ⁻¹)
            if (w.partMax != null) {
                w.partMax[part][2 * l - 1] = Kernels.maxAbs(w.delta[l - 1], from, to, previous.outputSize(),
                        w.partScratch[part]);                                // max |δˡ⁻¹|, these rows
            }
        }
    }

    /** Computes part {@code part} of {@code parts} of every layer's ∂C/∂W (split by rows of W) and ∂C/∂b. */
    private void weightPart(Workspace w, int part, int parts) {
        int rows = w.rows;
        for (int l = 0; l < layers.length; l++) {
            int out = layers[l].outputSize();
            double[][] a = l == 0 ? w.input : w.a[l - 1];
            Kernels.weightGradient(a, w.delta[l], rows, out, w.weightGradient[l],
                    firstWeightRow(l, part, parts), firstWeightRow(l, part + 1, parts));   // ∂C/∂Wˡ = aˡ⁻¹ᵀ·δˡ
            if (l % parts == part) {
                Kernels.biasGradient(w.delta[l], rows, out, w.biasGradient[l]);  // ∂C/∂bˡ = Σ_rows δˡ
            }
        }
    }

    /**
     * Computes part {@code part} of {@code parts} of every layer's next parameters
     * {@code W' = W − ε·∂C/∂W} (split by rows of W) and {@code b' = b − ε·∂C/∂b}, into the
     * workspace's gradient arrays.
     */
    private void stepPart(Workspace w, int part, int parts) {
        int rows = w.rows;
        double learningRate = w.learningRate;
        double[] scratch = w.partScratch[part];
        double[][] gradientRows = w.partRows[part];
        double[] check = w.partCheck[part];
        for (int l = 0; l < layers.length; l++) {
            int out = layers[l].outputSize();
            double[][] a = l == 0 ? w.input : w.a[l - 1];
            Kernels.weightStep(a, w.delta[l], rows, out, weights[l], w.weightGradient[l], learningRate,
                    gradientRows, check, firstWeightRow(l, part, parts), firstWeightRow(l, part + 1, parts));   // W' = W − ε·aᵀ·δ
            if (l % parts == part) {
                Kernels.biasGradient(w.delta[l], rows, out, scratch);              // ∂C/∂bˡ = Σ_rows δˡ
                Kernels.step(biases[l], scratch, w.biasGradient[l], out, learningRate);   // b' = b − ε·∂C/∂b
                Kernels.accumulateNonFinite(check, w.biasGradient[l], out);
            }
        }
    }

    /**
     * Takes part {@code part} of {@code parts} of the gradient-descent step in place:
     * {@code W ← W − ε·∂C/∂W} (split by rows of W) and {@code b ← b − ε·∂C/∂b}.
     */
    private void updatePart(Workspace w, int part, int parts) {
        int rows = w.rows;
        double learningRate = w.learningRate;
        double[] scratch = w.partScratch[part];
        for (int l = 0; l < layers.length; l++) {
            int out = layers[l].outputSize();
            double[][] a = l == 0 ? w.input : w.a[l - 1];
            Kernels.weightUpdate(a, w.delta[l], rows, out, weights[l], learningRate, w.partRows[part],
                    firstWeightRow(l, part, parts), firstWeightRow(l, part + 1, parts));   // W ← W − ε·aᵀ·δ
            if (l % parts == part) {
                Kernels.biasGradient(w.delta[l], rows, out, scratch);              // ∂C/∂bˡ = Σ_rows δˡ
                Kernels.step(biases[l], scratch, biases[l], out, learningRate);    // b ← b − ε·∂C/∂b
            }
        }
    }

    /**
     * Runs a task over {@code rows} rows on as many threads as the work deserves: one below
     * {@link #PARALLEL_THRESHOLD}, or when another network holds the shared pool.
     */
    private void runSplit(Workspace w, Workers.Task task, int rows) {
        runSplit(w, task, rows, multiplyAddsPerRow);
    }

    /**
     * Runs a task over {@code rows} rows of {@code work} multiply-adds (or values scanned) each,
     * on as many threads as the work deserves: one below {@link #PARALLEL_THRESHOLD}, when
     * another network holds the shared pool, or when the workspace is already one of several
     * that share a prediction ({@link Workspace#oneThread}).
     */
    private void runSplit(Workspace w, Workers.Task task, int rows, long work) {
        int parts = threads;
        if (parts <= 1 || w.oneThread || rows * work < PARALLEL_THRESHOLD) {
            task.run(0, 1);
            return;
        }
        parts = Math.min(parts * PARTS_PER_THREAD, rows);
        Workers workers = pool();
        if (!workers.tryAcquire()) {
            task.run(0, 1);                                                  // same results, one thread
            return;
        }
        try {
            workers.run(task, parts);
        } finally {
            workers.release();
        }
    }

    private Workers pool() {
        Workers p = pool;
        if (p == null) {
            p = Workers.shared(threads);
            pool = p;
        }
        return p;
    }

    /** Returns new scratch buffers with this network's tasks wired to them. */
    private Workspace newWorkspace(int parameterCount, int capacity) {
        Workspace w = new Workspace(this, layers, parameterCount, capacity, dense && parameterCount > 0, threads,
                chunkStarts, CHUNKS);
        if (dense) {
            w.forwardTask = (part, parts) -> forwardRows(w, part, first(w.rows, part, parts),
                    first(w.rows, part + 1, parts));
            w.deltaTask = (part, parts) -> deltaRows(w, part, first(w.rows, part, parts), first(w.rows, part + 1, parts));
            w.weightTask = (part, parts) -> weightPart(w, part, parts);
            w.partialTask = (part, parts) -> partialPart(w, part, parts);
            w.stepTask = (part, parts) -> stepPart(w, part, parts);
            w.updateTask = (part, parts) -> updatePart(w, part, parts);
        }
        if (w.partCheck.length > 0) {
            w.scanTask = (part, parts) -> w.partCheck[part][0] = Kernels.maxAbs(w.scanned,
                    first(w.scanned.length, part, parts), first(w.scanned.length, part + 1, parts), inputSize(),
                    w.partScratch[part]);                                    // max |x| over this part's rows
        }
        return w;
    }

    /** Returns the first row of part {@code part} when {@code rows} rows are split into {@code parts}. */
    private static int first(int rows, int part, int parts) {
        return (int) ((long) rows * part / parts);
    }

    /** Copies θ into the row arrays {@link #weights} and {@link #biases}. Call under the write lock. */
    private void copyThetaToRows() {
        if (!dense) {
            return;
        }
        for (int l = 0; l < layers.length; l++) {
            int in = layers[l].inputSize();
            int out = layers[l].outputSize();
            int offset = offsets[l];
            for (int k = 0; k < in; k++) {
                System.arraycopy(theta, offset + k * out, weights[l][k], 0, out);
            }
            System.arraycopy(theta, offset + in * out, biases[l], 0, out);
        }
        boundsStale = true;
    }

    /** Returns the largest of the parts' maxima in slot {@code slot} of {@code parts} (NaN if one is NaN). */
    private static double slotMax(double[][] parts, int slot) {
        double max = 0.0;
        for (double[] part : parts) {
            max = Math.max(max, part[slot]);
        }
        return max;
    }

    /** Sets {@link #bounds} to the largest {@code |w|} of each layer's current weights and biases. */
    private void exactBounds(Workspace w) {
        for (int l = 0; l < layers.length; l++) {
            int out = layers[l].outputSize();
            bounds[l] = Math.max(Kernels.maxAbs(weights[l], 0, layers[l].inputSize(), out, w.partScratch[0]),
                    Kernels.maxAbs(biases[l], out));
        }
        boundsStale = false;
    }

    /**
     * Returns whether a step on this batch certainly leaves every parameter finite, and if so
     * raises {@link #bounds} by the most the step can change a parameter of each layer.
     *
     * <p>With {@code n} rows, {@code |∂C/∂W_kj| = |Σ_i a_ik·δ_ij| ≤ n·max|a|·max|δ|} and
     * {@code |∂C/∂b_j| ≤ n·max|δ|}: every gradient, and every partial sum on the way to it, is at
     * most {@code g = n·max|δ|·max(max|a|, 1)} (times {@code 1 + 2⁻²⁰}, room for rounding), and no
     * parameter moves by more than {@code ε·g}. The step is safe while {@code g} and the bound
     * plus {@code ε·g} both stay below {@link #SAFE_BOUND}; a NaN or infinite {@code a} or
     * {@code δ} fails the test. When the raised bounds come near the limit they are
     * first recomputed from the parameters. The maxima of the hidden layers' {@code a} and
     * {@code δ} were taken by the parts that computed them ({@code w.partMax}).
     */
    private boolean stepCannotOverflow(Workspace w, int rows, double learningRate) {
        if (boundsStale) {
            exactBounds(w);                                                  // the parameters were set
        }
        double[] change = w.boundChange;
        int last = layers.length - 1;
        for (int l = 0; l < layers.length; l++) {
            double inputs = l == 0 ? w.inputMax : slotMax(w.partMax, 2 * l - 2);
            double d = l == last ? Kernels.maxAbs(w.delta[l], 0, rows, layers[l].outputSize(), w.partScratch[0])
                    : slotMax(w.partMax, 2 * l + 1);
            double gradient = rows * d * Math.max(inputs, 1.0) * (1.0 + 0x1p-20);
            if (!(gradient <= SAFE_BOUND)) {
                return false;                                                // the gradient itself might overflow
            }
            change[l] = learningRate * gradient;
            if (!(bounds[l] + change[l] <= SAFE_BOUND)) {
                exactBounds(w);
                if (!(bounds[l] + change[l] <= SAFE_BOUND)) {
                    return false;
                }
            }
        }
        for (int l = 0; l < layers.length; l++) {
            bounds[l] += change[l];
        }
        return true;
    }

    /** Writes each layer's {@code w[l]} (row-major) and then {@code b[l]} into {@code flat}, in θ's order. */
    private void rowsToFlat(double[][][] w, double[][] b, double[] flat) {
        for (int l = 0; l < layers.length; l++) {
            int in = layers[l].inputSize();
            int out = layers[l].outputSize();
            int offset = offsets[l];
            for (int k = 0; k < in; k++) {
                System.arraycopy(w[l][k], 0, flat, offset + k * out, out);
            }
            System.arraycopy(b[l], 0, flat, offset + in * out, out);
        }
    }

    /**
     * Returns which pre-activations of kinked layers (ReLU family) are positive for the rows of
     * {@code x}, one bit per layer, row and unit; used by {@link GradientCheck} to skip steps that
     * cross a kink.
     */
    BitSet kinkPattern(double[][] x) {
        Workspace w = newWorkspace(0, x.length);
        System.arraycopy(x, 0, w.input, 0, x.length);
        forward(w, x.length);
        BitSet bits = new BitSet();
        int bit = 0;
        for (int l = 0; l < layers.length; l++) {
            if (!layers[l].activation().hasKinks()) {
                continue;
            }
            for (int i = 0; i < x.length; i++) {
                for (double v : w.z[l][i]) {
                    bits.set(bit++, v > 0.0);
                }
            }
        }
        return bits;
    }

    /** Takes the step {@code θ ← θ − ε·g} with the gradient left in {@code w}, under the write lock. */
    private void descend(Workspace w, double learningRate) {
        long stamp = parameterLock.writeLock();
        try {
            double[] t = theta;
            double[] g = w.gradient;
            for (int p = 0; p < t.length; p++) {
                t[p] -= learningRate * g[p];                                 // θ ← θ − ε·g
            }
        } finally {
            parameterLock.unlockWrite(stamp);
        }
    }

    /** Throws if the cost or the gradient left in {@code w} is NaN or infinite. */
    private void requireFinite(double cost, Workspace w, int epoch, int batch, double lastFinite) {
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        double acc = 0.0;
        double[] g = w.gradient;
        for (int p = 0; p < g.length; p++) {
            acc += g[p] * 0.0;                                               // NaN or ±∞ times 0 is NaN
        }
        if (acc != 0.0) {
            throw new DivergenceException(epoch, batch, Double.isNaN(lastFinite) ? cost : lastFinite, "the gradient");
        }
    }

    private Workspace trainingWorkspace(int rows) {
        if (trainWorkspace == null || trainWorkspace.capacity < rows) {
            trainWorkspace = newWorkspace(theta.length, rows);
        }
        return trainWorkspace;
    }

    // ----------------------------------------------------------------------------------------
    // Validation at the public boundary

    /** Checks that {@code x} is a matrix of finite values of the network's input width. */
    private void checkInputs(double[][] x) {
        checkInputShape(x);
        Checks.finite(x, "x", predictWorkspace.get().inputScratch);
    }

    /**
     * Returns {@code max |x_ij|} over the whole training set, scanned in parallel by rows, and
     * checks on the way that every value is finite: one pass over the data instead of a check and
     * a scan.
     *
     * @throws IllegalArgumentException naming the first value that is NaN or infinite
     */
    private double inputBound(Workspace w, double[][] x) {
        if (w.scanTask == null) {
            Checks.finite(x, "x");
            return Double.NaN;                                               // only dense networks use the bound
        }
        for (double[] part : w.partCheck) {
            part[0] = 0.0;                                                   // parts that do not run leave 0
        }
        w.scanned = x;
        try {
            runSplit(w, w.scanTask, x.length, inputSize());
        } finally {
            w.scanned = null;
        }
        double max = slotMax(w.partCheck, 0);                                // NaN stays NaN
        if (!(max <= Double.MAX_VALUE)) {
            Checks.finite(x, "x");                                           // names the first bad value
        }
        return max;
    }

    private void checkBatch(double[][] x, double[][] y) {
        checkInputs(x);
        checkTargets(x, y);
    }

    /** Checks that {@code x} is a matrix of the network's input width, without looking at its values. */
    private void checkInputShape(double[][] x) {
        Checks.width(Checks.shape(x, "x"), inputSize(), "x", "inputs (the first layer's inputSize)");
    }

    /** Checks the targets {@code y} of the inputs {@code x}, whose shape is already checked. */
    private void checkTargets(double[][] x, double[][] y) {
        Checks.width(Checks.matrix(y, "y"), outputSize(), "y", "outputs (the last layer's outputSize)");
        Checks.sameRows(x, y);
        loss.checkTargets(y, "y");
    }

    /**
     * Checks a training batch whose inputs' shape {@link #checkInputShape} has checked, as
     * {@link #checkBatch} does, and returns {@code max |x|} for {@link #stepCannotOverflow}: one
     * pass over {@code x} finds both.
     */
    private double checkTrainingBatch(Workspace w, double[][] x, double[][] y) {
        double inputMax = inputBound(w, x);                                  // throws if a value is not finite
        checkTargets(x, y);
        return inputMax;
    }

    /** Drops the workspace's references to the caller's rows once a training call is over. */
    private static void releaseBatch(Workspace w) {
        Arrays.fill(w.input, null);
        Arrays.fill(w.target, null);
        w.inputMax = Double.NaN;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network(").append(inputSize());
        for (Layer layer : layers) {
            s.append(" -> ").append(layer.outputSize()).append(' ').append(layer.activation().name());
        }
        return s.append(", loss ").append(loss.name()).append(", ").append(theta.length).append(" parameters)")
                .toString();
    }

    /**
     * Builds a {@link Network} layer by layer. Not thread-safe; each build returns a new network.
     *
     * <pre>{@code
     * Network net = Network.builder()
     *         .input(2)
     *         .dense(12, Activation.relu())
     *         .dense(1, Activation.sigmoid())
     *         .loss(Loss.binaryCrossEntropy())
     *         .seed(42)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private int inputSize = -1;
        private final List<Object> specs = new ArrayList<>();
        private Loss loss;
        private long seed = DEFAULT_SEED;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * Sets the most threads that one training step or batch prediction may use; the default is
         * {@link Runtime#availableProcessors()}. Results are bit-identical for every value.
         *
         * @param threads 1 to 64; 1 keeps all work on the calling thread
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is outside 1..64
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be between 1 and 64, but was " + threads
                        + "; use 1 for single-threaded work or Runtime.getRuntime().availableProcessors().");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the number of inputs per row.
         *
         * @param size at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code size < 1}
         */
        public Builder input(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("input size must be at least 1, but was " + size
                        + "; pass the number of features per row.");
            }
            this.inputSize = size;
            return this;
        }

        /**
         * Appends a fully connected layer of {@code units} outputs with the given activation.
         *
         * @param units at least 1
         * @param activation the layer's activation
         * @return this builder
         * @throws IllegalArgumentException if {@code units < 1}
         */
        public Builder dense(int units, Activation activation) {
            if (units < 1) {
                throw new IllegalArgumentException("A dense layer needs at least 1 unit, but was given " + units
                        + " (layer " + (specs.size() + 1) + "); use dense(1, ...) or more.");
            }
            Objects.requireNonNull(activation, "activation");
            specs.add(new int[] {units});
            specs.add(activation);
            return this;
        }

        /**
         * Appends a layer of your own; its input size must equal the previous layer's output size.
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder layer(Layer layer) {
            specs.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Sets the loss to minimise.
         *
         * @param loss such as {@link Loss#binaryCrossEntropy()}
         * @return this builder
         */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * Sets the seed of the network's random generator (initial weights and shuffles); the
         * default is {@link Network#DEFAULT_SEED}.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the network and draws its initial parameters from the seed.
         *
         * @return a new network
         * @throws IllegalStateException if the input size, the layers or the loss are missing
         * @throws IllegalArgumentException if sizes disagree, softmax has fewer than two outputs, or
         *     the loss does not suit the output activation (the message names the fix)
         */
        public Network build() {
            if (inputSize < 1) {
                throw new IllegalStateException("The network has no input size; call input(n) before build().");
            }
            if (specs.isEmpty()) {
                throw new IllegalStateException("The network has no layers; add at least one with dense(units, activation).");
            }
            if (loss == null) {
                throw new IllegalStateException("The network has no loss; call loss(...), e.g. Loss.mse(),"
                        + " Loss.binaryCrossEntropy() or Loss.crossEntropy().");
            }
            List<Layer> built = new ArrayList<>();
            int width = inputSize;
            for (int s = 0; s < specs.size(); s++) {
                Object spec = specs.get(s);
                Layer layer;
                if (spec instanceof int[] units) {
                    layer = new Dense(width, units[0], (Activation) specs.get(++s));
                } else {
                    layer = (Layer) spec;
                    if (layer.inputSize() != width) {
                        throw new IllegalArgumentException("Layer " + (built.size() + 1) + " expects " + layer.inputSize()
                                + " inputs but the previous layer gives " + width + "; make the sizes match.");
                    }
                }
                if (!layer.activation().isElementwise() && layer.outputSize() < 2) {
                    throw new IllegalArgumentException("Layer " + (built.size() + 1) + " applies "
                            + layer.activation().name() + " to 1 unit, which always gives 1. Use at least 2 units,"
                            + " or sigmoid for a single output.");
                }
                built.add(layer);
                width = layer.outputSize();
            }
            Layer head = built.get(built.size() - 1);
            loss.checkHead(head.activation(), head.outputSize());
            return new Network(built.toArray(new Layer[0]), loss, seed, Math.min(threads, 64));
        }
    }
}
