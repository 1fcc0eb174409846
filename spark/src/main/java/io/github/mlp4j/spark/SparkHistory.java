package io.github.mlp4j.spark;

/**
 * What a {@link SparkTrainer#fit} run did.
 *
 * @param epochCosts the mean training cost of each epoch, each batch's cost measured before its
 *     step (as the core's trainer reports); epochs of a resumed run's earlier part included
 * @param steps the steps (sync) or rounds (average) taken, counting those before a resume
 * @param rows the training rows
 * @param partitions the partitions of the training data
 * @param bytesToDriver the bytes of task results the driver received in this call, approximately
 * @param seconds the wall time of the training loop in this call
 * @param stopReason why training stopped
 */
public record SparkHistory(double[] epochCosts, long steps, long rows, int partitions, long bytesToDriver,
        double seconds, String stopReason) {

    /** {@return the last epoch's cost} */
    public double finalCost() {
        return epochCosts[epochCosts.length - 1];
    }
}
