package io.github.mlp4j;

import io.github.mlp4j.internal.Workers;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The prediction side of a {@link Network}: it checks the caller's rows, runs the forward pass
 * through scratch buffers borrowed from a small pool that the network owns, and checks the
 * outputs ({@link Network#predict}, {@link Network#loss}).
 *
 * <p>Memory: a prediction borrows a workspace for the length of the call and gives it back. The
 * pool keeps at most a few idle workspaces (one-row ones for single rows, and batch ones of at
 * most {@link #BATCH_BYTES} each), so what a network keeps does not grow with the number of
 * threads that ever called it; a call that finds the pool empty makes a workspace that the
 * garbage collector takes after the call. Nothing is kept per thread, so a network that nobody
 * references is collected with all its buffers.
 *
 * <p>Threads: a batch large enough for {@link Network#PARALLEL_THRESHOLD} is split by rows between
 * the pool threads, each running the whole network on its share with a workspace of its own. A
 * row's outputs never depend on the other rows, so the results have the same bits on any number
 * of threads.
 */
final class Prediction {
    /** The most bytes of z, a and partial sums a batch workspace may hold; it then has fewer rows. */
    static final long BATCH_BYTES = 1L << 20;
    /** The most rows a batch workspace holds. */
    static final int MAX_ROWS = 256;

    private final Engine engine;
    private final Parameters params;
    private final Loss loss;
    private final int threads;
    private final int inputSize;
    private final int outputSize;
    /** Rows per batch workspace: as many as fit {@link #BATCH_BYTES}, at least 1 and at most {@link #MAX_ROWS}. */
    final int batchRows;
    private final AtomicReferenceArray<Workspace> singles;
    private final AtomicReferenceArray<Workspace> batches;

    Prediction(Engine engine, Parameters params, Loss loss, int threads) {
        Layer[] layers = params.layers;
        this.engine = engine;
        this.params = params;
        this.loss = loss;
        this.threads = threads;
        this.inputSize = layers[0].inputSize();
        this.outputSize = layers[layers.length - 1].outputSize();
        long perRow = 0;
        for (int l = 0; l < layers.length; l++) {
            int chunks = engine.split.chunked(l) ? WorkSplit.CHUNKS : 0;
            perRow += (2L + chunks) * layers[l].outputSize() * Double.BYTES + 16 * (2L + chunks);
        }
        this.batchRows = (int) Math.max(1, Math.min(MAX_ROWS, BATCH_BYTES / perRow));
        this.singles = new AtomicReferenceArray<>(8);
        this.batches = new AtomicReferenceArray<>(Math.min(threads + 1, 8));
    }

    /** See {@link Network#predict(double[], double[])}. Allocates nothing once warm. */
    void predict(double[] x, double[] out) {
        Inputs.checkRow(x, out, inputSize, outputSize);
        Workspace w = take(singles, 1);
        w.input[0] = x;
        params.lock.readLock().lock();
        try {
            engine.forward(w, 1);
        } finally {
            params.lock.readLock().unlock();
            w.input[0] = null;
        }
        System.arraycopy(w.output()[0], 0, out, 0, out.length);
        give(singles, w);
        Inputs.checkOutput(out, 0);
    }

    /** See {@link Network#predict(double[][])}. */
    double[][] predict(double[][] x) {
        Inputs.checkInputs(x, inputSize);
        double[][] out = new double[x.length][outputSize];
        params.lock.readLock().lock();
        try {
            if (!predictInParts(x, out)) {
                Workspace w = take(batches, batchRows);
                predictRows(w, x, out, 0, x.length);
                give(batches, w);
            }
        } finally {
            params.lock.readLock().unlock();
        }
        Inputs.checkOutputs(out);
        return out;
    }

    /** See {@link Network#loss}. */
    double loss(double[][] x, double[][] y) {
        Inputs.checkInputs(x, inputSize);
        Inputs.checkTargets(x, y, outputSize, loss);
        Workspace w = take(batches, batchRows);
        int last = w.a.length - 1;
        int width = w.a[last][0].length;
        double sum = 0.0;
        params.lock.readLock().lock();
        try {
            for (int start = 0; start < x.length; start += w.capacity) {
                int rows = Math.min(w.capacity, x.length - start);
                System.arraycopy(x, start, w.input, 0, rows);
                System.arraycopy(y, start, w.target, 0, rows);
                engine.forward(w, rows);
                sum += rows * loss.cost(w.z[last], w.a[last], w.target, rows, width);
            }
        } finally {
            params.lock.readLock().unlock();
            w.release();
        }
        give(batches, w);
        return sum / x.length;
    }

    /**
     * Predicts a large batch on several threads, if the pool is free: each thread takes an even
     * share of the rows through the whole network with a workspace of its own. Call under the
     * read lock.
     *
     * @return false, having done nothing, if the batch is too small or the pool is busy
     */
    private boolean predictInParts(double[][] x, double[][] out) {
        int n = x.length;
        int parts = Math.min(threads, n);
        if (parts <= 1 || n * engine.split.multiplyAddsPerRow < Network.PARALLEL_THRESHOLD) {
            return false;
        }
        Workers workers = engine.pool();
        if (!workers.tryAcquire()) {
            return false;
        }
        Workspace[] spaces = new Workspace[parts];
        try {
            for (int p = 0; p < parts; p++) {
                spaces[p] = take(batches, batchRows);
            }
            workers.run((part, count) -> predictRows(spaces[part], x, out, WorkSplit.first(n, part, count),
                    WorkSplit.first(n, part + 1, count)), parts);
        } finally {
            workers.release();
        }
        for (Workspace w : spaces) {
            give(batches, w);
        }
        return true;
    }

    /** Writes the outputs of rows {@code from..to−1} of {@code x} into the same rows of {@code out}, through {@code w}. */
    private void predictRows(Workspace w, double[][] x, double[][] out, int from, int to) {
        int width = out.length == 0 ? 0 : out[from].length;
        try {
            for (int start = from; start < to; start += w.capacity) {
                int rows = Math.min(w.capacity, to - start);
                System.arraycopy(x, start, w.input, 0, rows);
                engine.forward(w, rows);
                double[][] result = w.output();
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(result[i], 0, out[start + i], 0, width);
                }
            }
        } finally {
            w.release();
        }
    }

    /** Borrows an idle workspace of {@code capacity} rows from {@code pool}, or makes one. */
    private Workspace take(AtomicReferenceArray<Workspace> pool, int capacity) {
        for (int i = 0; i < pool.length(); i++) {
            Workspace w = pool.get(i);
            if (w != null && pool.compareAndSet(i, w, null)) {
                return w;
            }
        }
        return engine.newWorkspace(capacity, false);
    }

    /** Gives a workspace back to {@code pool}, or to the garbage collector when the pool is full. */
    private static void give(AtomicReferenceArray<Workspace> pool, Workspace w) {
        for (int i = 0; i < pool.length(); i++) {
            if (pool.get(i) == null && pool.compareAndSet(i, null, w)) {
                return;
            }
        }
    }

    /** See {@link Network#kinkPattern}: which pre-activations of kinked layers are positive. */
    BitSet kinkPattern(double[][] x) {
        Workspace w = engine.newWorkspace(x.length, false);
        System.arraycopy(x, 0, w.input, 0, x.length);
        params.lock.readLock().lock();
        try {
            engine.forward(w, x.length);
        } finally {
            params.lock.readLock().unlock();
        }
        BitSet bits = new BitSet();
        int bit = 0;
        for (int l = 0; l < w.z.length; l++) {
            if (!params.layers[l].activation().hasKinks()) {
                continue;
            }
            for (int i = 0; i < x.length; i++) {
                for (double v : w.z[l][i]) {
                    bits.set(bit++, v > 0.0);
                }
            }
        }
        return bits;
    }
}
