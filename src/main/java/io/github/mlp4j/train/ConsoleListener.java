package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A listener that prints one plain progress line per epoch to a {@link PrintStream}, such as
 * <pre>
 * epoch  40/300  cost 0.21346  val_cost 0.23811  val_acc 0.9375  lr 0.001  1.9s  left ~12s
 * </pre>
 * and one line for each warning, for an early stop and for the end of training.
 *
 * <p>It prints the first epoch, every {@code every}-th, and always the last one that ran, however
 * training ends: all epochs, an early stop, the target cost or divergence.
 *
 * <p>The time left ("left ~12s") is the mean time per epoch since the end of the first epoch (which
 * also pays for the JIT compiler's warm-up) times the epochs that remain; an upper bound when early
 * stopping may end training sooner. It is shown only once at least two epochs after the first
 * have taken a second or more together, so that a short run shows no guess at all. Not
 * thread-safe: one instance per training run at a time.
 */
public final class ConsoleListener implements TrainingListener {
    /** The least time measured after the first epoch before the time left is estimated. */
    static final double ETA_AFTER_SECONDS = 1.0;

    private final PrintStream out;
    private final int every;
    private int epochs;
    private double firstEpochSeconds;
    private History.Epoch last;
    private boolean lastPrinted;
    private String stopMessage;

    /**
     * Creates a listener that prints every epoch.
     *
     * @param out where to print, such as {@code System.out}
     */
    public ConsoleListener(PrintStream out) {
        this(out, 1);
    }

    /**
     * Creates a listener that prints every {@code every}-th epoch (and always the first and the
     * last that ran).
     *
     * @param out where to print, such as {@code System.out}
     * @param every at least 1
     * @throws IllegalArgumentException if {@code every < 1}
     */
    public ConsoleListener(PrintStream out, int every) {
        this.out = Objects.requireNonNull(out, "out");
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, but was " + every + "; use 1 to print each epoch.");
        }
        this.every = every;
    }

    @Override
    public void onTrainingStart(Network network, TrainingConfig config, int trainingRows, int validationRows) {
        epochs = config.epochs();
        firstEpochSeconds = Double.NaN;
        last = null;
        lastPrinted = false;
        stopMessage = null;
        String rows = trainingRows < 0 ? "a batch source" : trainingRows + " rows";
        out.println("Training " + network + " on " + rows
                + (validationRows > 0 ? ", validating on " + validationRows + " rows" : "")
                + ", " + config.optimizer().name() + ", batch " + config.batchSize() + ", up to " + epochs + " epochs");
    }

    @Override
    public void onEpochEnd(History.Epoch row) {
        if (row.epoch() == 1) {
            firstEpochSeconds = row.seconds();
        }
        last = row;
        lastPrinted = row.epoch() % every == 0 || row.epoch() == 1 || row.epoch() == epochs;
        if (lastPrinted) {
            out.println(line(row, epochs, firstEpochSeconds));
        }
    }

    /** Prints the last epoch that ran if {@link #onEpochEnd} skipped it. */
    private void printLast() {
        if (last != null && !lastPrinted) {
            out.println(line(last, epochs, firstEpochSeconds));
            lastPrinted = true;
        }
    }

    /**
     * Returns the progress line this listener prints for an epoch.
     *
     * @param row the epoch's history row
     * @param epochs the configured number of epochs
     * @param firstEpochSeconds the {@code seconds} of epoch 1's row, or NaN if unknown
     * @return the line, without a line end
     */
    static String line(History.Epoch row, int epochs, double firstEpochSeconds) {
        int width = Integer.toString(epochs).length();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d  cost %.5f",
                row.epoch(), epochs, row.trainingCost()));
        if (!Double.isNaN(row.validationCost())) {
            s.append(String.format(Locale.ROOT, "  val_cost %.5f", row.validationCost()));
        }
        if (!Double.isNaN(row.validationAccuracy())) {
            s.append(String.format(Locale.ROOT, "  val_acc %.4f", row.validationAccuracy()));
        }
        s.append(String.format(Locale.ROOT, "  lr %.3g  %.1fs", row.learningRate(), row.seconds()));
        double measured = row.seconds() - firstEpochSeconds;                 // NaN when epoch 1 is unknown
        if (row.epoch() >= 3 && row.epoch() < epochs && measured >= ETA_AFTER_SECONDS) {
            double left = measured / (row.epoch() - 1) * (epochs - row.epoch());
            s.append(String.format(Locale.ROOT, "  left ~%s", duration(left)));
        }
        return s.toString();
    }

    /** Formats seconds as "0.8s", "12s", "4m05s" or "2h10m". */
    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    @Override
    public void onStop(History.StopReason reason, String message) {
        printLast();
        stopMessage = message;
        out.println("Stopped (" + reason + "): " + message);
    }

    @Override
    public void onWarning(Warning warning) {
        out.println("Warning (" + warning.kind() + "): " + warning.message());
    }

    @Override
    public void onTrainingEnd(History history) {
        printLast();
        String why = history.stopMessage();
        if (stopMessage != null && why.startsWith(stopMessage)) {
            why = why.substring(stopMessage.length()).strip();             // said already by the Stopped line
        }
        out.println("Done after " + history.size() + (history.size() == 1 ? " epoch" : " epochs")
                + (why.isEmpty() ? "." : ": " + why));
    }

    @Override
    public void onDivergence(DivergenceException exception) {
        printLast();
        out.println("Diverged: " + exception.getMessage());
    }
}
