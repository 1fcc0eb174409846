package io.github.mlp4j;

import io.github.mlp4j.internal.Kernels;

/**
 * How one layer stack's work is split between threads, fixed once when the network is built so
 * that every split computes the same numbers.
 *
 * <ul>
 *   <li>The forward pass runs by rows of the batch, in segments that each end before a chunked
 *       layer ({@link #segmentEnd}).</li>
 *   <li>A dense layer with at least {@link #CHUNKED_WEIGHTS} weights and {@code 4·K_BLOCK} inputs
 *       computes {@code a·W} as partial sums over {@link #CHUNKS} fixed chunks of its inputs
 *       ({@link #chunkStarts}), so that a thread multiplies and updates only its own rows of
 *       {@code W}.</li>
 *   <li>Back-propagation runs by rows down to the next layer with parameters that is not dense
 *       ({@link #deltaBottom}), which is back-propagated in fixed blocks of rows.</li>
 *   <li>The weight gradient and the step run by rows of {@code W} ({@link #firstWeightRow}).</li>
 * </ul>
 */
final class WorkSplit {
    /** A dense layer with at least this many weights sums {@code x·W} in {@link #CHUNKS} input chunks. */
    static final int CHUNKED_WEIGHTS = 1 << 15;
    /** The number of input chunks of a large layer: fixed, so that the sums do not depend on the threads. */
    static final int CHUNKS = 4;

    /**
     * Parts per thread of a training task: a thread that finishes its own parts takes parts the
     * other threads have not started, so a thread slowed by other work on its core delays a step
     * by a fraction of its share, not all of it.
     */
    static final int PARTS_PER_THREAD = 4;

    private final Layer[] layers;
    /** Σ inputs·outputs over the layers: the multiply-adds of one row's forward pass. */
    final long multiplyAddsPerRow;
    /** Per dense layer whose product is chunked, where its chunks start (CHUNKS + 1 values); else null. */
    final int[][] chunkStarts;
    /**
     * For a forward segment's first layer {@code l}, one past the segment's last layer: the
     * segment ends before the next chunked layer.
     */
    final int[] segmentEnd;
    /**
     * Back-propagation runs down from layer {@code top} by rows through the layers above
     * {@code deltaBottom[top]}, which is either 0 or a layer with parameters that is not dense
     * (back-propagated in blocks); {@code deltaBottom[top] == top} when there is nothing to split.
     */
    final int[] deltaBottom;
    /** Per layer, whether it has parameters and is not dense: back-propagated in fixed blocks of rows. */
    private final boolean[] inBlocks;

    WorkSplit(Parameters params) {
        this.layers = params.layers;
        long work = 0;
        this.chunkStarts = new int[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int in = layers[l].inputSize();
            long weights = (long) in * layers[l].outputSize();
            work += weights;
            if (params.dense(l) && weights >= CHUNKED_WEIGHTS && in >= CHUNKS * Kernels.K_BLOCK) {
                int[] starts = new int[CHUNKS + 1];
                for (int c = 0; c < CHUNKS; c++) {
                    starts[c] = in * c / CHUNKS / Kernels.K_BLOCK * Kernels.K_BLOCK;
                }
                starts[CHUNKS] = in;
                chunkStarts[l] = starts;
            }
        }
        this.multiplyAddsPerRow = work;
        this.inBlocks = new boolean[layers.length];
        for (int l = 0; l < layers.length; l++) {
            inBlocks[l] = !params.dense(l) && layers[l].parameterCount() > 0;
        }
        this.segmentEnd = new int[layers.length];
        for (int l = 0; l < layers.length; l++) {
            int end = l + 1;
            while (end < layers.length && chunkStarts[end] == null) {
                end++;
            }
            segmentEnd[l] = end;
        }
        this.deltaBottom = new int[layers.length];
        for (int top = 1; top < layers.length; top++) {
            int bottom = top;
            while (bottom >= 1 && !inBlocks[bottom]) {
                bottom--;                                                    // split by rows through this layer
            }
            deltaBottom[top] = bottom;
        }
    }

    /** Returns the first layer of the forward segment that holds layer {@code l}. */
    int segmentStart(int l) {
        int start = 0;
        while (segmentEnd[start] <= l) {
            start = segmentEnd[start];
        }
        return start;
    }

    /** Returns whether layer {@code l}'s product is summed in input chunks. */
    boolean chunked(int l) {
        return chunkStarts[l] != null;
    }

    /**
     * Returns whether layer {@code l} has parameters and is not dense, so that it is
     * back-propagated in fixed blocks of rows, each with a gradient buffer of its own.
     */
    boolean inBlocks(int l) {
        return inBlocks[l];
    }

    /** Returns the first chunk of part {@code part} of {@code parts}: chunk c belongs to part ⌊c·parts/CHUNKS⌋. */
    static int firstChunk(int part, int parts) {
        return (part * CHUNKS + parts - 1) / parts;
    }

    /**
     * Returns the first row of {@code Wˡ} in part {@code part} of {@code parts}: the start of its
     * first chunk for a chunked layer (so that a thread updates the rows it multiplied), else an
     * even share of the rows.
     */
    int firstWeightRow(int l, int part, int parts) {
        int[] starts = chunkStarts[l];
        if (starts != null) {
            return starts[Math.min(CHUNKS, firstChunk(part, parts))];
        }
        return (int) ((long) layers[l].inputSize() * part / parts);
    }

    /** Returns the first row of part {@code part} when {@code rows} rows are split into {@code parts}. */
    static int first(int rows, int part, int parts) {
        return (int) ((long) rows * part / parts);
    }
}
