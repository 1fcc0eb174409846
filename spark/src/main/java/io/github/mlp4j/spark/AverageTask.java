package io.github.mlp4j.spark;

import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One {@code average} round on one partition: starting from the broadcast parameters and
 * optimizer state, it takes local steps {@code firstStep … lastStep−1} of the epoch on its own
 * shares of those batches, and sends back its parameters and optimizer buffers, to be averaged by
 * rows.
 */
final class AverageTask implements Function2<Integer, Iterator<DataBlock>, Iterator<Partial>> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> network;
    /** θ followed by the optimizer's buffers. */
    private final Broadcast<double[]> state;
    private final OptimizerRecipe optimizer;
    private final long optimizerSteps;
    private final int bufferCount;
    private final String dataKey;
    private final long seed;
    private final int epoch;
    private final int firstStep;
    private final int lastStep;
    private final int steps;
    private final int blockRows;
    private final double rate;
    private final double maxGradientNorm;
    private final double weightDecay;

    AverageTask(Broadcast<byte[]> network, Broadcast<double[]> state, OptimizerRecipe optimizer, long optimizerSteps,
            int bufferCount, String dataKey, long seed, int epoch, int firstStep, int lastStep, int steps,
            int blockRows, double rate, double maxGradientNorm, double weightDecay) {
        this.network = network;
        this.state = state;
        this.optimizer = optimizer;
        this.optimizerSteps = optimizerSteps;
        this.bufferCount = bufferCount;
        this.dataKey = dataKey;
        this.seed = seed;
        this.epoch = epoch;
        this.firstStep = firstStep;
        this.lastStep = lastStep;
        this.steps = steps;
        this.blockRows = blockRows;
        this.rate = rate;
        this.maxGradientNorm = maxGradientNorm;
        this.weightDecay = weightDecay;
    }

    @Override
    public Iterator<Partial> call(Integer partition, Iterator<DataBlock> it) {
        PartitionRows rows = new PartitionRows(it);
        if (BatchPlan.shareStart(rows.rows, steps, firstStep) == BatchPlan.shareStart(rows.rows, steps, lastStep)) {
            return List.of(Partial.empty()).iterator();
        }
        int[] order = rows.order(dataKey, seed, epoch, partition);
        NetworkPool.Lease lease = NetworkPool.borrow(network.id(), network.value());
        try {
            Network net = lease.network;
            int p = net.parameterCount();
            double[] all = state.value();
            double[] theta = new double[p];
            System.arraycopy(all, 0, theta, 0, p);
            net.setParameters(theta);
            Optimizer opt = optimizer.get();
            double[][] buffers = new double[bufferCount][p];
            for (int b = 0; b < bufferCount; b++) {
                System.arraycopy(all, p * (b + 1), buffers[b], 0, p);
            }
            Optimizer.State local = new LocalUpdate(
                    opt.restore(new Optimizer.Snapshot(opt.name(), p, optimizerSteps, buffers)), weightDecay);
            long used = 0;
            double costSum = 0.0;
            for (int s = firstStep; s < lastStep; s++) {
                int from = BatchPlan.shareStart(rows.rows, steps, s);
                int to = BatchPlan.shareStart(rows.rows, steps, s + 1);
                if (from == to) {
                    continue;
                }
                Partial g = SyncTask.gradient(lease, rows, order, from, to, blockRows);
                double[] grad = g.vector;
                if (!g.mean) {
                    double inv = 1.0 / g.rows;
                    for (int i = 0; i < grad.length; i++) {
                        grad[i] *= inv;
                    }
                }
                SparkTrainer.requireFinite(g.costSum, grad, epoch, s + 1);
                if (maxGradientNorm < Double.POSITIVE_INFINITY) {
                    Gradients.clipByNorm(grad, maxGradientNorm);
                }
                net.update(local, grad, rate);
                used += g.rows;
                costSum += g.costSum;
            }
            double[] out = new double[p * (bufferCount + 1)];
            System.arraycopy(net.parameters(), 0, out, 0, p);
            double[][] after = local.snapshot().buffers();
            for (int b = 0; b < bufferCount; b++) {
                System.arraycopy(after[b], 0, out, p * (b + 1), p);
            }
            return List.of(new Partial(used, costSum, out, false, Double.NaN)).iterator();
        } finally {
            NetworkPool.giveBack(lease);
        }
    }
}
