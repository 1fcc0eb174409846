package io.github.mlp4j;

/**
 * Thrown when the thread that trains a network is interrupted: training stops before the next
 * batch, the network keeps the parameters of the last finished step, and the thread's interrupt
 * flag stays set, so the code that interrupted it sees the request.
 *
 * <p>It is unchecked, like {@link DivergenceException}, so training calls keep their signatures;
 * catch it where a service shuts down or cancels a training job.
 */
public class TrainingInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    /**
     * Creates the exception for training interrupted before batch {@code batch} of epoch
     * {@code epoch}.
     *
     * @param epoch the epoch that was running, from 1
     * @param batch the batch that did not start, from 1
     */
    public TrainingInterruptedException(int epoch, int batch) {
        super("Training was interrupted before batch " + batch + " of epoch " + epoch
                + "; the network keeps the parameters of the last finished step.");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** {@return the epoch that was running, from 1} */
    public int epoch() {
        return epoch;
    }

    /** {@return the batch that did not start, from 1} */
    public int batch() {
        return batch;
    }
}
