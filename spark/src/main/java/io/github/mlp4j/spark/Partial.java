package io.github.mlp4j.spark;

import java.io.Serializable;

/**
 * What one partition sends to the driver after a step or round: its rows, the sum of its rows'
 * costs, and a vector — for {@code sync} the gradient (the mean over its rows when it computed
 * them in one block, else the sum over its rows), for {@code average} its parameters followed by
 * its optimizer's buffers.
 */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;

    final long rows;
    final double costSum;
    /** Null when the partition had no rows in this step. */
    final double[] vector;
    /** Whether {@link #vector} is a mean over the rows (one block) rather than a sum. */
    final boolean mean;
    /** For {@code sync} with one block: the block's mean cost exactly as the core returned it. */
    final double meanCost;

    Partial(long rows, double costSum, double[] vector, boolean mean, double meanCost) {
        this.rows = rows;
        this.costSum = costSum;
        this.vector = vector;
        this.mean = mean;
        this.meanCost = meanCost;
    }

    static Partial empty() {
        return new Partial(0, 0.0, null, false, 0.0);
    }

    /** {@return the bytes this partial adds to a result sent to the driver, roughly} */
    long bytes() {
        return 40L + (vector == null ? 0 : 8L * vector.length);
    }
}
