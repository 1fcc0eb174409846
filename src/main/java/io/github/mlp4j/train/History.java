package io.github.mlp4j.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The record of one training run: a row per epoch, and why training stopped.
 *
 * <p>Values that were not measured are NaN: the validation cost and accuracy without validation
 * rows, and the accuracy of a network that is not a classifier. Instances are immutable and
 * thread-safe.
 */
public final class History {

    /**
     * What the trainer measured at the end of one epoch.
     *
     * @param epoch the epoch, counted from 1
     * @param trainingCost the mean training cost of the epoch: each batch's cost measured before
     *     its update, weighted by its rows
     * @param validationCost the mean cost on the validation rows after the epoch, or NaN without
     *     validation rows
     * @param validationAccuracy the fraction of validation rows classified correctly after the
     *     epoch, or NaN without validation rows or for a network that is not a classifier
     * @param learningRate the learning rate used in the epoch
     * @param seconds the wall-clock time from the start of training to the end of this epoch
     */
    public record Epoch(int epoch, double trainingCost, double validationCost, double validationAccuracy,
            double learningRate, double seconds) {

        /**
         * Returns the value of a monitor in this row.
         *
         * @param monitor which value
         * @return the training cost, validation cost or validation accuracy
         */
        public double value(EarlyStopping.Monitor monitor) {
            return switch (monitor) {
                case TRAINING_COST -> trainingCost;
                case VALIDATION_COST -> validationCost;
                case VALIDATION_ACCURACY -> validationAccuracy;
            };
        }
    }

    /** Why training ended. */
    public enum StopReason {
        /** All configured epochs ran. */
        COMPLETED,
        /** The monitored value did not improve for {@code patience} epochs. */
        EARLY_STOPPING,
        /** The training cost reached the target cost. */
        TARGET_COST,
        /**
         * The training thread was interrupted; only {@link TrainingListener#onStop} reports it,
         * before the trainer throws {@link io.github.mlp4j.TrainingInterruptedException}.
         */
        INTERRUPTED,
        /** A full-batch optimizer (L-BFGS) met its convergence test: a small gradient, a small
         * relative change of the cost, or no lower point along its search direction. */
        CONVERGED
    }

    /** The CSV header line, without the line end. */
    public static final String CSV_HEADER =
            "epoch,training_cost,validation_cost,validation_accuracy,learning_rate,seconds";

    private final List<Epoch> epochs;
    private final StopReason stopReason;
    private final String stopMessage;
    private final int bestEpoch;

    /**
     * Creates a history.
     *
     * @param epochs the rows in epoch order; copied
     * @param stopReason why training ended
     * @param stopMessage a sentence that explains it
     * @param bestEpoch the best epoch under early stopping, or 0 without early stopping
     */
    public History(List<Epoch> epochs, StopReason stopReason, String stopMessage, int bestEpoch) {
        this.epochs = List.copyOf(epochs);
        this.stopReason = Objects.requireNonNull(stopReason, "stopReason");
        this.stopMessage = Objects.requireNonNull(stopMessage, "stopMessage");
        this.bestEpoch = bestEpoch;
    }

    /**
     * Returns the rows, one per epoch that ran, in order.
     *
     * @return an unmodifiable list
     */
    public List<Epoch> epochs() {
        return epochs;
    }

    /**
     * Returns the number of epochs that ran.
     *
     * @return the number of rows
     */
    public int size() {
        return epochs.size();
    }

    /**
     * Returns the row of the last epoch that ran.
     *
     * @return the last row
     * @throws IllegalStateException if no epoch ran
     */
    public Epoch last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("The history is empty; no epoch ran.");
        }
        return epochs.get(epochs.size() - 1);
    }

    /**
     * Returns why training ended.
     *
     * @return the reason
     */
    public StopReason stopReason() {
        return stopReason;
    }

    /**
     * Returns a sentence that explains why training ended, such as
     * {@code "validation cost did not improve on 0.0412000 (epoch 31) for 10 epochs (minDelta 0: any
     * improvement would have counted)."}.
     *
     * @return the explanation
     */
    public String stopMessage() {
        return stopMessage;
    }

    /**
     * Returns the epoch with the best monitored value under early stopping, whose parameters the
     * network keeps when the rule restores the best weights.
     *
     * @return the epoch, counted from 1, or 0 when training had no early-stopping rule
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * Returns the history as CSV text: the header {@link #CSV_HEADER}, then one line per epoch.
     *
     * <p>Numbers are written with {@link Double#toString(double)}, so they read back exactly;
     * values that were not measured (NaN) are empty cells. Lines end with {@code \n}.
     *
     * @return the CSV text
     */
    public String toCsv() {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (Epoch e : epochs) {
            s.append(e.epoch()).append(',');
            cell(s, e.trainingCost()).append(',');
            cell(s, e.validationCost()).append(',');
            cell(s, e.validationAccuracy()).append(',');
            cell(s, e.learningRate()).append(',');
            cell(s, e.seconds()).append('\n');
        }
        return s.toString();
    }

    private static StringBuilder cell(StringBuilder s, double v) {
        return Double.isNaN(v) ? s : s.append(v);
    }

    /**
     * Writes {@link #toCsv()} to a file in UTF-8, replacing it if it exists.
     *
     * @param file the file to write
     * @throws IOException if the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "History(" + epochs.size() + " epochs, " + stopReason + ": " + stopMessage + ")";
    }
}
