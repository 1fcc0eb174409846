package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A listener that prints one plain progress line per epoch to a {@link PrintStream}, such as
 * <pre>
 * epoch  12/100  cost 0.21346  val_cost 0.23811  val_acc 0.9375  lr 0.001  1.2s  left ~8.8s
 * </pre>
 * and one line for each warning, for an early stop and for the end of training.
 *
 * <p>The time left is estimated as the mean time per epoch so far times the epochs that remain
 * (an upper bound when early stopping may end training sooner). Not thread-safe: one instance
 * per training run at a time.
 */
public final class ConsoleListener implements TrainingListener {
    private final PrintStream out;
    private final int every;
    private int epochs;

    /**
     * Creates a listener that prints every epoch.
     *
     * @param out where to print, such as {@code System.out}
     */
    public ConsoleListener(PrintStream out) {
        this(out, 1);
    }

    /**
     * Creates a listener that prints every {@code every}-th epoch (and always the first and last).
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
        String rows = trainingRows < 0 ? "a batch source" : trainingRows + " rows";
        out.println("Training " + network + " on " + rows
                + (validationRows > 0 ? ", validating on " + validationRows + " rows" : "")
                + ", " + config.optimizer().name() + ", batch " + config.batchSize() + ", up to " + epochs + " epochs");
    }

    @Override
    public void onEpochEnd(History.Epoch row) {
        if (row.epoch() % every != 0 && row.epoch() != 1 && row.epoch() != epochs) {
            return;
        }
        out.println(line(row, epochs));
    }

    /**
     * Returns the progress line this listener prints for an epoch.
     *
     * @param row the epoch's history row
     * @param epochs the configured number of epochs
     * @return the line, without a line end
     */
    static String line(History.Epoch row, int epochs) {
        int width = Integer.toString(epochs).length();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d  cost %.5f",
                row.epoch(), epochs, row.trainingCost()));
        if (!Double.isNaN(row.validationCost())) {
            s.append(String.format(Locale.ROOT, "  val_cost %.5f", row.validationCost()));
        }
        if (!Double.isNaN(row.validationAccuracy())) {
            s.append(String.format(Locale.ROOT, "  val_acc %.4f", row.validationAccuracy()));
        }
        double left = row.seconds() / row.epoch() * (epochs - row.epoch());
        s.append(String.format(Locale.ROOT, "  lr %.3g  %.1fs  left ~%.1fs", row.learningRate(), row.seconds(), left));
        return s.toString();
    }

    @Override
    public void onStop(History.StopReason reason, String message) {
        out.println("Stopped (" + reason + "): " + message);
    }

    @Override
    public void onWarning(Warning warning) {
        out.println("Warning (" + warning.kind() + "): " + warning.message());
    }

    @Override
    public void onTrainingEnd(History history) {
        out.println("Done after " + history.size() + " epochs: " + history.stopMessage());
    }

    @Override
    public void onDivergence(DivergenceException exception) {
        out.println("Diverged: " + exception.getMessage());
    }
}
