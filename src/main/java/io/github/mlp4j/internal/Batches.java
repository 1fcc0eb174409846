package io.github.mlp4j.internal;

import java.util.Objects;

/**
 * Argument checks and row copies shared by the implementations of {@code data.BatchSource}: the
 * core's {@code DatasetBatchSource} and the tools' {@code csv.CsvBatchSource}.
 */
public final class Batches {
    private Batches() {
    }

    /** Checks that x and y are present and y has at least as many rows as x. */
    public static void checkBatch(double[][] x, double[][] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (y.length < x.length) {
            throw new IllegalArgumentException("y has " + y.length + " rows but x has " + x.length
                    + "; pass batch arrays with at least as many target rows as input rows.");
        }
    }

    /** Copies {@code from} into row {@code k} of {@code batch} (overwritten), checking its width. */
    public static void copyRow(double[] from, double[][] batch, int k, String name) {
        double[] to = Objects.requireNonNull(batch[k], () -> "row " + k + " of " + name + " is null");
        if (to.length != from.length) {
            throw new IllegalArgumentException("Row " + k + " of " + name + " has " + to.length
                    + " values but the source gives " + from.length + "; allocate rows of " + from.length
                    + " (the source's " + (name.equals("x") ? "inputSize" : "outputSize") + "()).");
        }
        System.arraycopy(from, 0, to, 0, from.length);
    }
}
