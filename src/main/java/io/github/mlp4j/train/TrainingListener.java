package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;

/**
 * Receives the events of a training run, in this order:
 * <ol>
 *   <li>{@link #onTrainingStart} once, before the first batch;</li>
 *   <li>{@link #onWarning} for inputs that look unscaled, if they do, right after the start;</li>
 *   <li>{@link #onEpochEnd} after each epoch, with that epoch's history row;</li>
 *   <li>{@link #onStop} once, if a stopping rule (early stopping or the target cost) ends training
 *       before its last epoch, after the {@code onEpochEnd} of the epoch that triggered it;</li>
 *   <li>{@link #onWarning} for single-class predictions and inactive ReLU units, measured on the
 *       final parameters (the restored best ones, if early stopping restores them);</li>
 *   <li>{@link #onTrainingEnd} once, with the complete history.</li>
 * </ol>
 * If training diverges, {@link #onDivergence} comes instead of the remaining events and the
 * trainer then throws the same exception; an exception thrown by a listener's
 * {@code onDivergence} does not replace it, but is added to it as suppressed, and the other
 * listeners are still called. If the training thread is interrupted, {@link #onStop} with
 * {@link History.StopReason#INTERRUPTED} comes instead, and the trainer then throws a
 * {@link io.github.mlp4j.TrainingInterruptedException}. Other exceptions end the run without
 * further events.
 *
 * <p>Every method has an empty default, so a listener overrides only what it needs; for the
 * per-epoch hook alone, pass a lambda as an {@link EpochListener}. Methods are
 * called on the training thread; a slow listener slows training. The library itself never prints:
 * attach a {@link ConsoleListener} to see progress.
 */
public interface TrainingListener {

    /**
     * Called once when training starts.
     *
     * @param network the network being trained
     * @param config the settings of the run
     * @param trainingRows the number of training rows, or -1 when they come from a batch source
     * @param validationRows the number of validation rows, 0 for none
     */
    default void onTrainingStart(Network network, TrainingConfig config, int trainingRows, int validationRows) {
    }

    /**
     * Called after each epoch.
     *
     * @param row what was measured in the epoch
     */
    default void onEpochEnd(History.Epoch row) {
    }

    /**
     * Called when a stopping rule ends training before the last configured epoch, or when the
     * training thread is interrupted.
     *
     * @param reason {@link History.StopReason#EARLY_STOPPING}, {@link History.StopReason#TARGET_COST},
     *     {@link History.StopReason#INTERRUPTED} or, for L-BFGS, {@link History.StopReason#CONVERGED}
     * @param message a sentence that explains it, the same as {@link History#stopMessage()}
     */
    default void onStop(History.StopReason reason, String message) {
    }

    /**
     * Called when the trainer notices something that is probably a mistake.
     *
     * @param warning what was noticed and what to do about it
     */
    default void onWarning(Warning warning) {
    }

    /**
     * Called once when training ends normally.
     *
     * @param history the complete history, as {@link Trainer#fit} returns it
     */
    default void onTrainingEnd(History history) {
    }

    /**
     * Called when training diverges, just before the exception is thrown.
     *
     * @param exception the exception, naming the epoch, the batch and the last finite cost
     */
    default void onDivergence(DivergenceException exception) {
    }
}
