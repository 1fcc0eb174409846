package io.github.mlp4j;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelReader;
import io.github.mlp4j.io.ModelWriter;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.layer.Dropout;
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
 * The code of each line is in {@code Engine}, one method per line of the math.
 *
 * <p>All parameters live in one vector, layer by layer, each layer's {@code W} row-major
 * (in × out) followed by its {@code b}; {@link #parameters()}, {@link #gradient} and
 * {@link #setParameters} use that order. Layers of your own ({@link Builder#layer(Layer)}) train
 * and predict beside the built-in {@link Dense} layers, which keep their fast kernels.
 *
 * <p>Randomness comes from one generator seeded by {@link Builder#seed(long)} (default
 * {@link #DEFAULT_SEED}): it draws the initial weights, then the shuffles of every
 * {@link #fit} call, carrying on from one call to the next. Stochastic layers (dropout) draw from
 * the seed and the number of the step. The same seed and the same calls give bit-identical
 * parameters.
 *
 * <p>Threads: large batches are split between at most {@link Builder#threads(int)} threads
 * (default: {@link Runtime#availableProcessors()}), taken from a small pool shared by every
 * network; its threads start on first use and end when idle. How the work is split never changes
 * a result: every number is computed by one fixed expression, so the results are bit-identical
 * for every thread count. Batches with fewer than {@link #PARALLEL_THRESHOLD} multiply-adds run on
 * the calling thread.
 *
 * <p>Thread safety: prediction ({@link #predict}, {@link #predictClass}, {@link #loss}) may be
 * called from any number of threads at once. Training methods ({@link #step}, {@link #fit},
 * {@link #setParameters}, {@link #update}) are synchronised with each other. Training while other
 * threads predict is safe: a fair read-write lock guards the parameters, so each prediction sees
 * them either before or after an update, never a mix, and a step's update is not starved by a
 * stream of predictions.
 *
 * <p>Memory: a prediction borrows scratch buffers from a small pool the network owns (a few
 * one-row buffers as wide as the layers, and a few batch buffers of at most 1 MiB each) and gives
 * them back; nothing is kept per calling thread. Training keeps one workspace for the largest
 * batch seen. A network that nobody references is garbage-collected with all its buffers.
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

    private final Layer[] layers;
    private final Loss loss;
    private final long seed;
    private final int threads;
    private final Rng rng;
    private final Parameters params;
    private final Engine engine;
    private final Prediction prediction;
    /** The workspace of fit, step and gradient, for the largest batch so far; guarded by this. */
    private Workspace trainWorkspace;
    /** θ in flat order for {@link #update}, current while {@link #flatCurrent}; guarded by this. */
    private double[] flat;
    private boolean flatCurrent;
    /** The number of training steps taken, which seeds each step's stochastic layers; guarded by this. */
    private long steps;

    private Network(Layer[] layers, Loss loss, long seed, int threads) {
        this.layers = layers;
        this.loss = loss;
        this.seed = seed;
        this.threads = threads;
        this.rng = new Rng(seed);
        this.params = new Parameters(layers, rng);
        this.engine = new Engine(this, params, threads);
        this.prediction = new Prediction(engine, layers, threads);
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
        return params.count;
    }

    /**
     * {@return where layer {@code l}'s parameters start in {@link #parameters()}}
     *
     * @param l the layer's index, from 0
     * @throws IndexOutOfBoundsException if there is no such layer
     */
    public int parameterOffset(int l) {
        Objects.checkIndex(l, layers.length);
        return params.offsets[l];
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
     * @throws ArithmeticException if an output is NaN or infinite: the parameters overflow on
     *     these inputs (the message names the row)
     */
    public double[][] predict(double[][] x) {
        Inputs.checkInputs(x, inputSize());
        double[][] out = new double[x.length][outputSize()];
        prediction.predict(x, out, params);
        Inputs.checkOutputs(out);
        return out;
    }

    /**
     * Returns the network's output for one row.
     *
     * @param x the inputs, of length inputSize; not modified
     * @return a new array of length outputSize
     * @throws IllegalArgumentException if {@code x} has the wrong length or holds NaN or infinity
     * @throws ArithmeticException if an output is NaN or infinite
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
     * @throws ArithmeticException if an output is NaN or infinite
     */
    public void predict(double[] x, double[] output) {
        Checks.width(Checks.vector(x, "x"), inputSize(), "x", "inputs (the first layer's inputSize)");
        Objects.requireNonNull(output, "output");
        if (output.length != outputSize()) {
            throw new IllegalArgumentException("output has " + output.length + " values but the network has "
                    + outputSize() + " outputs; pass an array of length outputSize().");
        }
        prediction.predict(x, output, params);
        Inputs.checkOutput(output, 0);
    }

    /**
     * Returns whether this network is a classifier, the one rule that {@link #predictClass} and
     * the trainer's accuracy follow: a single output after a sigmoid (class 1 when the output is
     * at least 0.5) or a tanh (at least 0), or several outputs after a softmax or a sigmoid (the
     * class is the index of the largest).
     *
     * @return whether {@link #predictClass} can be called
     */
    public boolean isClassifier() {
        String head = layers[layers.length - 1].activation().name();
        return outputSize() == 1 ? head.equals("sigmoid") || head.equals("tanh")
                : head.equals("softmax") || head.equals("sigmoid");
    }

    /**
     * Returns the predicted class of each row of {@code x}, as {@link #isClassifier()} defines it.
     * With several outputs the first largest wins ties.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @return a new array of n class indices
     * @throws IllegalArgumentException if {@code x} is invalid, as for {@link #predict(double[][])}
     * @throws IllegalStateException if the network is not a classifier
     * @throws ArithmeticException if an output is NaN or infinite
     */
    public int[] predictClass(double[][] x) {
        requireClassifier();
        double[][] p = predict(x);
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            classes[i] = classOf(p[i]);
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
     * @throws ArithmeticException if an output is NaN or infinite
     */
    public int predictClass(double[] x) {
        requireClassifier();
        return classOf(predict(x));
    }

    private void requireClassifier() {
        if (!isClassifier()) {
            throw new IllegalStateException("predictClass needs a classifier, but this network has " + outputSize()
                    + " output(s) with activation " + layers[layers.length - 1].activation().name()
                    + ". Use a sigmoid (or tanh) output for two classes, softmax over several outputs for more, or"
                    + " call predict for regression outputs.");
        }
    }

    private int classOf(double[] p) {
        if (p.length == 1) {
            double threshold = layers[layers.length - 1].activation().name().equals("tanh") ? 0.0 : 0.5;
            return p[0] >= threshold ? 1 : 0;
        }
        return Inputs.argmax(p);
    }

    /**
     * Returns the mean cost over the rows of {@code x} and {@code y}, as the loss defines it.
     * Stochastic layers run as in prediction.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @return the mean cost, ≥ 0
     * @throws IllegalArgumentException if the shapes disagree, or a value is not finite, or a
     *     target does not suit the loss
     */
    public double loss(double[][] x, double[][] y) {
        Inputs.checkInputs(x, inputSize());
        Inputs.checkTargets(x, y, outputSize(), loss);
        return prediction.loss(x, y, loss, params);
    }

    // ----------------------------------------------------------------------------------------
    // Parameters and gradients

    /**
     * {@return a copy of all parameters, layer by layer: {@code W} row-major (in × out), then
     * {@code b}}
     */
    public double[] parameters() {
        double[] copy = new double[params.count];
        params.lock.readLock().lock();
        try {
            params.toFlat(copy);
        } finally {
            params.lock.readLock().unlock();
        }
        return copy;
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
        if (parameters.length != params.count) {
            throw new IllegalArgumentException("parameters has " + parameters.length + " values but this network has "
                    + params.count + " parameters; pass an array from parameters() of a network with the same layers.");
        }
        Checks.vector(parameters, "parameters");
        params.lock.writeLock().lock();
        try {
            params.fromFlat(parameters);
            engine.parametersChanged();
            flatCurrent = false;
        } finally {
            params.lock.writeLock().unlock();
        }
    }

    /**
     * Returns the gradient {@code ∂C/∂θ} of the mean cost over the rows of {@code x} and {@code y},
     * in the order of {@link #parameters()}, without changing the parameters. Stochastic layers
     * run as in prediction, so this is the gradient of {@link #loss}.
     *
     * @param x the inputs, (n × inputSize); not modified
     * @param y the targets, (n × outputSize); not modified
     * @return a new array of length {@link #parameterCount()}
     * @throws IllegalArgumentException if the batch is invalid, as for {@link #loss}
     */
    public synchronized double[] gradient(double[][] x, double[][] y) {
        Inputs.checkInputs(x, inputSize());
        Inputs.checkTargets(x, y, outputSize(), loss);
        Workspace w = trainingWorkspace(x.length);
        for (Pass pass : w.passes) {
            pass.inference();
        }
        try {
            System.arraycopy(x, 0, w.input, 0, x.length);
            System.arraycopy(y, 0, w.target, 0, y.length);
            engine.gradient(w, x.length, loss);
            params.toFlat(w.weightGradient, w.biasGradient, w.ownGradient, w.gradient);
            return w.gradient.clone();
        } finally {
            w.release();
        }
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
        Inputs.checkShape(x, inputSize());
        Workspace w = trainingWorkspace(x.length);
        w.inputMax = checkTrainingBatch(w, x, y);
        for (int i = 0; i < x.length; i++) {
            w.input[i] = x[i];
            w.target[i] = y[i];
        }
        try {
            return trainStep(w, x.length, learningRate, 1, 1, Double.NaN);
        } finally {
            w.release();
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
     * <p>Interrupting the training thread stops training before the next batch with a
     * {@link TrainingInterruptedException}; the network keeps the parameters of the last finished
     * step and the thread stays interrupted.
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
     * @throws TrainingInterruptedException if the thread is interrupted
     */
    public synchronized double[] fit(double[][] x, double[][] y, int epochs, int batchSize, double learningRate) {
        Checks.atLeast(epochs, 1, "epochs");
        Checks.atLeast(batchSize, 1, "batchSize");
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
        Inputs.checkShape(x, inputSize());
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
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TrainingInterruptedException(epoch, batch);   // the flag stays set
                    }
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
            w.release();
        }
        return costs;
    }

    /**
     * Takes one step {@code θ ← θ − ε·∂C/∂θ} on rows 0..rows−1 of {@code w}'s batch and returns the
     * cost before it.
     *
     * @throws DivergenceException if the cost, the gradient or a new parameter is not finite
     */
    private double trainStep(Workspace w, int rows, double learningRate, int epoch, int batch, double lastFinite) {
        armPasses(w);
        for (double[] part : w.partMax) {
            Arrays.fill(part, 0.0);                                          // parts that do not run leave 0
        }
        double cost = engine.forwardAndDelta(w, rows, loss);                 // C and δˡ of every layer
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        if (!engine.step(w, rows, learningRate)) {                           // θ ← θ − ε·∂C/∂θ
            throw new DivergenceException(epoch, batch, Double.isNaN(lastFinite) ? cost : lastFinite, "the gradient");
        }
        flatCurrent = false;
        return cost;
    }

    /** Arms every layer's pass of {@code w} for the next training step. */
    private void armPasses(Workspace w) {
        long stepSeed = seed ^ 0x6A09E667F3BCC909L * ++steps;
        for (Pass pass : w.passes) {
            pass.training(stepSeed);
        }
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
        return engine.newWorkspace(capacity, true);
    }

    /**
     * Computes the mean cost and its gradient on rows {@code 0..rows−1} of {@code x} and {@code y},
     * leaving the gradient in {@link Workspace#gradient()}; the parameters are not changed. This is
     * a training pass: each call is a new step for stochastic layers (dropout draws new masks).
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
    public synchronized double computeGradient(double[][] x, double[][] y, int rows, Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        if (rows < 1 || rows > workspace.capacity || rows > x.length || rows > y.length) {
            throw new IllegalArgumentException("rows must be between 1 and min(capacity " + workspace.capacity
                    + ", x rows " + x.length + ", y rows " + y.length + "), but was " + rows + ".");
        }
        if (workspace.network != this || !workspace.training) {
            throw new IllegalArgumentException("This workspace belongs to another network; get one from workspace(n).");
        }
        Inputs.checkRows(x, y, rows, inputSize(), outputSize());
        try {
            for (int i = 0; i < rows; i++) {
                workspace.input[i] = x[i];
                workspace.target[i] = y[i];
            }
            armPasses(workspace);
            double cost = engine.gradient(workspace, rows, loss);
            params.toFlat(workspace.weightGradient, workspace.biasGradient, workspace.ownGradient,
                    workspace.gradient);                                     // ∂C/∂θ in θ's order
            return cost;
        } finally {
            workspace.release();
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
        if (gradient.length != params.count) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values but this network has "
                    + params.count + " parameters.");
        }
        if (flat == null) {
            flat = new double[params.count];
        }
        if (!flatCurrent) {
            params.toFlat(flat);                                             // only this thread writes θ
        }
        optimizer.update(flat, gradient, learningRate);
        params.lock.writeLock().lock();
        try {
            params.fromFlat(flat);
            engine.parametersChanged();
            flatCurrent = true;
        } finally {
            params.lock.writeLock().unlock();
        }
    }

    /**
     * Returns which pre-activations of kinked layers (ReLU family) are positive for the rows of
     * {@code x}, one bit per layer, row and unit; used by {@link GradientCheck} to skip steps that
     * cross a kink.
     */
    BitSet kinkPattern(double[][] x) {
        Workspace w = engine.newWorkspace(x.length, false);
        System.arraycopy(x, 0, w.input, 0, x.length);
        params.lock.readLock().lock();
        try {
            engine.forward(w, x.length);
        } finally {
            params.lock.readLock().unlock();
        }
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

    private Workspace trainingWorkspace(int rows) {
        if (trainWorkspace == null || trainWorkspace.capacity < rows) {
            trainWorkspace = engine.newWorkspace(rows, true);
        }
        return trainWorkspace;
    }

    /**
     * Checks a training batch whose inputs' shape is checked, and returns {@code max |x|} for the
     * step guard: one parallel pass over {@code x} finds both.
     */
    private double checkTrainingBatch(Workspace w, double[][] x, double[][] y) {
        double max = engine.maxAbs(w, x);
        if (!(max <= Double.MAX_VALUE)) {
            Checks.finite(x, "x");                                           // names the first bad value
        }
        Inputs.checkTargets(x, y, outputSize(), loss);
        return max;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network(").append(inputSize());
        for (Layer layer : layers) {
            s.append(" -> ").append(layer.outputSize()).append(' ').append(layer.activation().name());
        }
        return s.append(", loss ").append(loss.name()).append(", ").append(params.count).append(" parameters)")
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
         * Appends inverted dropout over the previous layer's outputs: while training, each unit is
         * dropped with probability {@code rate} and the others are scaled by {@code 1/(1 − rate)};
         * at prediction it passes its inputs through. See {@link io.github.mlp4j.layer.Dropout}.
         *
         * @param rate the probability of dropping a unit, in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
         */
        public Builder dropout(double rate) {
            new Dropout(1, rate);                                            // checks the rate now
            specs.add(new double[] {rate});
            return this;
        }

        /**
         * Builds the network and draws its initial parameters from the seed.
         *
         * @return a new network
         * @throws IllegalStateException if the input size, the layers or the loss are missing
         * @throws IllegalArgumentException if sizes disagree or overflow, softmax has fewer than two
         *     outputs, or the loss does not suit the output activation (the message names the fix)
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
            Layer[] built = LayerStack.assemble(inputSize, specs);
            Layer head = built[built.length - 1];
            loss.checkHead(head.activation(), head.outputSize());
            return new Network(built, loss, seed, Math.min(threads, 64));
        }
    }
}
