package io.github.mlp4j.bench;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.Workspace;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Optimizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the performance issue's workloads and prints one JSON line per workload and thread count.
 *
 * <pre>
 *   M        784-128-64-10, ReLU, softmax + cross-entropy, SGD lr 0.05, batch 32, 10 epochs on 8,000 rows
 *   M-large  the same with batch 256
 *   C        2-12-6-1, ReLU/ReLU/sigmoid + binary cross-entropy, batch 32, on 1,280 two-circles rows
 *   P        one row through the trained M network: median and 99th-percentile latency; and batch
 *            prediction throughput on the 2,000 test rows
 * </pre>
 *
 * Samples per second come from the median epoch time over epochs 2..E (as the peers report);
 * {@code epoch_jit_ms} gives the JIT compiler's time that ended during each epoch
 * ({@code CompilationMXBean}): in a fresh JVM it takes a share of a core through the first
 * epochs, which a one-thread run leaves to it and a two-thread run shares with its worker;
 * GFLOP/s count {@code 2·in·out} per layer per row forward and twice that backward;
 * {@code alloc_bytes_per_step} is the calling thread's allocation
 * ({@code ThreadMXBean.getThreadAllocatedBytes}) over 1,000 steps of {@code computeGradient} +
 * {@code update}, divided by 1,000 (the least of three such windows, after 500 steps of warm-up).
 *
 * <p>{@code M-pair} (not run by default) trains as many independent one-thread M networks at once
 * as the thread count, each in its own thread, and reports their summed samples per second: the
 * machine's own ceiling for M on that many cores, measured in the same run.
 *
 * <p>Usage: {@code Workloads [--data DIR] [--workloads M,M-large,C,P,M-pair] [--threads 1,2] [--epochs 10]
 * [--seed 42]}. With {@code --data}, reads {@code mnist_{train,test}.csv} and
 * {@code circles_{train,test}.csv} (label first, no header) as made by
 * {@code ../shared/bench/peers/make_mnist.py}; without it, generates random data of the same shape.
 */
public final class Workloads {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Workloads() {
    }

    /**
     * Runs the workloads.
     *
     * @param args see the class comment
     * @throws IOException if a data file cannot be read
     */
    public static void main(String[] args) throws IOException {
        String data = null;
        List<String> workloads = List.of("M", "M-large", "C", "P");
        int[] threads = {1, Runtime.getRuntime().availableProcessors()};
        int epochs = 10;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--workloads" -> workloads = List.of(args[++i].split(","));
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --data DIR --workloads M,M-large,C,P --threads 1,2 --epochs 10 --seed 42");
            }
        }
        double[][][] mnist = data != null ? readCsv(Path.of(data), "mnist", 10) : randomMnist(seed);
        double[][][] circles = data != null ? readCsv(Path.of(data), "circles", 1) : randomCircles(seed);
        for (int t : threads) {
            Network trained = null;
            for (String workload : workloads) {
                switch (workload) {
                    case "M" -> trained = train("M", mnist, 32, epochs, t, seed);
                    case "M-large" -> train("M-large", mnist, 256, epochs, t, seed);
                    case "C" -> train("C", circles, 32, Math.max(epochs, 1500), t, seed);
                    case "P" -> predictLatency(trained != null ? trained : train(null, mnist, 32, 1, t, seed), mnist, t);
                    case "M-pair" -> pair(mnist, epochs, t, seed);
                    default -> throw new IllegalArgumentException("unknown workload " + workload);
                }
            }
        }
    }

    private static Network build(String workload, int threads, long seed) {
        if (workload.equals("C")) {
            return Network.builder().input(2).dense(12, Activation.relu()).dense(6, Activation.relu())
                    .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(seed).threads(threads).build();
        }
        return Network.builder().input(784).dense(128, Activation.relu()).dense(64, Activation.relu())
                .dense(10, Activation.softmax()).loss(Loss.crossEntropy()).seed(seed).threads(threads).build();
    }

    /** Trains, prints the JSON line (unless workload is null) and returns the trained network. */
    private static Network train(String workload, double[][][] d, int batch, int epochs, int threads, long seed) {
        String kind = workload == null ? "M" : workload;
        Network net = build(kind, threads, seed);
        double[][] x = d[0];
        double[][] y = d[1];
        double[] epochSeconds = new double[epochs];
        long[] epochCompileMillis = new long[epochs];
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        double lr = 0.05;
        for (int e = 0; e < epochs; e++) {
            long c0 = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            net.fit(x, y, 1, batch, lr);
            epochSeconds[e] = (System.nanoTime() - t0) / 1e9;
            epochCompileMillis[e] = jit.getTotalCompilationTime() - c0;
        }
        if (workload == null) {
            return net;
        }
        double median = median(Arrays.copyOfRange(epochSeconds, epochs > 1 ? 1 : 0, epochs));
        double samplesPerSecond = x.length / median;
        double flopPerSample = 3.0 * 2.0 * multiplyAdds(net);
        double accuracy = accuracy(net, d[2], d[3]);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("library", "mlp4j");
        r.put("workload", workload);
        r.put("threads", threads);
        r.put("batch", batch);
        r.put("epochs", epochs);
        r.put("train_n", x.length);
        r.put("median_epoch_s", median);
        r.put("samples_per_s", samplesPerSecond);
        r.put("gflops", flopPerSample * samplesPerSecond / 1e9);
        r.put("test_acc", accuracy);
        r.put("alloc_bytes_per_step", allocationPerStep(net, x, y, batch));
        r.put("epoch_s", epochSeconds);
        r.put("epoch_jit_ms", epochCompileMillis);
        r.put("load_avg", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        BenchSupport.print(r);
        return net;
    }

    /**
     * Trains {@code copies} independent one-thread M networks at once, one per thread, and prints
     * their summed samples per second: what this machine's cores give to work that shares nothing,
     * the ceiling against which M with several threads compares.
     */
    private static void pair(double[][][] d, int epochs, int copies, long seed) {
        double[] sps = new double[copies];
        Thread[] workers = new Thread[copies];
        for (int c = 0; c < copies; c++) {
            int copy = c;
            workers[c] = new Thread(() -> {
                Network net = build("M", 1, seed + copy);
                double[] seconds = new double[epochs];
                for (int e = 0; e < epochs; e++) {
                    long t0 = System.nanoTime();
                    net.fit(d[0], d[1], 1, 32, 0.05);
                    seconds[e] = (System.nanoTime() - t0) / 1e9;
                }
                sps[copy] = d[0].length / median(Arrays.copyOfRange(seconds, epochs > 1 ? 1 : 0, epochs));
            });
            workers[c].start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("library", "mlp4j");
        r.put("workload", "M-pair");
        r.put("threads", copies);
        r.put("copies_samples_per_s", sps);
        r.put("samples_per_s", Arrays.stream(sps).sum());
        r.put("load_avg", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        BenchSupport.print(r);
    }

    /** Bytes allocated by the calling thread per computeGradient + update step, over 1,000 steps. */
    private static double allocationPerStep(Network net, double[][] x, double[][] y, int batch) {
        Workspace w = net.workspace(batch);
        Optimizer.State sgd = Optimizer.sgd().start(net.parameterCount());
        double[] saved = net.parameters();
        double[][] bx = Arrays.copyOf(x, batch);
        double[][] by = Arrays.copyOf(y, batch);
        for (int s = 0; s < 500; s++) {                                      // warm up
            net.computeGradient(bx, by, batch, w);
            net.update(sgd, w.gradient(), 1e-6);
        }
        // The JIT may still swap compiled code for a while, and such a switch can allocate a few bytes
        // once (seen: 112-152 B); the steady state is the best of three windows of 1,000 steps.
        int steps = 1000;
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 3; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int s = 0; s < steps; s++) {
                net.computeGradient(bx, by, batch, w);
                net.update(sgd, w.gradient(), 1e-6);
            }
            best = Math.min(best, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        net.setParameters(saved);
        return (double) best / steps;
    }

    private static void predictLatency(Network net, double[][][] d, int threads) {
        double[][] x = d[2];
        double[] out = new double[net.outputSize()];
        int n = 20_000;
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {                                        // warm up
            net.predict(x[i % x.length], out);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            net.predict(x[i % x.length], out);
            ns[i] = System.nanoTime() - t0;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        Arrays.sort(ns);
        for (int r = 0; r < 20; r++) {                                       // warm up the batch path too
            net.predict(x);
        }
        double[] batchSeconds = new double[15];
        for (int r = 0; r < batchSeconds.length; r++) {
            long t0 = System.nanoTime();
            net.predict(x);
            batchSeconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("library", "mlp4j");
        r.put("workload", "P");
        r.put("threads", threads);
        r.put("single_row_median_us", ns[n / 2] / 1e3);
        r.put("single_row_p99_us", ns[(int) (n * 0.99)] / 1e3);
        r.put("alloc_bytes_per_prediction", (double) allocated / n);
        r.put("batch_rows", x.length);
        r.put("batch_rows_per_s", x.length / median(batchSeconds.clone()));
        r.put("load_avg", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        BenchSupport.print(r);
    }

    private static long multiplyAdds(Network net) {
        long m = 0;
        for (var layer : net.layers()) {
            m += (long) layer.inputSize() * layer.outputSize();
        }
        return m;
    }

    private static double accuracy(Network net, double[][] x, double[][] y) {
        int[] predicted = net.predictClass(x);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            int label = y[i].length == 1 ? (int) y[i][0] : argMax(y[i]);
            if (predicted[i] == label) {
                correct++;
            }
        }
        return (double) correct / x.length;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Reads PREFIX_train.csv and PREFIX_test.csv: returns {xTrain, yTrain, xTest, yTest}. */
    private static double[][][] readCsv(Path dir, String prefix, int classes) throws IOException {
        double[][][] train = readCsv(dir.resolve(prefix + "_train.csv"), classes);
        double[][][] test = readCsv(dir.resolve(prefix + "_test.csv"), classes);
        return new double[][][] {train[0], train[1], test[0], test[1]};
    }

    private static double[][][] readCsv(Path file, int classes) throws IOException {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split(",");
                int label = Integer.parseInt(f[0]);
                double[] x = new double[f.length - 1];
                for (int j = 1; j < f.length; j++) {
                    x[j - 1] = Double.parseDouble(f[j]);
                }
                double[] y = new double[classes];
                if (classes == 1) {
                    y[0] = label;
                } else {
                    y[label] = 1.0;
                }
                xs.add(x);
                ys.add(y);
            }
        }
        return new double[][][] {xs.toArray(new double[0][]), ys.toArray(new double[0][])};
    }

    /** Random MNIST-shaped data: 8,000 + 2,000 rows of 784 values in [0, 1), 10 classes. */
    private static double[][][] randomMnist(long seed) {
        Rng rng = new Rng(seed);
        double[][][] train = BenchSupport.mnistLike(8000, rng);
        double[][][] test = BenchSupport.mnistLike(2000, rng);                // the same generator, carried on
        return new double[][][] {train[0], train[1], test[0], test[1]};
    }

    /** Two concentric circles, 1,280 + 320 rows, label 1 for the inner one. */
    private static double[][][] randomCircles(long seed) {
        Rng rng = new Rng(seed);
        double[][][] d = new double[4][][];
        for (int part = 0; part < 2; part++) {
            int n = part == 0 ? 1280 : 320;
            double[][] x = new double[n][2];
            double[][] y = new double[n][1];
            for (int i = 0; i < n; i++) {
                int label = i % 2;
                double radius = (label == 1 ? 0.3 : 1.0) + 0.04 * rng.nextGaussian();
                double angle = 2 * Math.PI * rng.nextDouble();
                x[i][0] = radius * Math.cos(angle);
                x[i][1] = radius * Math.sin(angle);
                y[i][0] = label;
            }
            d[2 * part] = x;
            d[2 * part + 1] = y;
        }
        return d;
    }
}
