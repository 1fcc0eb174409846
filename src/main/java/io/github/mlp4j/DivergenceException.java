package io.github.mlp4j;

/**
 * Thrown when training produces a cost or gradient that is NaN or infinite.
 *
 * <p>The network keeps the parameters it had before the failing step, the last finite ones.
 * The message names the epoch and batch, the last finite cost and what usually helps: a lower
 * learning rate, or inputs scaled to a small range.
 */
public final class DivergenceException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** The 1-based epoch in which training diverged. */
    private final int epoch;
    /** The 1-based batch, within its epoch, in which training diverged. */
    private final int batch;
    /** The cost of the last finite step, or NaN if there was none. */
    private final double lastFiniteCost;

    /**
     * Creates the exception.
     *
     * @param epoch the 1-based epoch in which training diverged
     * @param batch the 1-based batch within that epoch
     * @param lastFiniteCost the cost of the last step that was finite, or NaN if there was none
     * @param what what became non-finite, such as {@code "the cost"}
     */
    public DivergenceException(int epoch, int batch, double lastFiniteCost, String what) {
        super("Training diverged in epoch " + epoch + ", batch " + batch + ": " + what
                + " became NaN or infinite (last finite cost: " + lastFiniteCost + "). The network keeps the"
                + " parameters from before this step. Lower the learning rate, or scale the inputs to a small"
                + " range (for example standardise them).");
        this.epoch = epoch;
        this.batch = batch;
        this.lastFiniteCost = lastFiniteCost;
    }

    /** {@return the 1-based epoch in which training diverged} */
    public int epoch() {
        return epoch;
    }

    /** {@return the 1-based batch, within its epoch, in which training diverged} */
    public int batch() {
        return batch;
    }

    /** {@return the cost of the last finite step, or NaN if there was none} */
    public double lastFiniteCost() {
        return lastFiniteCost;
    }
}
