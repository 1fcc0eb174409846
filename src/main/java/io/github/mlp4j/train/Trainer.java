package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import io.github.mlp4j.TrainingInterruptedException;
import io.github.mlp4j.Workspace;
import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.internal.ScaledUpdate;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Lbfgs;
import io.github.mlp4j.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link Network} as a {@link TrainingConfig} says, and returns a {@link History}.
 *
 * <p>Training starts from the network's current parameters and updates them in place, so a second
 * {@code fit} continues where the first ended (build a new network to start afresh). Each epoch
 * shuffles the training rows with a generator seeded by {@link TrainingConfig#seedFor(Network)}:
 * the configuration's seed if it sets one, otherwise the network's own, so one seed rules the
 * run (one generator per run, its shuffles carrying on from epoch to epoch). The trainer walks
 * the rows in batches and takes one step per batch:
 * <pre>
 *   C, g  = cost and gradient ∂C/∂θ of the batch (batch mean)
 *   g     ← g · min(1, maxGradientNorm / ‖g‖)
 *   g     ← g + weightDecay · θ
 *   θ     ← optimizer.update(θ, g, schedule.rate(epoch))
 * </pre>
 * After each epoch it measures the validation cost and accuracy, tells the listeners, and applies
 * the stopping rules (target cost first, then early stopping).
 *
 * <p>Data: in-memory rows ({@code double[][]} or {@link Dataset}) are checked once, at the start
 * (shapes, NaN or infinity, targets that suit the loss), and batches hold references to their rows,
 * so training copies nothing. A {@link BatchSource} is read lazily, one batch at a time, so memory
 * stays constant whatever the data's size; each of its batches is checked for NaN and infinity.
 *
 * <p>Divergence: a batch whose cost or gradient is NaN or infinite, or an update that would make
 * a parameter NaN or infinite, stops training with a {@link DivergenceException} naming the epoch,
 * the batch and the last finite cost. The network then keeps the parameters it had before that
 * step, all finite.
 *
 * <p>Interrupts: if the training thread is interrupted, training stops before the next batch
 * with a {@link TrainingInterruptedException} naming the epoch and the batches done; the network
 * keeps the parameters of the last finished step, listeners get {@link TrainingListener#onStop}
 * with {@link History.StopReason#INTERRUPTED}, and the thread's interrupt flag stays set.
 *
 * <p>With plain SGD, no clipping, no weight decay and a constant rate, the steps are those of
 * {@link Network#fit}; the two give the same bits when the shuffles coincide (Network.fit shuffles
 * with the network's own generator, which carries on from call to call; this class starts a new
 * generator from {@code config.seedFor(network)} in each call).
 *
 * <p>Instances are immutable and may be shared; one network must not be trained by two threads at
 * once. The trainer never prints: attach a {@link ConsoleListener} to see progress.
 */
public final class Trainer {
    /** Rows sampled from the training data to look for inactive ReLU units. */
    static final int ACTIVITY_SAMPLE = 1000;

    private final TrainingConfig config;
    private final List<TrainingListener> listeners;

    /**
     * Creates a trainer without listeners.
     *
     * @param config the settings of each run
     */
    public Trainer(TrainingConfig config) {
        this(Objects.requireNonNull(config, "config"), List.of());
    }

    private Trainer(TrainingConfig config, List<TrainingListener> listeners) {
        this.config = config;
        this.listeners = listeners;
    }

    /**
     * Returns a trainer with the same settings and one more listener, called after the others.
     *
     * @param listener the listener
     * @return a new trainer
     */
    public Trainer withListener(TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new Trainer(config, List.copyOf(all));
    }

    /**
     * Returns a trainer with the same settings and one more listener that hears only the end of
     * each epoch, such as a lambda {@code row -> System.out.println(row.trainingCost())}.
     *
     * @param listener the per-epoch hook
     * @return a new trainer
     */
    public Trainer withListener(EpochListener listener) {
        return withListener((TrainingListener) listener);
    }

    /**
     * Returns the settings of this trainer.
     *
     * @return the configuration
     */
    public TrainingConfig config() {
        return config;
    }

    // ----------------------------------------------------------------------------------------
    // Entry points

    /**
     * Trains on in-memory rows, holding out {@code config.validationFraction()} of them, chosen at
     * random from the seed, for validation.
     *
     * @param network the network; training starts from its current parameters and updates them in place
     * @param x the inputs, (n × inputSize); not modified, rows referenced during training
     * @param y the targets, (n × outputSize); not modified
     * @return the history of the run
     * @throws IllegalArgumentException if the data do not suit the network, hold NaN or infinity,
     *     the validation fraction leaves no rows on one side, or the early-stopping monitor needs
     *     validation rows or a classifier that are missing
     * @throws DivergenceException if training diverges; the network keeps the last finite parameters
     */
    public History fit(Network network, double[][] x, double[][] y) {
        Objects.requireNonNull(network, "network");
        checkData(network, x, y, "x", "y");
        if (config.validationFraction() == 0) {
            return run(network, new RowBatches(x, y, config.batchSize(), config.seedFor(network)), null, null, x.length);
        }
        int n = x.length;
        int held = (int) Math.round(n * config.validationFraction());
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("validationFraction " + config.validationFraction() + " of " + n
                    + " rows holds out " + held + " rows, leaving none on one side; use more rows or another fraction.");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new Rng(~config.seedFor(network)).shuffle(order);                  // split seed differs from shuffle seed
        double[][] xv = new double[held][];
        double[][] yv = new double[held][];
        double[][] xt = new double[n - held][];
        double[][] yt = new double[n - held][];
        for (int i = 0; i < n; i++) {
            if (i < held) {
                xv[i] = x[order[i]];
                yv[i] = y[order[i]];
            } else {
                xt[i - held] = x[order[i]];
                yt[i - held] = y[order[i]];
            }
        }
        return run(network, new RowBatches(xt, yt, config.batchSize(), config.seedFor(network)), xv, yv, xt.length);
    }

    /**
     * Trains on in-memory rows and validates on the rows given; the validation fraction must be 0.
     *
     * @param network the network; training starts from its current parameters and updates them in place
     * @param x the training inputs, (n × inputSize); not modified
     * @param y the training targets, (n × outputSize); not modified
     * @param xValidation the validation inputs, (m × inputSize); not modified
     * @param yValidation the validation targets, (m × outputSize); not modified
     * @return the history of the run
     * @throws IllegalArgumentException if the data are invalid, or a validation fraction is also set
     * @throws DivergenceException if training diverges; the network keeps the last finite parameters
     */
    public History fit(Network network, double[][] x, double[][] y, double[][] xValidation, double[][] yValidation) {
        Objects.requireNonNull(network, "network");
        checkData(network, x, y, "x", "y");
        checkValidation(network, xValidation, yValidation);
        return run(network, new RowBatches(x, y, config.batchSize(), config.seedFor(network)), xValidation, yValidation,
                x.length);
    }

    /**
     * Trains on a data set, as {@link #fit(Network, double[][], double[][])}.
     *
     * @param network the network; training starts from its current parameters and updates them in place
     * @param training the training rows
     * @return the history of the run
     * @throws IllegalArgumentException if the data are invalid
     * @throws DivergenceException if training diverges
     */
    public History fit(Network network, Dataset training) {
        Objects.requireNonNull(training, "training");
        return fit(network, training.x(), training.y());
    }

    /**
     * Trains on one data set and validates on another, as
     * {@link #fit(Network, double[][], double[][], double[][], double[][])}.
     *
     * @param network the network; training starts from its current parameters and updates them in place
     * @param training the training rows
     * @param validation the validation rows
     * @return the history of the run
     * @throws IllegalArgumentException if the data are invalid
     * @throws DivergenceException if training diverges
     */
    public History fit(Network network, Dataset training, Dataset validation) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        return fit(network, training.x(), training.y(), validation.x(), validation.y());
    }

    /**
     * Trains on batches read lazily from a source, in constant memory, without validation.
     *
     * <p>Each epoch starts a pass with {@code source.reset(s)}, where {@code s} is drawn from a
     * generator seeded by {@code config.seedFor(network)}. The source is not closed.
     *
     * @param network the network; training starts from its current parameters and updates them in place
     * @param source the training data; its widths must match the network
     * @return the history of the run
     * @throws IOException if the source fails to read
     * @throws IllegalArgumentException if the widths differ, a batch holds NaN or infinity, or a
     *     validation fraction is set (a source cannot be split; pass validation rows instead)
     * @throws DivergenceException if training diverges
     */
    public History fit(Network network, BatchSource source) throws IOException {
        return fit(network, source, null, null);
    }

    /**
     * Trains on batches read lazily from a source and validates on in-memory rows.
     *
     * @param network the network; training starts from its current parameters and updates them in place
     * @param source the training data; its widths must match the network; not closed
     * @param xValidation the validation inputs, (m × inputSize), or null for none; not modified
     * @param yValidation the validation targets, (m × outputSize), or null for none; not modified
     * @return the history of the run
     * @throws IOException if the source fails to read
     * @throws IllegalArgumentException if the data are invalid or a validation fraction is set
     * @throws DivergenceException if training diverges
     */
    public History fit(Network network, BatchSource source, double[][] xValidation, double[][] yValidation)
            throws IOException {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(source, "source");
        if (source.inputSize() != network.inputSize() || source.outputSize() != network.outputSize()) {
            throw new IllegalArgumentException("The batch source gives rows of " + source.inputSize() + " inputs and "
                    + source.outputSize() + " targets but the network has " + network.inputSize() + " inputs and "
                    + network.outputSize() + " outputs; build the network to match the data.");
        }
        if (xValidation != null || yValidation != null) {
            checkValidation(network, xValidation, yValidation);
        } else if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("validationFraction is " + config.validationFraction()
                    + ", but a batch source cannot be split; set it to 0 and pass validation rows to"
                    + " fit(network, source, xValidation, yValidation).");
        }
        try {
            return run(network, new SourceBatches(source, config.batchSize(), config.seedFor(network)), xValidation,
                    yValidation, -1);
        } catch (UncheckedIOException e) {
            throw e.getCause();                                             // the source's own IOException
        }
    }

    // ----------------------------------------------------------------------------------------
    // The training loop

    private History run(Network net, TrainingBatches batches, double[][] xv, double[][] yv, int trainingRows) {
        if (config.optimizer() instanceof Lbfgs lbfgs) {                    // full batch: a loop of its own
            if (!(batches instanceof RowBatches rows)) {
                throw new IllegalArgumentException("L-BFGS needs all training rows in memory; pass them as arrays or"
                        + " a Dataset, or use a per-batch optimizer such as Optimizer.adam() with a batch source.");
            }
            return new LbfgsTraining(config, listeners, lbfgs).run(net, rows.x, rows.y, xv, yv);
        }
        RunRecord record = new RunRecord(config, listeners, net, xv, yv);   // checks the early-stopping monitor
        Optimizer.State state = config.optimizer().start(net.parameterCount());
        Workspace w = net.workspace(batches.capacity());
        boolean builtIn = state instanceof ScaledUpdate;                    // its update also checks the gradient
        double lastFinite = Double.NaN;
        record.start(trainingRows);
        try {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                double rate = learningRate(epoch);
                batches.start(epoch);                                       // same seed, same order
                double costSum = 0.0;
                long seen = 0;
                int batch = 0;
                for (int rows = batches.next(); rows > 0; rows = batches.next()) {
                    if (Thread.currentThread().isInterrupted()) {               // the flag stays set
                        throw record.interrupted(epoch, batch);
                    }
                    batch++;
                    double cost = net.computeGradient(batches.x(), batches.y(), rows, w);   // C, g = ∂C/∂θ
                    double scale = checkAndClip(cost, w, config.maxGradientNorm(), !(builtIn && rate > 0),
                            epoch, batch, lastFinite);                      // s = min(1, max/‖g‖)
                    if (rate > 0 && !net.update(state, w, rate, config.weightDecay(), scale)) {
                        throw Checks.allFinite(w.gradient())                // θ ← update(θ, s·g + λθ, ε)
                                ? new DivergenceException(epoch, batch, cost, "a parameter")
                                : new DivergenceException(epoch, batch, lastFinite, "the gradient");
                    }
                    lastFinite = cost;
                    costSum += rows * cost;
                    seen += rows;
                    if (epoch == 1 && batch == 1) {
                        double[][] probe = batches.scaleProbe(rows);
                        record.warn(Warning.Kind.UNSCALED_INPUTS, TrainingWarnings.unscaledMessage(probe, probe.length));
                    }
                }
                if (!record.endEpoch(epoch, costSum / seen, rate, config.epochs())) {
                    break;                                                  // a stopping rule fired
                }
            }
        } catch (DivergenceException e) {
            throw record.diverged(e);
        } catch (TrainingInterruptedException e) {
            record.stop(History.StopReason.INTERRUPTED, e.getMessage());
            throw e;
        } finally {
            batches.finish();
        }
        record.restoreBest();
        record.warn(Warning.Kind.SINGLE_CLASS_PREDICTIONS, record.singleClassMessage());   // on the final parameters
        double[][] sample = batches.sample();
        if (sample != null && sample.length > 0) {
            record.warn(Warning.Kind.INACTIVE_RELU_UNITS, TrainingWarnings.inactiveReluMessage(net, sample));
        }
        return record.end("ran all " + config.epochs() + " epochs.");
    }

    // ----------------------------------------------------------------------------------------
    // Steps of the loop

    private double learningRate(int epoch) {
        double rate = config.schedule().rate(epoch);
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("The learning-rate schedule gave " + rate + " for epoch " + epoch
                    + "; a schedule must return a finite rate of at least 0.");
        }
        return rate;
    }

    /**
     * Throws if the cost is NaN or infinite, or if {@code checkGradient} and a gradient entry is
     * (the parameters are untouched), else returns the factor {@code min(1, maxNorm/‖g‖)} that
     * clips the gradient by its norm, as {@link Gradients#clipByNorm} applies it: 1 without
     * clipping ({@code maxNorm} infinite) and for a norm of finite entries that overflows. The
     * common case, a norm well below {@code maxNorm}, is settled by the quick
     * {@link Workspace#gradientNormBelow} (the factor is then 1 either way); the exact norm is
     * computed only when it cannot tell. A finite norm proves every entry finite, so the entries
     * are looked at one by one only when there is no finite norm. A built-in optimizer's update
     * turns a NaN or infinite entry into a NaN or infinite parameter (see {@link ScaledUpdate}),
     * which the network refuses to write; the gradient of its steps need not be checked here.
     */
    private static double checkAndClip(double cost, Workspace w, double maxNorm, boolean checkGradient,
            int epoch, int batch, double lastFinite) {
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        if (maxNorm < Double.POSITIVE_INFINITY && w.gradientNormBelow(maxNorm)) {
            return 1.0;                                                     // nothing to clip, every entry finite
        }
        double norm = maxNorm < Double.POSITIVE_INFINITY ? w.gradientNorm() : Double.NaN;
        if (checkGradient && !Double.isFinite(norm) && !Checks.allFinite(w.gradient())) {
            throw new DivergenceException(epoch, batch, lastFinite, "the gradient");
        }
        return Double.isFinite(norm) && norm > maxNorm ? maxNorm / norm : 1.0;
    }

    /** Returns the accuracy of {@code predicted} against the truth {@code actual}. */
    static double accuracy(int[] predicted, int[] actual) {
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }
        return (double) correct / actual.length;
    }

    // ----------------------------------------------------------------------------------------
    // Data checks

    private static void checkData(Network net, double[][] x, double[][] y, String xName, String yName) {
        Checks.width(Checks.matrix(x, xName), net.inputSize(), xName, "inputs (the first layer's inputSize)");
        Checks.width(Checks.matrix(y, yName), net.outputSize(), yName, "outputs (the last layer's outputSize)");
        if (x.length != y.length) {
            throw new IllegalArgumentException(xName + " has " + x.length + " rows but " + yName + " has " + y.length
                    + "; pass one target row per input row.");
        }
        net.lossFunction().checkTargets(y, yName);
    }

    private void checkValidation(Network net, double[][] xv, double[][] yv) {
        Objects.requireNonNull(xv, "xValidation");
        Objects.requireNonNull(yv, "yValidation");
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("Validation rows were given and validationFraction is "
                    + config.validationFraction() + "; use one or the other (set validationFraction to 0).");
        }
        checkData(net, xv, yv, "xValidation", "yValidation");
    }
}
