package io.github.mlp4j.train;

import java.util.Objects;

/**
 * Something about a training run that is probably a mistake, reported to
 * {@link TrainingListener#onWarning(Warning)} while training goes on.
 *
 * @param kind what was noticed
 * @param message one or two sentences: what was seen, with numbers, and what to do about it
 */
public record Warning(Kind kind, String message) {

    /** What a warning is about. */
    public enum Kind {
        /**
         * The input features look unscaled: their ranges differ by more than a factor of 100, or
         * values reach beyond ±10. Checked once, when training starts.
         */
        UNSCALED_INPUTS,
        /**
         * After training, the classifier predicts the same class for every validation row, though
         * the rows hold several classes.
         */
        SINGLE_CLASS_PREDICTIONS,
        /**
         * After training, some ReLU units output 0 for every row of a sample of the training data,
         * so they receive no gradient ("dead" units).
         */
        INACTIVE_RELU_UNITS
    }

    /**
     * Checks the components.
     *
     * @param kind what was noticed
     * @param message one or two sentences: what was seen, with numbers, and what to do about it
     * @throws NullPointerException if a component is null
     */
    public Warning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
