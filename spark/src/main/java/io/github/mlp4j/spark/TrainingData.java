package io.github.mlp4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A DataFrame's training rows, checked, converted to {@link DataBlock}s and cached once; every
 * step then reads the cache, with no shuffle.
 *
 * <p>{@link #prepare} runs one Spark job, which fills the cache and counts each partition's rows
 * and bad rows; any bad row fails it with a message naming the column and the number of rows.
 * {@link #close()} drops the cache.
 *
 * <p>When the SparkContext has a checkpoint directory ({@code setCheckpointDir}), the blocks are
 * also checkpointed there once. Each step's job then carries a short lineage (the checkpoint)
 * instead of the DataFrame's query plan, which Spark would otherwise serialise into every step's
 * tasks; a lost executor's blocks are read back from the checkpoint files.
 */
final class TrainingData implements AutoCloseable {
    final JavaRDD<DataBlock> blocks;
    /** Rows per partition, in partition order. */
    final long[] partitionRows;
    final long rows;

    private TrainingData(JavaRDD<DataBlock> blocks, long[] partitionRows) {
        this.blocks = blocks;
        this.partitionRows = partitionRows;
        long n = 0;
        for (long r : partitionRows) {
            n += r;
        }
        this.rows = n;
    }

    /**
     * Converts, caches and checks the training rows.
     *
     * @param frame the DataFrame
     * @param columns where the features and label are
     * @param inputSize the network's inputs
     * @param outputSize the network's outputs
     * @param blockRows rows per cached block
     * @return the cached data
     * @throws IllegalArgumentException if a column is missing or of the wrong type, if a row is bad
     *     (null or non-finite features, a vector of the wrong size, a bad label), or if there are no
     *     rows
     */
    static TrainingData prepare(Dataset<Row> frame, InputColumns columns, int inputSize, int outputSize,
            int blockRows) {
        StructType schema = frame.schema();
        columns.check(schema, inputSize, true);
        JavaRDD<DataBlock> blocks = frame.javaRDD().mapPartitionsWithIndex(
                (p, rows) -> DataBlock.blocks(rows, schema, columns, inputSize, outputSize, blockRows, p), false);
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        if (frame.sparkSession().sparkContext().getCheckpointDir().isDefined()) {
            blocks.checkpoint();                                             // written after the first job, from the cache
        }
        List<long[]> counts;
        List<String> firsts;
        try {
            List<Object[]> stats = blocks.mapPartitions(TrainingData::count).collect();   // in partition order
            counts = new ArrayList<>();
            firsts = new ArrayList<>();
            for (Object[] s : stats) {
                counts.add((long[]) s[0]);
                firsts.add((String) s[1]);
            }
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
        int kinds = RowProblem.values().length;
        long[] partitionRows = new long[counts.size()];
        long[] bad = new long[kinds];
        String first = null;
        for (int p = 0; p < counts.size(); p++) {
            long[] c = counts.get(p);
            partitionRows[p] = c[0];
            for (int k = 1; k < kinds; k++) {
                bad[k] += c[k];
            }
            if (first == null) {
                first = firsts.get(p);
            }
        }
        long total = 0;
        for (long b : bad) {
            total += b;
        }
        if (total > 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException(badRowsMessage(bad, columns, first));
        }
        TrainingData data = new TrainingData(blocks, partitionRows);
        if (data.rows == 0) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("The DataFrame has no rows to train on.");
        }
        return data;
    }

    private static Iterator<Object[]> count(Iterator<DataBlock> it) {
        long[] c = new long[RowProblem.values().length];
        String first = null;
        while (it.hasNext()) {
            DataBlock b = it.next();
            c[0] += b.rows();
            for (int k = 1; k < c.length; k++) {
                c[k] += b.skipped[k];
            }
            if (first == null) {
                first = b.firstSkipped;
            }
        }
        return List.<Object[]>of(new Object[] {c, first}).iterator();
    }

    private static String badRowsMessage(long[] bad, InputColumns columns, String first) {
        StringBuilder s = new StringBuilder("The training data has bad rows: ");
        String sep = "";
        for (RowProblem p : RowProblem.values()) {
            if (p != RowProblem.NONE && bad[p.ordinal()] > 0) {
                s.append(sep).append(bad[p.ordinal()]).append(bad[p.ordinal()] == 1 ? " row has " : " rows have ")
                        .append(p.text).append(" (").append(columns.columnOf(p)).append(')');
                sep = "; ";
            }
        }
        s.append(". The first is ").append(first).append(". Drop or repair them (for example with na.drop() and a "
                + "filter) before training; labels must be class indices 0 … outputs−1.");
        return s.toString();
    }

    /** {@return the number of partitions} */
    int partitions() {
        return partitionRows.length;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
