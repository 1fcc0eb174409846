package io.github.mlp4j.data;

import io.github.mlp4j.internal.Batches;

/**
 * A {@link BatchSource} over an in-memory {@link Dataset}; each pass visits every row once in an
 * order shuffled by the pass's seed.
 */
final class DatasetBatchSource implements BatchSource {
    private final Dataset data;
    private int[] order;
    private int position;
    private boolean closed;

    DatasetBatchSource(Dataset data) {
        this.data = data;
    }

    @Override
    public int inputSize() {
        return data.inputSize();
    }

    @Override
    public int outputSize() {
        return data.outputSize();
    }

    @Override
    public void reset(long seed) {
        checkOpen();
        order = Split.shuffledIndices(data.size(), seed);  // same seed, same order
        position = 0;
    }

    @Override
    public int next(double[][] x, double[][] y) {
        checkOpen();
        if (order == null) {
            throw new IllegalStateException("next(...) was called before reset(seed); call reset(seed) to start a pass.");
        }
        Batches.checkBatch(x, y);
        int k = 0;
        while (k < x.length && position < order.length) {
            int row = order[position++];
            Batches.copyRow(data.inputRow(row), x, k, "x");
            Batches.copyRow(data.targetRow(row), y, k, "y");
            k++;
        }
        return k;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The batch source is closed; create a new one.");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
