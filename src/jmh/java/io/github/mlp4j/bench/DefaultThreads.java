package io.github.mlp4j.bench;

import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Workers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 15's thread-count figures on workload M (784-128-64-10, SGD lr 0.05, batch 32): the
 * default thread count against one thread, on a quiet machine ({@code quiet}) and next to one
 * busy application thread ({@code busy}). On a quiet machine it also measures the machine's own
 * ceiling in the same rounds: two independent one-thread trainings at once, summed
 * ({@code pair_over_one}; the cores are real when that reaches 1.8× one).
 *
 * <p>The networks train an epoch in turn, so that a change in the machine's load hits them all.
 * Each mode first runs {@code --warmup} epochs of every network, then {@code --epochs} measured
 * ones; samples per second are the median over the measured epochs. The figures of a
 * long-running process are the measured ones ({@code default_over_one}): in a fresh JVM the JIT
 * compiler works through the first seconds, on one of this machine's two vCPUs, so the warm-up
 * epochs show what a program's first seconds get, reported on their own
 * ({@code warmup_default_over_one}, the median over the warm-up epochs after the first). With
 * {@code --warmup 0}, the median is over the measured epochs after the first.
 *
 * <p>Usage: {@code DefaultThreads [--modes quiet,busy] [--warmup 8] [--epochs 8] [--rows 8000]
 * [--seed 42]}; one JSON line per mode.
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
        List<String> modes = List.of(BenchSupport.option(args, "--modes", "quiet,busy").split(","));
        int warmup = Integer.parseInt(BenchSupport.option(args, "--warmup", "8"));
        int epochs = Integer.parseInt(BenchSupport.option(args, "--epochs", "8"));
        int rows = Integer.parseInt(BenchSupport.option(args, "--rows", "8000"));
        long seed = Long.parseLong(BenchSupport.option(args, "--seed", "42"));
        double[][][] data = BenchSupport.mnistLike(rows, seed);
        for (String mode : modes) {
            switch (mode) {
                case "quiet" -> compare("quiet", data, warmup, epochs, seed, false);
                case "busy" -> compare("busy", data, warmup, epochs, seed, true);
                default -> throw new IllegalArgumentException("unknown mode " + mode + "; use quiet or busy");
            }
        }
    }

    /**
     * Trains a one-thread and a default network an epoch each in turn, with or without a busy
     * thread beside; on a quiet machine each round also trains two more one-thread networks at
     * once, an epoch each in its own thread: the machine's ceiling, measured in the same minutes
     * as the figure it qualifies.
     */
    private static void compare(String mode, double[][][] data, int warmup, int epochs, long seed, boolean busy)
            throws InterruptedException {
        Busy neighbour = busy ? Busy.start() : null;
        try {
            Network one = BenchSupport.m(1, seed);
            Network chosen = BenchSupport.m(0, seed);
            Network[] pair = busy ? null : new Network[] {BenchSupport.m(1, seed + 1), BenchSupport.m(1, seed + 2)};
            int total = warmup + epochs;
            double[] oneSps = new double[total];
            double[] defaultSps = new double[total];
            double[] pairSps = new double[total];
            for (int e = 0; e < total; e++) {
                oneSps[e] = epoch(one, data);
                defaultSps[e] = epoch(chosen, data);
                if (pair != null) {
                    pairSps[e] = pairEpoch(pair, data);
                }
            }
            double a = measured(oneSps, warmup);
            double b = measured(defaultSps, warmup);
            Map<String, Object> r = BenchSupport.result("default-threads");
            r.put("mode", mode);
            r.put("workload", "M");
            r.put("processors", Runtime.getRuntime().availableProcessors());
            r.put("default_threads", chosen.threads());
            r.put("warmup_epochs", warmup);
            r.put("one_thread_samples_per_s", a);
            r.put("default_samples_per_s", b);
            r.put("default_over_one", b / a);
            r.put("target", busy ? 0.9 : 0.95);
            if (pair != null) {
                double both = measured(pairSps, warmup) / a;
                r.put("pair_over_one", both);
                r.put("cores_real", both >= 1.8);
                r.put("target_where_cores_real", 1.3);
            }
            if (warmup > 1) {
                double warmOne = duringWarmUp(oneSps, warmup);
                r.put("warmup_default_over_one", duringWarmUp(defaultSps, warmup) / warmOne);
                if (pair != null) {
                    r.put("warmup_pair_over_one", duringWarmUp(pairSps, warmup) / warmOne);
                }
            }
            if (chosen.threads() >= 2) {
                Workers pool = Workers.shared(chosen.threads());
                r.put("pool_parallelism", pool.parallelism());
                r.put("pool_reason", pool.reason());
            }
            r.put("epoch_samples_per_s_one", oneSps);
            r.put("epoch_samples_per_s_default", defaultSps);
            if (pair != null) {
                r.put("epoch_samples_per_s_pair", pairSps);
            }
            r.put("load_avg", BenchSupport.loadAverage());
            BenchSupport.print(r);
        } finally {
            if (neighbour != null) {
                neighbour.stop();
            }
        }
    }

    /** Trains an epoch of each of {@code nets} at once, each in a thread of its own, and returns their summed samples per second. */
    private static double pairEpoch(Network[] nets, double[][][] data) throws InterruptedException {
        double[] sps = new double[nets.length];
        Thread[] trainers = new Thread[nets.length];
        for (int c = 0; c < nets.length; c++) {
            int copy = c;
            trainers[c] = new Thread(() -> sps[copy] = epoch(nets[copy], data));
            trainers[c].start();
        }
        double sum = 0;
        for (int c = 0; c < nets.length; c++) {
            trainers[c].join();
            sum += sps[c];
        }
        return sum;
    }

    /**
     * Returns the median samples per second over the measured epochs, those after the
     * {@code warmup} first; with no warm-up, over the epochs after the first.
     */
    private static double measured(double[] sps, int warmup) {
        int from = warmup > 0 || sps.length == 1 ? warmup : 1;
        return BenchSupport.median(Arrays.copyOfRange(sps, from, sps.length));
    }

    /** Returns the median samples per second over warm-up epochs 2..{@code warmup}: a fresh JVM's first seconds. */
    private static double duringWarmUp(double[] sps, int warmup) {
        return BenchSupport.median(Arrays.copyOfRange(sps, 1, warmup));
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
