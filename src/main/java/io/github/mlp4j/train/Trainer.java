package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import io.github.mlp4j.TrainingInterruptedException;
import io.github.mlp4j.Workspace;
import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.OneHot;
import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Lbfgs;
import io.github.mlp4j.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        EarlyStopping rule = config.earlyStopping().orElse(null);
        boolean validating = xv != null;
        boolean classifier = isClassifier(net);
        checkMonitor(rule, validating, classifier);
        int[] actual = validating && classifier ? labels(yv) : null;
        Optimizer.State state = config.optimizer().start(net.parameterCount());
        Workspace w = net.workspace(batches.capacity());
        boolean clip = config.maxGradientNorm() < Double.POSITIVE_INFINITY;
        List<History.Epoch> epochRows = new ArrayList<>();
        double best = Double.NaN;
        int bestEpoch = 0;
        double[] bestTheta = null;
        double lastFinite = Double.NaN;
        History.StopReason reason = History.StopReason.COMPLETED;
        String why = "ran all " + config.epochs() + " epochs.";
        long startNanos = System.nanoTime();
        for (TrainingListener l : listeners) {
            l.onTrainingStart(net, config, trainingRows, validating ? xv.length : 0);
        }
        try {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                double rate = learningRate(epoch);
                batches.start(epoch);                                       // same seed, same order
                double costSum = 0.0;
                long seen = 0;
                int batch = 0;
                for (int rows = batches.next(); rows > 0; rows = batches.next()) {
                    if (Thread.currentThread().isInterrupted()) {               // the flag stays set
                        throw interrupted(epoch, batch, epochRows);
                    }
                    batch++;
                    double cost = net.computeGradient(batches.x(), batches.y(), rows, w);   // C, g = ∂C/∂θ
                    requireFinite(cost, w.gradient(), epoch, batch, lastFinite);
                    double scale = clip ? clipScale(w.gradient(), config.maxGradientNorm()) : 1.0;   // min(1, max/‖g‖)
                    if (rate > 0 && !net.update(state, w.gradient(), rate, config.weightDecay(), scale)) {
                        throw new DivergenceException(epoch, batch, cost, "a parameter");   // θ ← update(θ, s·g + λθ, ε)
                    }
                    lastFinite = cost;
                    costSum += rows * cost;
                    seen += rows;
                    if (epoch == 1 && batch == 1) {
                        double[][] probe = batches.scaleProbe(rows);
                        warnIfUnscaled(probe, probe.length);
                    }
                }
                double trainingCost = costSum / seen;
                double validationCost = validating ? net.loss(xv, yv) : Double.NaN;
                double accuracy = actual != null ? accuracy(net.predictClass(xv), actual) : Double.NaN;
                History.Epoch row = new History.Epoch(epoch, trainingCost, validationCost, accuracy, rate,
                        (System.nanoTime() - startNanos) / 1e9);
                epochRows.add(row);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(row);
                }
                if (rule != null) {
                    double value = row.value(rule.monitor());
                    if (rule.improves(value, best)) {
                        best = value;
                        bestEpoch = epoch;
                        bestTheta = rule.restoreBestWeights() ? net.parameters() : null;
                    }
                }
                if (trainingCost <= config.targetCost()) {
                    reason = History.StopReason.TARGET_COST;
                    why = String.format(Locale.ROOT, "training cost %.6g reached the target %.6g in epoch %d.",
                            trainingCost, config.targetCost(), epoch);
                } else if (rule != null && epoch - bestEpoch >= rule.patience()) {
                    reason = History.StopReason.EARLY_STOPPING;
                    why = rule.stopMessage(bestEpoch, best);
                }
                if (reason != History.StopReason.COMPLETED) {
                    if (epoch < config.epochs()) {
                        for (TrainingListener l : listeners) {
                            l.onStop(reason, why);
                        }
                        break;
                    }
                    reason = History.StopReason.COMPLETED;                 // the rule fired in the last epoch
                    why = "ran all " + config.epochs() + " epochs.";
                }
            }
        } catch (DivergenceException e) {
            for (TrainingListener l : listeners) {
                try {
                    l.onDivergence(e);
                } catch (RuntimeException | Error listenerFailure) {
                    e.addSuppressed(listenerFailure);                        // the divergence stays the error
                }
            }
            throw e;
        } catch (TrainingInterruptedException e) {
            for (TrainingListener l : listeners) {
                l.onStop(History.StopReason.INTERRUPTED, e.getMessage());
            }
            throw e;
        } finally {
            batches.finish();
        }
        if (bestTheta != null && bestEpoch != epochRows.size()) {
            net.setParameters(bestTheta);                                   // restore the best weights
            why = why + " Restored the parameters of epoch " + bestEpoch + ".";
        }
        if (validating && actual != null) {
            warnIfSingleClass(net.predictClass(xv), actual);
        }
        warnIfInactiveRelu(net, batches.sample());
        History history = new History(epochRows, reason, why, rule == null ? 0 : bestEpoch);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(history);
        }
        return history;
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

    /** Returns the exception for an interrupt before step {@code batch + 1} of {@code epoch}. */
    private static TrainingInterruptedException interrupted(int epoch, int batch, List<History.Epoch> finished) {
        double[] costs = new double[finished.size()];
        for (int e = 0; e < costs.length; e++) {
            costs[e] = finished.get(e).trainingCost();
        }
        return new TrainingInterruptedException(epoch, batch, costs);
    }

    /**
     * Returns the factor {@code min(1, maxNorm/‖g‖)} that clips a gradient by its norm, as
     * {@link Gradients#clipByNorm} applies it (1 for a norm that is not finite, which the finiteness
     * check has already refused).
     */
    private static double clipScale(double[] gradient, double maxNorm) {
        double norm = Gradients.norm(gradient);
        return norm > maxNorm && Double.isFinite(norm) ? maxNorm / norm : 1.0;
    }

    /** Throws if the cost or any gradient entry is NaN or infinite; the parameters are untouched. */
    private static void requireFinite(double cost, double[] gradient, int epoch, int batch, double lastFinite) {
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        if (!Checks.allFinite(gradient)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the gradient");
        }
    }

    static boolean isClassifier(Network net) {
        return net.isClassifier();
    }

    static void checkMonitor(EarlyStopping rule, boolean validating, boolean classifier) {
        if (rule == null) {
            return;
        }
        if (rule.monitor().needsValidation() && !validating) {
            throw new IllegalArgumentException("Early stopping monitors " + name(rule.monitor())
                    + ", but there are no validation rows; set validationFraction (such as 0.2), pass validation"
                    + " rows, or monitor TRAINING_COST.");
        }
        if (rule.monitor() == EarlyStopping.Monitor.VALIDATION_ACCURACY && !classifier) {
            throw new IllegalArgumentException("Early stopping monitors validation accuracy, but the network is not a"
                    + " classifier (its output is neither sigmoid nor softmax); monitor VALIDATION_COST instead.");
        }
    }

    static String name(EarlyStopping.Monitor monitor) {
        return monitor.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Returns each row's class: the index of the largest target, or target ≥ 0.5 for one column. */
    static int[] labels(double[][] y) {
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double[] row = y[i];
            labels[i] = row.length == 1 ? (row[0] >= 0.5 ? 1 : 0) : OneHot.argmax(row);
        }
        return labels;
    }

    /** Returns the fraction of rows whose predicted class equals the actual one (arrays of one length). */
    static double accuracy(int[] predicted, int[] actual) {
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }
        return (double) correct / actual.length;
    }

    // ----------------------------------------------------------------------------------------
    // Warnings

    private void warn(Warning.Kind kind, String message) {
        Warning warning = new Warning(kind, message);
        for (TrainingListener l : listeners) {
            l.onWarning(warning);
        }
    }

    /**
     * Warns when rows 0..rows−1 of {@code x} look unscaled: the largest feature range is more than
     * 100 times the smallest non-zero one, or a feature's mean absolute value exceeds 10.
     */
    private void warnIfUnscaled(double[][] x, int rows) {
        String message = TrainingWarnings.unscaledMessage(x, rows);
        if (message != null) {
            warn(Warning.Kind.UNSCALED_INPUTS, message);
        }
    }


    private void warnIfSingleClass(int[] predicted, int[] actual) {
        boolean severalActual = false;
        boolean severalPredicted = false;
        for (int i = 1; i < actual.length; i++) {
            severalActual |= actual[i] != actual[0];
            severalPredicted |= predicted[i] != predicted[0];
        }
        if (severalActual && !severalPredicted) {
            warn(Warning.Kind.SINGLE_CLASS_PREDICTIONS, "The classifier predicts class " + predicted[0] + " for all "
                    + predicted.length + " validation rows, which hold several classes. Check the input scaling"
                    + " and the class balance, lower the learning rate, or train longer.");
        }
    }

    /** Warns when a ReLU layer (not the output) has units whose z ≤ 0 for every sampled row. */
    private void warnIfInactiveRelu(Network net, double[][] sample) {
        if (sample == null || sample.length == 0) {
            return;
        }
        String message = TrainingWarnings.inactiveReluMessage(net, sample);
        if (message != null) {
            warn(Warning.Kind.INACTIVE_RELU_UNITS, message);
        }
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
