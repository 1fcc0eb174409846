package io.github.mlp4j.spark;

/**
 * Which rows of each partition go into each step: the whole plan is a function of the seed, the
 * epoch and the partition's row count, so any task recomputed anywhere reads the same rows.
 *
 * <p>An epoch of {@code N} rows in batches of {@code B} has {@code S = ⌈N / B⌉} steps. In epoch
 * {@code e}, partition {@code p} with {@code n} rows visits its rows in the order
 * {@link #order(long, int, int, int)} and gives step {@code s} (from 0) the positions
 * {@code ⌊s·n/S⌋ … ⌊(s+1)·n/S⌋ − 1} of that order. Every row is used once per epoch and each
 * partition contributes to each step in proportion to its size; the global batch is the union of
 * the partitions' shares, about {@code B} rows.
 *
 * <p>With one partition this is the batch order a core training loop can replay exactly (the
 * tests do).
 */
public final class BatchPlan {
    private BatchPlan() {
    }

    /**
     * {@return the number of steps in an epoch, {@code ⌈rows / batchSize⌉}}
     *
     * @param rows the training rows, at least 1
     * @param batchSize the rows per step, at least 1
     */
    public static int stepsPerEpoch(long rows, int batchSize) {
        long s = (rows + batchSize - 1) / batchSize;
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rows + " rows in batches of " + batchSize + " make more than "
                    + Integer.MAX_VALUE + " steps per epoch; use a larger batch size.");
        }
        return (int) s;
    }

    /**
     * {@return the first position of step {@code step}'s share in a partition's order; the share
     * ends where the next step's begins}
     *
     * @param partitionRows the partition's rows
     * @param steps the steps per epoch
     * @param step the step, 0 to {@code steps} (the latter gives the end)
     */
    public static int shareStart(long partitionRows, int steps, int step) {
        return (int) Math.floorDiv(partitionRows * step, steps);
    }

    /**
     * Returns the order in which a partition visits its rows in an epoch: a permutation of
     * {@code 0 … rows−1} drawn by a Fisher–Yates shuffle from a generator seeded by the seed, the
     * epoch and the partition.
     *
     * @param seed the training seed
     * @param epoch the epoch, from 1
     * @param partition the partition's index
     * @param rows the partition's rows
     * @return a new permutation
     */
    public static int[] order(long seed, int epoch, int partition, int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        long state = mix(mix(seed ^ 0x6A09E667F3BCC909L) + epoch * 0x9E3779B97F4A7C15L + partition);
        for (int i = rows - 1; i > 0; i--) {
            state += 0x9E3779B97F4A7C15L;
            int j = (int) Long.remainderUnsigned(mix(state), i + 1L);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** SplitMix64's finaliser: a bijection that scatters the bits of {@code z}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
