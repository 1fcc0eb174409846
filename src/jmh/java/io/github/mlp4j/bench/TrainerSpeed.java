package io.github.mlp4j.bench;

import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.History;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import io.github.mlp4j.train.TrainingListener;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 15's {@code Trainer} against {@code Network.fit}: workload M (784-128-64-10, batch 32)
 * on one thread, {@code Network.fit} with SGD (lr 0.05) against {@code Trainer} with Adam and the
 * other optimizers, clipping and L2. Samples per second are the median over the epochs after the
 * first; {@code alloc_bytes_per_step} is the training thread's allocation from the end of the
 * first epoch to the end of the last, divided by the steps between (the history's row and the
 * listeners' calls at the end of each epoch included; the checks after the last epoch not). One
 * epoch of each kind runs first as a warm-up, so that the order of the measurements does not
 * favour the later ones.
 *
 * <p>Usage: {@code TrainerSpeed [--epochs 5] [--rows 8000] [--configs adam,sgd,momentum,rmsprop,adamw,adam-clip-l2]};
 * one JSON line per configuration, each with its ratio to the mean of the {@code fit} runs just
 * before and just after it (the machine's speed drifts over a run of several minutes).
 */
public final class TrainerSpeed {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private TrainerSpeed() {
    }

    /**
     * Runs the comparison.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        int epochs = Integer.parseInt(BenchSupport.option(args, "--epochs", "5"));
        int rows = Integer.parseInt(BenchSupport.option(args, "--rows", "8000"));
        List<String> configs = List.of(BenchSupport.option(args, "--configs",
                "adam,sgd,momentum,rmsprop,adamw,adam-clip-l2").split(","));
        double[][][] data = BenchSupport.mnistLike(rows, 42);
        int steps = (rows + 31) / 32;

        BenchSupport.m(1, 7).fit(data[0], data[1], 1, 32, 0.05);                   // warm-up
        new Trainer(config("adam", 1)).fit(BenchSupport.m(1, 7), data[0], data[1]);

        long[] allocated = new long[1];
        double[] fitSps = fitEpochs(data, epochs, allocated);
        int measured = Math.max(1, epochs - 1);
        double fit = medianAfterFirst(fitSps);
        Map<String, Object> f = BenchSupport.result("trainer-speed");
        f.put("workload", "M");
        f.put("how", "Network.fit sgd");
        f.put("samples_per_s", fit);
        f.put("alloc_bytes_per_step", (double) allocated[0] / ((long) steps * measured));
        f.put("epoch_samples_per_s", fitSps);
        BenchSupport.print(f);

        for (String name : configs) {
            TrainingConfig config = config(name, epochs);
            Network net = BenchSupport.m(1, 42);
            long[] marks = {THREADS.getCurrentThreadAllocatedBytes(), 0};   // after epoch 1, after the last
            TrainingListener mark = new TrainingListener() {
                @Override
                public void onEpochEnd(History.Epoch row) {
                    long now = THREADS.getCurrentThreadAllocatedBytes();
                    if (row.epoch() == 1 && epochs > 1) {
                        marks[0] = now;
                    }
                    marks[1] = now;
                }
            };
            History history = new Trainer(config).withListener(mark).fit(net, data[0], data[1]);
            long bytes = marks[1] - marks[0];
            double[] sps = new double[history.size()];
            double previous = 0;
            for (int e = 0; e < sps.length; e++) {
                double seconds = history.epochs().get(e).seconds();                  // cumulative
                sps[e] = rows / (seconds - previous);
                previous = seconds;
            }
            double median = medianAfterFirst(sps);
            double fitAfter = medianAfterFirst(fitEpochs(data, epochs, new long[1]));   // fit again: the machine drifts
            double fitAround = (fit + fitAfter) / 2;
            Map<String, Object> r = BenchSupport.result("trainer-speed");
            r.put("workload", "M");
            r.put("how", "Trainer " + name);
            r.put("samples_per_s", median);
            r.put("fit_before_and_after", new double[] {fit, fitAfter});
            r.put("over_fit", median / fitAround);
            r.put("target", 0.9);
            r.put("alloc_bytes_per_step", (double) bytes / ((long) steps * measured));
            r.put("epoch_samples_per_s", sps);
            r.put("load_avg", BenchSupport.loadAverage());
            BenchSupport.print(r);
            fit = fitAfter;
        }
    }

    /**
     * Trains a fresh M network with {@code Network.fit} (SGD, lr 0.05) for {@code epochs} epochs
     * and returns each epoch's samples per second; adds the bytes allocated after the first epoch
     * to {@code allocated[0]}.
     */
    private static double[] fitEpochs(double[][][] data, int epochs, long[] allocated) {
        Network fitted = BenchSupport.m(1, 42);
        double[] sps = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            fitted.fit(data[0], data[1], 1, 32, 0.05);
            sps[e] = data[0].length / ((System.nanoTime() - t0) / 1e9);
            allocated[0] += e > 0 || epochs == 1 ? THREADS.getCurrentThreadAllocatedBytes() - before : 0;
        }
        return sps;
    }

    private static double medianAfterFirst(double[] values) {
        return BenchSupport.median(Arrays.copyOfRange(values, values.length > 1 ? 1 : 0, values.length));
    }

    private static final Map<String, Optimizer> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("adam", Optimizer.adam());
        OPTIMIZERS.put("sgd", Optimizer.sgd());
        OPTIMIZERS.put("momentum", Optimizer.momentum(0.9));
        OPTIMIZERS.put("rmsprop", Optimizer.rmsProp());
        OPTIMIZERS.put("adamw", Optimizer.adamW(1e-4));
    }

    private static TrainingConfig config(String name, int epochs) {
        TrainingConfig.Builder b = TrainingConfig.builder().epochs(epochs).batchSize(32).seed(42).validationFraction(0);
        if (name.equals("adam-clip-l2")) {
            return b.optimizer(Optimizer.adam()).learningRate(0.001).maxGradientNorm(5.0).weightDecay(1e-4).build();
        }
        Optimizer optimizer = OPTIMIZERS.get(name);
        if (optimizer == null) {
            throw new IllegalArgumentException("unknown configuration " + name + "; use one of " + OPTIMIZERS.keySet()
                    + " or adam-clip-l2");
        }
        double rate = name.equals("sgd") || name.equals("momentum") ? 0.05 : 0.001;
        return b.optimizer(optimizer).learningRate(rate).build();
    }
}
