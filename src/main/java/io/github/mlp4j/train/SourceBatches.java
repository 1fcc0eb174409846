package io.github.mlp4j.train;

import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** A batch source: each batch copied into owned buffers and checked for NaN and infinity. */
final class SourceBatches implements TrainingBatches {
    private final BatchSource source;
    private final double[][] bx;
    private final double[][] by;
    private final Rng rng;
    private int epoch;
    private int batch;
    private int lastRows;

    SourceBatches(BatchSource source, int batchSize, long seed) {
        this.source = source;
        this.bx = new double[batchSize][source.inputSize()];
        this.by = new double[batchSize][source.outputSize()];
        this.rng = new Rng(seed);
    }

    @Override
    public int capacity() {
        return bx.length;
    }

    @Override
    public void start(int epoch) {
        this.epoch = epoch;
        this.batch = 0;
        try {
            source.reset(rng.nextLong());                               // one seed per pass
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int next() {
        int rows;
        try {
            rows = source.next(bx, by);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch++;
        for (int i = 0; i < rows; i++) {
            requireFiniteRow(bx[i], "x", i);
            requireFiniteRow(by[i], "y", i);
        }
        if (rows > 0) {
            lastRows = rows;
        }
        return rows;
    }

    private void requireFiniteRow(double[] row, String name, int i) {
        if (!Checks.allFinite(row)) {
            throw new IllegalArgumentException("Batch " + batch + " of epoch " + epoch + " from the batch source"
                    + " holds NaN or infinity in row " + i + " of " + name + "; every value must be finite."
                    + " Remove or impute missing values in the data.");
        }
    }

    @Override
    public double[][] x() {
        return bx;
    }

    @Override
    public double[][] y() {
        return by;
    }

    @Override
    public double[][] scaleProbe(int firstBatchRows) {
        return Arrays.copyOf(bx, firstBatchRows);
    }

    @Override
    public double[][] sample() {
        return Arrays.copyOf(bx, lastRows);                  // the last batch read
    }

    @Override
    public void finish() {
    }
}
