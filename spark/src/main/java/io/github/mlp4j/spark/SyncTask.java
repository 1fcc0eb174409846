package io.github.mlp4j.spark;

import io.github.mlp4j.Network;
import io.github.mlp4j.Workspace;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One {@code sync} step on one partition: the gradient of the partition's share of the global
 * batch at the broadcast parameters, computed in blocks of at most {@code blockRows} rows.
 */
final class SyncTask implements Function2<Integer, Iterator<DataBlock>, Iterator<Partial>> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> network;
    private final Broadcast<double[]> theta;
    private final String dataKey;
    private final long seed;
    private final int epoch;
    private final int step;
    private final int steps;
    private final int blockRows;

    SyncTask(Broadcast<byte[]> network, Broadcast<double[]> theta, String dataKey, long seed, int epoch, int step,
            int steps, int blockRows) {
        this.network = network;
        this.theta = theta;
        this.dataKey = dataKey;
        this.seed = seed;
        this.epoch = epoch;
        this.step = step;
        this.steps = steps;
        this.blockRows = blockRows;
    }

    @Override
    public Iterator<Partial> call(Integer partition, Iterator<DataBlock> it) {
        PartitionRows rows = new PartitionRows(it);
        int from = BatchPlan.shareStart(rows.rows, steps, step);
        int to = BatchPlan.shareStart(rows.rows, steps, step + 1);
        if (from == to) {
            return List.of(Partial.empty()).iterator();
        }
        int[] order = rows.order(dataKey, seed, epoch, partition);
        NetworkPool.Lease lease = NetworkPool.borrow(network.id(), network.value());
        try {
            lease.network.setParameters(theta.value());
            return List.of(gradient(lease, rows, order, from, to, blockRows)).iterator();
        } finally {
            NetworkPool.giveBack(lease);
        }
    }

    /**
     * The gradient of positions {@code from … to−1} of {@code order}: the core's mean when they fit
     * in one block, else the sum over rows of the blocks' means times their rows.
     */
    static Partial gradient(NetworkPool.Lease lease, PartitionRows rows, int[] order, int from, int to,
            int blockRows) {
        Network net = lease.network;
        Workspace w = lease.workspace(Math.min(blockRows, to - from));
        double[][] x = lease.x();
        double[][] y = lease.y();
        int n = to - from;
        if (n <= blockRows) {
            fill(rows, order, from, to, x, y);
            double cost = net.computeGradient(x, y, n, w);
            return new Partial(n, cost * n, w.gradient().clone(), true, cost);
        }
        double[] sum = new double[net.parameterCount()];
        double costSum = 0.0;
        for (int start = from; start < to; start += blockRows) {
            int end = Math.min(to, start + blockRows);
            int m = end - start;
            fill(rows, order, start, end, x, y);
            costSum += m * net.computeGradient(x, y, m, w);
            double[] g = w.gradient();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += m * g[i];                                         // Σ over rows of ∂C/∂θ
            }
        }
        return new Partial(n, costSum, sum, false, Double.NaN);
    }

    private static void fill(PartitionRows rows, int[] order, int from, int to, double[][] x, double[][] y) {
        for (int i = from; i < to; i++) {
            x[i - from] = rows.x(order[i]);                                  // row references, no copies
            y[i - from] = rows.y(order[i]);
        }
    }
}
