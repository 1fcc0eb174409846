package io.github.mlp4j.train;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A rule that stops training when a monitored value has not improved for {@code patience} epochs.
 *
 * <p>After each epoch the trainer reads the monitored value {@code v} and compares it with the
 * best value so far, {@code best}. The epoch counts as an improvement when
 * <pre>
 *   v &lt; best − minDelta   (costs, which {@link Monitor#better()} minimises)
 *   v &gt; best + minDelta   (accuracy, which it maximises)
 * </pre>
 * The first epoch always improves. Training stops after the first epoch {@code e} with
 * {@code e − bestEpoch ≥ patience}, that is after {@code patience} epochs in a row without
 * improvement. With {@code restoreBestWeights}, the network ends with the parameters it had at the
 * end of {@code bestEpoch}, whether training stopped early or ran all its epochs.
 *
 * <pre>{@code
 * EarlyStopping.of(Monitor.VALIDATION_COST, 30)                      // stop after 30 epochs without progress
 * EarlyStopping.of(Monitor.VALIDATION_ACCURACY, 10).withMinDelta(0.005)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param monitor the value to watch; it knows whether smaller or larger values are better
 * @param patience how many epochs without improvement to allow, at least 1
 * @param minDelta the smallest change that counts as an improvement, finite and at least 0
 * @param restoreBestWeights whether to end with the parameters of the best epoch
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBestWeights) {

    /** A value the trainer records after each epoch and early stopping can watch. */
    public enum Monitor {
        /** The mean training cost of the epoch, measured on each batch before its update. */
        TRAINING_COST(Direction.MINIMIZE),
        /** The mean cost on the validation rows at the end of the epoch. */
        VALIDATION_COST(Direction.MINIMIZE),
        /** The fraction of validation rows classified correctly at the end of the epoch. */
        VALIDATION_ACCURACY(Direction.MAXIMIZE);

        private final Direction better;

        Monitor(Direction better) {
            this.better = better;
        }

        /**
         * Returns the direction in which this value improves.
         *
         * @return MINIMIZE for costs, MAXIMIZE for accuracy
         */
        public Direction better() {
            return better;
        }

        /** {@return the value's name in messages, such as "validation cost"} */
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /**
         * Returns whether this value needs validation rows.
         *
         * @return true for the validation cost and accuracy
         */
        public boolean needsValidation() {
            return this != TRAINING_COST;
        }
    }

    /** Whether smaller or larger values of the monitored value are better. */
    public enum Direction {
        /** Smaller is better, as for a cost. */
        MINIMIZE,
        /** Larger is better, as for an accuracy. */
        MAXIMIZE
    }

    /**
     * Checks every component.
     *
     * @param monitor the value to watch
     * @param patience how many epochs without improvement to allow, at least 1
     * @param minDelta the smallest change that counts as an improvement, finite and at least 0
     * @param restoreBestWeights whether to end with the parameters of the best epoch
     * @throws NullPointerException if {@code monitor} is null
     * @throws IllegalArgumentException if {@code patience < 1} or {@code minDelta} is negative or
     *     not finite
     */
    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, but was " + patience
                    + "; try a value such as 10.");
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and at least 0, but was " + minDelta
                    + "; use 0 to count any improvement, or a small value such as 1e-4.");
        }
    }

    /**
     * Returns a rule that counts any improvement ({@code minDelta = 0}) and restores the best
     * weights.
     *
     * @param monitor the value to watch; costs are minimised, accuracy is maximised
     * @param patience how many epochs without improvement to allow, at least 1
     * @return the rule
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static EarlyStopping of(Monitor monitor, int patience) {
        return new EarlyStopping(monitor, patience, 0.0, true);
    }

    /**
     * Returns a copy with another minimum improvement.
     *
     * @param minDelta the smallest change that counts as an improvement, finite and at least 0
     * @return the new rule
     * @throws IllegalArgumentException if {@code minDelta} is negative or not finite
     */
    public EarlyStopping withMinDelta(double minDelta) {
        return new EarlyStopping(monitor, patience, minDelta, restoreBestWeights);
    }

    /**
     * Returns a copy that does or does not restore the best weights at the end.
     *
     * @param restore whether to end with the parameters of the best epoch
     * @return the new rule
     */
    public EarlyStopping withRestoreBestWeights(boolean restore) {
        return new EarlyStopping(monitor, patience, minDelta, restore);
    }

    /**
     * Returns whether {@code value} improves on {@code best} by more than {@code minDelta}.
     *
     * @param value this epoch's monitored value
     * @param best the best value so far, or NaN before the first epoch
     * @return true if the epoch counts as an improvement
     */
    public boolean improves(double value, double best) {
        if (Double.isNaN(best)) {
            return true;
        }
        return monitor.better() == Direction.MINIMIZE ? value < best - minDelta : value > best + minDelta;
    }

    /**
     * Returns the sentence that explains an early stop, naming the monitor, the best value, the
     * patience and the {@code minDelta} that an epoch had to beat, such as "validation cost did not
     * improve on 0.0534 (epoch 12) by more than minDelta 0.001 for 30 epochs; a smaller minDelta
     * counts smaller gains."
     *
     * @param bestEpoch the epoch of the best value, counted from 1
     * @param best the best value
     * @return the sentence
     */
    public String stopMessage(int bestEpoch, double best) {
        if (minDelta == 0) {
            return String.format(Locale.ROOT, "%s did not improve on %.6g (epoch %d) for %d epochs"
                    + " (minDelta 0: any improvement would have counted).", monitor.label(), best, bestEpoch, patience);
        }
        return String.format(Locale.ROOT, "%s did not improve on %.6g (epoch %d) by more than minDelta %s for %d"
                + " epochs; a smaller minDelta counts smaller gains.", monitor.label(), best, bestEpoch,
                BigDecimal.valueOf(minDelta).stripTrailingZeros().toPlainString(), patience);
    }
}
