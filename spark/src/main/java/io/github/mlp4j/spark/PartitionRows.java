package io.github.mlp4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One partition's cached blocks seen as a list of rows, and the partition's epoch orders, which a
 * small per-JVM cache keeps so that the steps of an epoch do not shuffle again.
 */
final class PartitionRows {
    private static final int CACHED_ORDERS = 16;
    private static final Map<String, int[]> ORDERS = new LinkedHashMap<>(32, 0.75f, true);

    final List<DataBlock> blocks = new ArrayList<>();
    final int rows;
    private final int stride;

    PartitionRows(Iterator<DataBlock> it) {
        long n = 0;
        while (it.hasNext()) {
            DataBlock b = it.next();
            if (b.rows() > 0) {
                blocks.add(b);
                n += b.rows();
            }
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("A partition holds " + n + " rows, more than " + Integer.MAX_VALUE
                    + "; repartition the DataFrame into more partitions.");
        }
        rows = (int) n;
        stride = blocks.isEmpty() ? 1 : blocks.get(0).rows();               // every block but the last is full
    }

    /** {@return the inputs of row {@code i}} */
    double[] x(int i) {
        return blocks.get(i / stride).x[i % stride];
    }

    /** {@return the target of row {@code i}} */
    double[] y(int i) {
        return blocks.get(i / stride).y[i % stride];
    }

    /**
     * {@return this partition's order in {@code epoch}, from {@link BatchPlan#order}; cached}
     *
     * @param dataKey identifies the cached data set (its RDD id)
     */
    int[] order(String dataKey, long seed, int epoch, int partition) {
        String key = dataKey + '/' + seed + '/' + epoch + '/' + partition + '/' + rows;
        synchronized (ORDERS) {
            int[] o = ORDERS.get(key);
            if (o != null) {
                return o;
            }
        }
        int[] o = BatchPlan.order(seed, epoch, partition, rows);
        synchronized (ORDERS) {
            ORDERS.put(key, o);
            if (ORDERS.size() > CACHED_ORDERS) {
                Iterator<String> eldest = ORDERS.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        return o;
    }
}
