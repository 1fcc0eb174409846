package io.github.mlp4j.spark;

import io.github.mlp4j.Network;
import io.github.mlp4j.Workspace;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.TrainingConfig;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The core's training loop, written with the core's public API only, on the batches of
 * {@link BatchPlan}: each step's batch is the union of the partitions' shares, in partition order;
 * the gradient is one {@code computeGradient} over it; then clipping, L2 and the optimizer as in
 * the core's trainer. The reference that the Spark results are compared with.
 */
final class CoreLoop {
    private CoreLoop() {
    }

    static void train(Network net, List<List<Row>> partitions, int classes, TrainingConfig config) {
        int parts = partitions.size();
        double[][][] xs = new double[parts][][];
        double[][][] ys = new double[parts][][];
        long total = 0;
        for (int p = 0; p < parts; p++) {
            List<Row> rows = partitions.get(p);
            xs[p] = new double[rows.size()][];
            ys[p] = new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                xs[p][i] = ((Vector) rows.get(i).get(0)).toArray();
                ys[p][i] = new double[classes];
                ys[p][i][(int) rows.get(i).getDouble(1)] = 1.0;
            }
            total += rows.size();
        }
        int steps = BatchPlan.stepsPerEpoch(total, config.batchSize());
        Workspace w = net.workspace((int) total);
        Optimizer.State state = config.optimizer().start(net.parameterCount());
        double[][] bx = new double[(int) total][];
        double[][] by = new double[(int) total][];
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            double rate = config.schedule().rate(epoch);
            int[][] orders = new int[parts][];
            for (int p = 0; p < parts; p++) {
                orders[p] = BatchPlan.order(config.seedFor(net), epoch, p, xs[p].length);
            }
            for (int s = 0; s < steps; s++) {
                int n = 0;
                for (int p = 0; p < parts; p++) {
                    for (int i = BatchPlan.shareStart(xs[p].length, steps, s);
                            i < BatchPlan.shareStart(xs[p].length, steps, s + 1); i++) {
                        bx[n] = xs[p][orders[p][i]];
                        by[n] = ys[p][orders[p][i]];
                        n++;
                    }
                }
                net.computeGradient(bx, by, n, w);
                double[] g = w.gradient();
                if (config.maxGradientNorm() < Double.POSITIVE_INFINITY) {
                    Gradients.clipByNorm(g, config.maxGradientNorm());
                }
                net.update(state, g, rate, config.weightDecay(), 1.0);     // θ ← update(θ, g + λθ, ε)
            }
        }
    }
}
