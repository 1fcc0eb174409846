package io.github.mlp4j.train;

/**
 * A {@link TrainingListener} that hears only the end of each epoch, so that a lambda can be one:
 * <pre>{@code
 * new Trainer(config)
 *         .withListener(row -> System.out.printf("epoch %d: cost %.4f%n", row.epoch(), row.trainingCost()))
 *         .fit(network, x, y);
 * }</pre>
 * Its other callbacks keep {@link TrainingListener}'s empty defaults.
 */
@FunctionalInterface
public interface EpochListener extends TrainingListener {

    /**
     * Called after each epoch, on the training thread.
     *
     * @param row what was measured in the epoch
     */
    @Override
    void onEpochEnd(History.Epoch row);
}
