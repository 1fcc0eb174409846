package io.github.mlp4j;

/**
 * Thrown when the training thread is interrupted ({@link Thread#interrupt()}): training stops
 * before its next batch.
 *
 * <p>The network keeps the parameters of the last step that finished, batch {@link #batch()} of
 * epoch {@link #epoch()}; no step is left half done. The thread's interrupt flag stays set, so
 * the code around the training call (an executor shutting down, a server stopping) still sees
 * it. {@link #epochCosts()} gives the training cost of each epoch that finished before.
 */
public final class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The 1-based epoch in which training stopped. */
    private final int epoch;
    /** The batches of that epoch whose steps finished. */
    private final int batch;
    /** The mean training cost of each epoch that finished. */
    private final double[] epochCosts;

    /**
     * Creates the exception.
     *
     * @param epoch the 1-based epoch in which training stopped
     * @param batch the number of batches of that epoch whose steps finished (0 if none)
     * @param epochCosts the mean training cost of each earlier epoch, which all finished; copied
     */
    public TrainingInterruptedException(int epoch, int batch, double[] epochCosts) {
        super("Training was interrupted in epoch " + epoch + " after " + batch + (batch == 1 ? " batch" : " batches")
                + " (" + epochCosts.length + (epochCosts.length == 1 ? " epoch" : " epochs") + " finished). The network"
                + " keeps the parameters of the last finished step, and the thread's interrupt flag is still set.");
        this.epoch = epoch;
        this.batch = batch;
        this.epochCosts = epochCosts.clone();
    }

    /** {@return the 1-based epoch in which training stopped} */
    public int epoch() {
        return epoch;
    }

    /** {@return the number of batches of {@link #epoch()} whose steps finished (0 if none)} */
    public int batch() {
        return batch;
    }

    /** {@return the mean training cost of each epoch that finished before the interrupt, in order (a copy)} */
    public double[] epochCosts() {
        return epochCosts.clone();
    }
}
