package io.github.mlp4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Up to a block's worth of training rows of one partition, as the network reads them: inputs
 * {@code x} (rows × inputSize) and targets {@code y} (rows × outputSize). Cached data is a list of
 * these per partition, never one object per row.
 *
 * <p>A block also counts the rows it left out while it was built, by {@link RowProblem}, with the
 * first such row's position, so that one pass over the cached data both materialises it and
 * reports bad input.
 */
final class DataBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[][] x;
    final double[][] y;
    /** Per {@link RowProblem} ordinal, the rows left out of this block. */
    final long[] skipped;
    /** The first row left out, as "row N of partition P", or null. */
    final String firstSkipped;

    private DataBlock(double[][] x, double[][] y, long[] skipped, String firstSkipped) {
        this.x = x;
        this.y = y;
        this.skipped = skipped;
        this.firstSkipped = firstSkipped;
    }

    /** {@return the number of rows} */
    int rows() {
        return x.length;
    }

    /**
     * Turns a partition's rows into blocks of up to {@code blockRows} rows, lazily.
     *
     * @param rows the partition's rows
     * @param schema their schema
     * @param columns where the features and label are
     * @param inputSize the network's inputs
     * @param outputSize the network's outputs
     * @param blockRows the most rows per block
     * @param partition the partition's index, for messages
     * @return the blocks
     */
    static Iterator<DataBlock> blocks(Iterator<Row> rows, StructType schema, InputColumns columns, int inputSize,
            int outputSize, int blockRows, int partition) {
        InputColumns.Resolved at = columns.resolve(schema);
        return new Iterator<>() {
            long rowIndex;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public DataBlock next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                List<double[]> xs = new ArrayList<>();
                List<double[]> ys = new ArrayList<>();
                long[] skipped = new long[RowProblem.values().length];
                String first = null;
                double[] xr = new double[inputSize];
                double[] yr = new double[outputSize];
                while (rows.hasNext() && xs.size() < blockRows) {
                    Row row = rows.next();
                    RowProblem p = at.features(row, xr);
                    if (p == RowProblem.NONE) {
                        p = at.target(row, yr);
                    }
                    if (p == RowProblem.NONE) {
                        xs.add(xr);
                        ys.add(yr);
                        xr = new double[inputSize];
                        yr = new double[outputSize];
                    } else {
                        skipped[p.ordinal()]++;
                        if (first == null) {
                            first = "row " + rowIndex + " of partition " + partition + " (" + p.text + " in "
                                    + columns.columnOf(p) + ")";
                        }
                    }
                    rowIndex++;
                }
                return new DataBlock(xs.toArray(new double[0][]), ys.toArray(new double[0][]), skipped, first);
            }
        };
    }
}
