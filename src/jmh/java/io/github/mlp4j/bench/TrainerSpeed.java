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
 * on one thread (or {@code --threads}), {@code Network.fit} with SGD (lr 0.05) against {@code Trainer} with Adam and the
 * other optimizers, clipping and L2.
 *
 * <p>The two alternate epoch by epoch: after each epoch of {@code Trainer} (a listener's call),
 * one epoch of {@code Network.fit} trains a second network, so both see the same machine, whose
 * speed drifts within seconds on a shared host. Samples per second are each one's median over
 * its epochs after the first, and {@code over_fit} is their ratio. {@code alloc_bytes_per_step}
 * is the training thread's allocation from the end of {@code Trainer}'s first epoch to the end of
 * its last, less what the {@code fit} epochs between allocated, divided by the steps between (the
 * history's row and the listeners' calls at the end of each epoch included; the checks after the
 * last epoch not). One epoch of each kind runs first as a warm-up.
 *
 * <p>Usage: {@code TrainerSpeed [--epochs 5] [--rows 8000] [--threads 1]
 * [--configs adam,sgd,momentum,rmsprop,adamw,adam-clip-l2]}; one JSON line for {@code fit} alone,
 * then one per configuration. {@code --threads} sets both networks' thread count (0: the default).
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
        int threads = Integer.parseInt(BenchSupport.option(args, "--threads", "1"));
        List<String> configs = List.of(BenchSupport.option(args, "--configs",
                "adam,sgd,momentum,rmsprop,adamw,adam-clip-l2").split(","));
        double[][][] data = BenchSupport.mnistLike(rows, 42);
        int steps = (rows + 31) / 32;

        BenchSupport.m(threads, 7).fit(data[0], data[1], 1, 32, 0.05);             // warm-up
        new Trainer(config("adam", 1)).fit(BenchSupport.m(threads, 7), data[0], data[1]);

        long[] allocated = new long[1];
        double[] fitAlone = fitEpochs(data, epochs, threads, allocated);
        int measured = Math.max(1, epochs - 1);
        double fit = medianAfterFirst(fitAlone);
        Map<String, Object> f = BenchSupport.result("trainer-speed");
        f.put("workload", "M");
        f.put("threads", threads);
        f.put("how", "Network.fit sgd");
        f.put("samples_per_s", fit);
        f.put("alloc_bytes_per_step", (double) allocated[0] / ((long) steps * measured));
        f.put("epoch_samples_per_s", fitAlone);
        BenchSupport.print(f);

        for (String name : configs) {
            Network net = BenchSupport.m(threads, 42);
            Network fitted = BenchSupport.m(threads, 42);
            double[] sps = new double[epochs];
            double[] fitSps = new double[epochs];
            long[] started = {System.nanoTime()};                              // the current Trainer epoch's start
            long[] marks = {THREADS.getCurrentThreadAllocatedBytes(), 0};   // after epoch 1, after the last
            long[] fitBytes = {0};                                              // the fit epochs' between the marks
            TrainingListener alternate = new TrainingListener() {
                @Override
                public void onEpochEnd(History.Epoch row) {
                    long end = System.nanoTime();
                    int e = row.epoch() - 1;
                    sps[e] = rows / ((end - started[0]) / 1e9);
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    if (row.epoch() == 1 && epochs > 1) {
                        marks[0] = before;
                    }
                    marks[1] = before;
                    long t0 = System.nanoTime();
                    fitted.fit(data[0], data[1], 1, 32, 0.05);                  // one epoch of fit in between
                    fitSps[e] = rows / ((System.nanoTime() - t0) / 1e9);
                    if (row.epoch() < epochs) {
                        fitBytes[0] += THREADS.getCurrentThreadAllocatedBytes() - before;
                    }
                    started[0] = System.nanoTime();
                }
            };
            new Trainer(config(name, epochs)).withListener(alternate).fit(net, data[0], data[1]);
            long bytes = marks[1] - marks[0] - fitBytes[0];
            double median = medianAfterFirst(sps);
            double fitMedian = medianAfterFirst(fitSps);
            Map<String, Object> r = BenchSupport.result("trainer-speed");
            r.put("workload", "M");
            r.put("threads", threads);
            r.put("how", "Trainer " + name);
            r.put("samples_per_s", median);
            r.put("fit_samples_per_s", fitMedian);
            r.put("over_fit", median / fitMedian);
            r.put("target", 0.9);
            r.put("alloc_bytes_per_step", (double) bytes / ((long) steps * measured));
            r.put("epoch_samples_per_s", sps);
            r.put("fit_epoch_samples_per_s", fitSps);
            r.put("load_avg", BenchSupport.loadAverage());
            BenchSupport.print(r);
        }
    }

    /**
     * Trains a fresh M network with {@code Network.fit} (SGD, lr 0.05) for {@code epochs} epochs
     * and returns each epoch's samples per second; adds the bytes allocated after the first epoch
     * to {@code allocated[0]}.
     */
    private static double[] fitEpochs(double[][][] data, int epochs, int threads, long[] allocated) {
        Network fitted = BenchSupport.m(threads, 42);
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
