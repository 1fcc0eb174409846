package io.github.mlp4j.train;

import io.github.mlp4j.internal.Rng;
import java.util.Arrays;

/** In-memory rows: batches of row references taken from a shuffled index array. */
final class RowBatches implements TrainingBatches {
    final double[][] x;
    final double[][] y;
    private final double[][] bx;
    private final double[][] by;
    private final int[] order;
    private final Rng rng;
    private int position;

    RowBatches(double[][] x, double[][] y, int batchSize, long seed) {
        this.x = x;
        this.y = y;
        int size = Math.min(batchSize, x.length);
        this.bx = new double[size][];
        this.by = new double[size][];
        this.order = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.rng = new Rng(seed);
    }

    @Override
    public int capacity() {
        return bx.length;
    }

    @Override
    public void start(int epoch) {
        rng.shuffle(order);
        position = 0;
    }

    @Override
    public int next() {
        int rows = Math.min(bx.length, order.length - position);
        for (int i = 0; i < rows; i++) {
            bx[i] = x[order[position + i]];                              // row references, no copies
            by[i] = y[order[position + i]];
        }
        position += rows;
        return rows;
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
        return x;
    }

    @Override
    public double[][] sample() {
        int m = Math.min(Trainer.ACTIVITY_SAMPLE, x.length);
        double[][] s = new double[m][];
        for (int i = 0; i < m; i++) {
            s[i] = x[(int) ((long) i * x.length / m)];                  // evenly spaced rows
        }
        return s;
    }

    @Override
    public void finish() {
        Arrays.fill(bx, null);
        Arrays.fill(by, null);
    }
}
