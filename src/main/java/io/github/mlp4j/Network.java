package io.github.mlp4j;

import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelReader;
import io.github.mlp4j.io.ModelWriter;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.optim.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

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
 * {@link #setParameters} use that order. Layers of your own ({@link NetworkBuilder#layer(Layer)}) train
 * and predict beside the built-in {@link Dense} layers, which keep their fast kernels.
 *
 * <p>Randomness comes from one generator seeded by {@link NetworkBuilder#seed(long)} (default
 * {@link #DEFAULT_SEED}): it draws the initial weights, then the shuffles of every
 * {@link #fit} call, carrying on from one call to the next. Stochastic layers (dropout) draw from
 * the seed and the number of the step. The same seed and the same calls give bit-identical
 * parameters.
 *
 * <p>Threads: large batches are split between at most {@link NetworkBuilder#threads(int)} threads
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
    private final ClassRule classes;
    /** The state of training (workspace, step count); its methods run while this network's monitor is held. */
    private final Training training;

    Network(Layer[] layers, Loss loss, long seed, int threads) {
        this.layers = layers;
        this.loss = loss;
        this.seed = seed;
        this.threads = threads;
        this.rng = new Rng(seed);
        this.params = new Parameters(layers, rng);
        this.engine = new Engine(this, params, threads);
        this.prediction = new Prediction(engine, params, loss, threads);
        this.classes = new ClassRule(layers[layers.length - 1]);
        this.training = new Training(this, params, engine, loss, rng, seed);
    }

    /** {@return a builder for a new network} */
    public static NetworkBuilder builder() {
        return new NetworkBuilder();
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
     * {@link NetworkBuilder#threads(int)}}
     */
    public int threads() {
        return threads;
    }

    /**
     * {@return how many threads a large training step or batch prediction runs on now}: at most
     * {@link #threads()}, and fewer when the library measured that splitting the work does not
     * pay on this machine (its cores busy with other work, say). Results are the same either way.
     */
    public int threadsInUse() {
        return threads <= 1 ? 1 : engine.pool().parallelism();
    }

    /** {@return a short sentence saying why {@link #threadsInUse()} threads run} */
    public String threadsReason() {
        return threads <= 1 ? "1 thread: threads(1) was asked for" : engine.pool().reason();
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
        return params.offset(l);
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
        return prediction.predict(x);
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
        prediction.predict(x, output);
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
        return classes.isClassifier();
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
        classes.requireClassifier();
        return classes.classesOf(predict(x));
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
        classes.requireClassifier();
        return classes.classOf(predict(x));
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
        return prediction.loss(x, y);
    }

    // ----------------------------------------------------------------------------------------
    // Parameters and gradients

    /**
     * {@return a copy of all parameters, layer by layer: {@code W} row-major (in × out), then
     * {@code b}}
     */
    public double[] parameters() {
        return params.copy();
    }

    /**
     * Replaces all parameters, in the order of {@link #parameters()}.
     *
     * @param parameters the new values; copied, not modified
     * @throws IllegalArgumentException if the length differs from {@link #parameterCount()} or a
     *     value is not finite
     */
    public synchronized void setParameters(double[] parameters) {
        training.setParameters(parameters);
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
        return training.gradient(x, y);
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
        return training.step(x, y, learningRate);
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
        return training.fit(x, y, epochs, batchSize, learningRate);
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
        return training.workspace(capacity);
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
        return training.computeGradient(x, y, rows, workspace);
    }

    /**
     * Applies one optimizer update to the parameters, {@code θ ← update(θ, g, ε)}, if every new
     * parameter is finite; otherwise leaves the parameters as they were and returns false.
     *
     * @param optimizer the optimizer's state for this training run
     * @param gradient the gradient, in the order of {@link #parameters()}; not modified
     * @param learningRate this step's learning rate, positive and finite
     * @return whether the update was applied
     * @throws IllegalArgumentException if the gradient's length differs from the parameter count or
     *     the learning rate is invalid
     */
    public synchronized boolean update(Optimizer.State optimizer, double[] gradient, double learningRate) {
        return training.update(optimizer, gradient, learningRate, 0.0, 1.0);
    }

    /**
     * Applies one optimizer update to a scaled gradient with L2 weight decay,
     * {@code θ ← update(θ, s·g + λ·θ, ε)}, as {@link #update(Optimizer.State, double[], double)}
     * does. A built-in optimizer forms {@code s·g + λ·θ} entry by entry in its own pass; an
     * optimizer of your own is given it in the network's buffer. A trainer that clips the gradient
     * by its norm passes {@code s = min(1, maxNorm/‖g‖)} here instead of scaling {@code g} first:
     * the same bits, fewer passes. A NaN or infinite gradient entry makes a built-in optimizer's
     * new parameter NaN or infinite, so this method returns false for it.
     *
     * @param optimizer the optimizer's state for this training run
     * @param gradient the gradient, in the order of {@link #parameters()}; not modified
     * @param learningRate this step's learning rate, positive and finite
     * @param weightDecay {@code λ}, finite and at least 0
     * @param gradientScale {@code s}, positive and finite (1 leaves the gradient as it is)
     * @return whether the update was applied (false, with nothing changed, if a new parameter would
     *     not be finite)
     * @throws IllegalArgumentException if the gradient's length differs from the parameter count, or
     *     an argument is invalid
     */
    public synchronized boolean update(Optimizer.State optimizer, double[] gradient, double learningRate,
            double weightDecay, double gradientScale) {
        return training.update(optimizer, gradient, learningRate, weightDecay, gradientScale);
    }

    /**
     * Applies one optimizer update with the gradient that the last
     * {@link #computeGradient(double[][], double[][], int, Workspace)} left in {@code workspace},
     * {@code θ ← update(θ, s·g + λ·θ, ε)}, as
     * {@link #update(Optimizer.State, double[], double, double, double)} does with
     * {@code workspace.gradient()}: the same bits. With a built-in optimizer it is faster: the
     * gradient is read in the layers' own arrays and the new parameters are built in the
     * workspace, so neither is copied into a flat vector (the optimizer's buffers take the layers'
     * shapes on the first call, which changes none of their values or snapshots). This is the
     * update {@link io.github.mlp4j.train.Trainer} takes.
     *
     * @param optimizer the optimizer's state for this training run, for this network's parameter count
     * @param workspace the workspace of the last {@code computeGradient}; its gradient is not modified
     * @param learningRate this step's learning rate, positive and finite
     * @param weightDecay {@code λ}, finite and at least 0
     * @param gradientScale {@code s}, positive and finite (1 leaves the gradient as it is)
     * @return whether the update was applied (false, with the parameters unchanged, if a new
     *     parameter would not be finite)
     * @throws IllegalArgumentException if the workspace belongs to another network, the state's
     *     parameter count differs from this network's, or an argument is invalid
     */
    public synchronized boolean update(Optimizer.State optimizer, Workspace workspace, double learningRate,
            double weightDecay, double gradientScale) {
        return training.update(optimizer, workspace, learningRate, weightDecay, gradientScale);
    }

    /** See {@link Workspace#gradientNormBelow}: the quick test, on this network's threads. */
    boolean gradientNormBelow(Workspace workspace, double bound) {
        return OptimizerStep.normBelow(engine, workspace, bound);
    }

    /**
     * Returns which pre-activations of kinked layers (ReLU family) are positive for the rows of
     * {@code x}, one bit per layer, row and unit; used by {@link GradientCheck} to skip steps that
     * cross a kink.
     */
    BitSet kinkPattern(double[][] x) {
        return prediction.kinkPattern(x);
    }

    @Override
    public String toString() {
        return "Network(" + LayerStack.describe(layers) + ", loss " + loss.name() + ", " + params.count + " parameters)";
    }
}
