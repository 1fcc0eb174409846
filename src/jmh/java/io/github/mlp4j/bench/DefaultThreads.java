package io.github.mlp4j.bench;

import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Workers;
import java.util.List;
import java.util.Map;

/**
 * Issue 15's thread-count figures on workload M (784-128-64-10, SGD lr 0.05, batch 32): the
 * default thread count against one thread, on a quiet machine ({@code quiet}) and next to one
 * busy application thread ({@code busy}), and the machine's own ceiling ({@code pair}): two
 * independent one-thread trainings at once, summed (cores are real when that reaches 1.8× one).
 *
 * <p>The two networks train an epoch in turn, so that a change in the machine's load hits both;
 * samples per second are the median over the epochs after the first.
 *
 * <p>Usage: {@code DefaultThreads [--modes quiet,busy,pair] [--epochs 8] [--rows 8000] [--seed 42]};
 * one JSON line per mode.
 */
public final class DefaultThreads {
    private DefaultThreads() {
    }

    /**
     * Runs the modes.
     *
     * @param args see the class comment
     * @throws InterruptedException if interrupted while waiting for a thread
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> modes = List.of(BenchSupport.option(args, "--modes", "quiet,busy,pair").split(","));
        int epochs = Integer.parseInt(BenchSupport.option(args, "--epochs", "8"));
        int rows = Integer.parseInt(BenchSupport.option(args, "--rows", "8000"));
        long seed = Long.parseLong(BenchSupport.option(args, "--seed", "42"));
        double[][][] data = BenchSupport.mnistLike(rows, seed);
        for (String mode : modes) {
            switch (mode) {
                case "quiet" -> compare("quiet", data, epochs, seed, false);
                case "busy" -> compare("busy", data, epochs, seed, true);
                case "pair" -> pair(data, epochs, seed);
                default -> throw new IllegalArgumentException("unknown mode " + mode + "; use quiet, busy or pair");
            }
        }
    }

    /** Trains a one-thread and a default network an epoch each in turn, with or without a busy thread beside. */
    private static void compare(String mode, double[][][] data, int epochs, long seed, boolean busy)
            throws InterruptedException {
        Busy neighbour = busy ? Busy.start() : null;
        try {
            Network one = BenchSupport.m(1, seed);
            Network chosen = BenchSupport.m(0, seed);
            double[] oneSps = new double[epochs];
            double[] defaultSps = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                oneSps[e] = epoch(one, data);
                defaultSps[e] = epoch(chosen, data);
            }
            double a = BenchSupport.median(java.util.Arrays.copyOfRange(oneSps, epochs > 1 ? 1 : 0, epochs));
            double b = BenchSupport.median(java.util.Arrays.copyOfRange(defaultSps, epochs > 1 ? 1 : 0, epochs));
            Map<String, Object> r = BenchSupport.result("default-threads");
            r.put("mode", mode);
            r.put("workload", "M");
            r.put("processors", Runtime.getRuntime().availableProcessors());
            r.put("default_threads", chosen.threads());
            r.put("one_thread_samples_per_s", a);
            r.put("default_samples_per_s", b);
            r.put("default_over_one", b / a);
            r.put("target", busy ? 0.9 : 0.95);
            if (chosen.threads() >= 2) {
                Workers pool = Workers.shared(chosen.threads());
                r.put("pool_parallelism", pool.parallelism());
                r.put("pool_reason", pool.reason());
            }
            r.put("epoch_samples_per_s_one", oneSps);
            r.put("epoch_samples_per_s_default", defaultSps);
            r.put("load_avg", BenchSupport.loadAverage());
            BenchSupport.print(r);
        } finally {
            if (neighbour != null) {
                neighbour.stop();
            }
        }
    }

    /** Two one-thread trainings at once, each in its own thread, against one alone. */
    private static void pair(double[][][] data, int epochs, long seed) throws InterruptedException {
        double[] alone = new double[epochs];
        Network single = BenchSupport.m(1, seed);
        for (int e = 0; e < epochs; e++) {
            alone[e] = epoch(single, data);
        }
        double[][] sps = new double[2][epochs];
        Thread[] trainers = new Thread[2];
        for (int c = 0; c < 2; c++) {
            int copy = c;
            trainers[c] = new Thread(() -> {
                Network net = BenchSupport.m(1, seed + copy);
                for (int e = 0; e < epochs; e++) {
                    sps[copy][e] = epoch(net, data);
                }
            });
            trainers[c].start();
        }
        for (Thread t : trainers) {
            t.join();
        }
        int from = epochs > 1 ? 1 : 0;
        double one = BenchSupport.median(java.util.Arrays.copyOfRange(alone, from, epochs));
        double both = BenchSupport.median(java.util.Arrays.copyOfRange(sps[0], from, epochs))
                + BenchSupport.median(java.util.Arrays.copyOfRange(sps[1], from, epochs));
        Map<String, Object> r = BenchSupport.result("default-threads");
        r.put("mode", "pair");
        r.put("workload", "M");
        r.put("one_samples_per_s", one);
        r.put("pair_samples_per_s", both);
        r.put("pair_over_one", both / one);
        r.put("cores_real", both / one >= 1.8);
        r.put("load_avg", BenchSupport.loadAverage());
        BenchSupport.print(r);
    }

    /** Trains one epoch of batch 32 and returns its samples per second. */
    private static double epoch(Network net, double[][][] data) {
        long t0 = System.nanoTime();
        net.fit(data[0], data[1], 1, 32, 0.05);
        return data[0].length / ((System.nanoTime() - t0) / 1e9);
    }

    /** An application thread that keeps one core busy until stopped. */
    private static final class Busy implements Runnable {
        private volatile boolean running = true;
        private volatile double sink;
        private Thread thread;

        static Busy start() {
            Busy b = new Busy();
            b.thread = new Thread(b, "busy-application-thread");
            b.thread.setDaemon(true);
            b.thread.start();
            return b;
        }

        @Override
        public void run() {
            double x = 1.0;
            while (running) {
                for (int i = 0; i < 1_000_000; i++) {
                    x = x * 1.000000001 + 1e-12;
                }
                sink = x;
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
