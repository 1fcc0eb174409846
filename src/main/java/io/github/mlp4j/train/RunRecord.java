package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import io.github.mlp4j.TrainingInterruptedException;
import io.github.mlp4j.data.OneHot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bookkeeping of one training run, shared by the trainer's mini-batch loop and
 * {@link LbfgsTraining}: after each epoch it measures the validation cost and accuracy, adds the
 * history row, applies the stopping rules (the target cost first, then early stopping) and keeps
 * the best epoch's parameters; it tells the listeners every event, in the order
 * {@link TrainingListener} documents; at the end it restores the best parameters, if asked, and
 * makes the {@link History}.
 *
 * <p>One instance serves one run, on the training thread.
 */
final class RunRecord {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners;
    private final Network net;
    private final EarlyStopping rule;
    private final double[][] xv;
    private final double[][] yv;
    /** The class of each validation row, or null without validation rows or for a network that is not a classifier. */
    private final int[] actual;
    private final List<History.Epoch> rows = new ArrayList<>();
    private long startNanos;
    private double best = Double.NaN;
    private int bestEpoch;
    private double[] bestTheta;
    private boolean restored;
    /** Why a stopping rule ended the run, or null while none has. */
    private History.StopReason reason;
    private String why;

    /**
     * Starts the record of a run on {@code net} that validates on {@code xv}, {@code yv} (null for
     * none), checked by the caller.
     *
     * @throws IllegalArgumentException if the early-stopping monitor needs validation rows or a
     *     classifier that the run does not have
     */
    RunRecord(TrainingConfig config, List<TrainingListener> listeners, Network net, double[][] xv, double[][] yv) {
        this.config = config;
        this.listeners = listeners;
        this.net = net;
        this.rule = config.earlyStopping().orElse(null);
        this.xv = xv;
        this.yv = yv;
        boolean classifier = net.isClassifier();
        checkMonitor(rule, xv != null, classifier);
        this.actual = xv != null && classifier ? labels(yv) : null;
    }

    /** Tells the listeners that training starts, on {@code trainingRows} rows (-1 for a batch source). */
    void start(int trainingRows) {
        startNanos = System.nanoTime();
        for (TrainingListener l : listeners) {
            l.onTrainingStart(net, config, trainingRows, xv != null ? xv.length : 0);
        }
    }

    /**
     * Records the end of {@code epoch}, with the network's parameters as the epoch left them: the
     * history row, the listeners, the best epoch, and the stopping rules. A rule that fires before
     * {@code lastEpoch} ends the run; in the last epoch it changes nothing.
     *
     * @param trainingCost the epoch's mean training cost
     * @param rate the epoch's learning rate (for L-BFGS, the step length)
     * @return whether training goes on
     */
    boolean endEpoch(int epoch, double trainingCost, double rate, int lastEpoch) {
        double validationCost = xv != null ? net.loss(xv, yv) : Double.NaN;
        double accuracy = actual != null ? Trainer.accuracy(net.predictClass(xv), actual) : Double.NaN;
        History.Epoch row = new History.Epoch(epoch, trainingCost, validationCost, accuracy, rate,
                (System.nanoTime() - startNanos) / 1e9);
        rows.add(row);
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
        if (epoch >= lastEpoch) {
            return true;                                                    // a rule firing now changes nothing
        }
        if (trainingCost <= config.targetCost()) {
            stop(History.StopReason.TARGET_COST, String.format(Locale.ROOT,
                    "training cost %.6g reached the target %.6g in epoch %d.", trainingCost, config.targetCost(), epoch));
        } else if (rule != null && epoch - bestEpoch >= rule.patience()) {
            stop(History.StopReason.EARLY_STOPPING, rule.stopMessage(bestEpoch, best));
        }
        return reason == null;
    }

    /** Ends the run for {@code reason} and tells the listeners, with {@code message} saying why. */
    void stop(History.StopReason reason, String message) {
        this.reason = reason;
        this.why = message;
        for (TrainingListener l : listeners) {
            l.onStop(reason, message);
        }
    }

    /** {@return whether a stopping rule (or convergence) ended the run} */
    boolean stopped() {
        return reason != null;
    }

    /** Tells the listeners of a warning, if {@code message} is not null. */
    void warn(Warning.Kind kind, String message) {
        if (message == null) {
            return;
        }
        Warning warning = new Warning(kind, message);
        for (TrainingListener l : listeners) {
            l.onWarning(warning);
        }
    }

    /** {@return the message of the single-class warning on the validation rows, or null} */
    String singleClassMessage() {
        return actual == null ? null : TrainingWarnings.singleClassMessage(net.predictClass(xv), actual);
    }

    /**
     * Tells every listener of the divergence and returns it to be thrown; an exception a listener
     * throws is added to it as suppressed.
     */
    DivergenceException diverged(DivergenceException e) {
        for (TrainingListener l : listeners) {
            try {
                l.onDivergence(e);
            } catch (RuntimeException | Error listenerFailure) {
                e.addSuppressed(listenerFailure);                            // the divergence stays the error
            }
        }
        return e;
    }

    /** Returns the exception for an interrupt before step {@code batch + 1} of {@code epoch}. */
    TrainingInterruptedException interrupted(int epoch, int batch) {
        double[] costs = new double[rows.size()];
        for (int e = 0; e < costs.length; e++) {
            costs[e] = rows.get(e).trainingCost();
        }
        return new TrainingInterruptedException(epoch, batch, costs);
    }

    /**
     * Restores the parameters of the best epoch, if early stopping keeps them and a later epoch
     * ended the run. Call once, after the last epoch.
     */
    void restoreBest() {
        if (bestTheta != null && bestEpoch != rows.size()) {
            net.setParameters(bestTheta);
            restored = true;
        }
    }

    /**
     * Returns the history of the run and tells the listeners that training ended.
     *
     * @param completed why training ended, if no rule ended it: it ran all its epochs
     */
    History end(String completed) {
        History.StopReason r = reason != null ? reason : History.StopReason.COMPLETED;
        String message = reason != null ? why : completed;
        if (restored) {
            message = message + " Restored the parameters of epoch " + bestEpoch + ".";
        }
        History history = new History(rows, r, message, rule == null ? 0 : bestEpoch);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(history);
        }
        return history;
    }

    private static void checkMonitor(EarlyStopping rule, boolean validating, boolean classifier) {
        if (rule == null) {
            return;
        }
        if (rule.monitor().needsValidation() && !validating) {
            throw new IllegalArgumentException("Early stopping monitors " + rule.monitor().label()
                    + ", but there are no validation rows; set validationFraction (such as 0.2), pass validation"
                    + " rows, or monitor TRAINING_COST.");
        }
        if (rule.monitor() == EarlyStopping.Monitor.VALIDATION_ACCURACY && !classifier) {
            throw new IllegalArgumentException("Early stopping monitors validation accuracy, but the network is not a"
                    + " classifier (its output is neither sigmoid nor softmax); monitor VALIDATION_COST instead.");
        }
    }

    /** Returns each row's class: the index of the largest target, or target ≥ 0.5 for one column. */
    private static int[] labels(double[][] y) {
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double[] row = y[i];
            labels[i] = row.length == 1 ? (row[0] >= 0.5 ? 1 : 0) : OneHot.argmax(row);
        }
        return labels;
    }
}
