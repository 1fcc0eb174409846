package io.github.mlp4j.bench;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What the benchmarks share: workload M's network and data, retained-heap measurement and one
 * JSON line per result (NaN and infinity print as {@code null}). Uses only the library's public API, so that it survives changes
 * inside the library.
 */
final class BenchSupport {
    private BenchSupport() {
    }

    /** Workload M's network: 784-128-64-10, ReLU, softmax + cross-entropy; {@code threads} 0 keeps the default. */
    static Network m(int threads, long seed) {
        NetworkBuilder b = Network.builder().input(784).dense(128, Activation.relu()).dense(64, Activation.relu())
                .dense(10, Activation.softmax()).loss(Loss.crossEntropy()).seed(seed);
        return threads > 0 ? b.threads(threads).build() : b.build();
    }

    /** Random MNIST-shaped rows: {@code n} rows of 784 values in [0, 1) and one-hot targets of 10 classes. */
    static double[][][] mnistLike(int n, long seed) {
        return mnistLike(n, new SplittableRandom(seed));
    }

    /** As {@link #mnistLike(int, long)}, drawing from {@code rng}: row by row, 784 values then the class. */
    static double[][][] mnistLike(int n, RandomGenerator rng) {
        double[][] x = new double[n][784];
        double[][] y = new double[n][10];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 784; k++) {
                x[i][k] = rng.nextDouble();
            }
            y[i][rng.nextInt(10)] = 1.0;
        }
        return new double[][][] {x, y};
    }

    /**
     * Returns the heap in use after full collections, in bytes: the least of several readings,
     * each after {@link System#gc()} and a pause for reference processing.
     */
    static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Returns a new ordered map for a result line. */
    static Map<String, Object> result(String benchmark) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", benchmark);
        return r;
    }

    /** Prints {@code r} as one JSON line. */
    static void print(Map<String, Object> r) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof String text) {
                s.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (v instanceof double[] a) {
                s.append('[');
                for (int i = 0; i < a.length; i++) {
                    s.append(i > 0 ? ", " : "").append(number(a[i]));
                }
                s.append(']');
            } else if (v instanceof long[] a) {
                s.append(java.util.Arrays.toString(a));
            } else if (v instanceof Double d) {
                s.append(number(d));
            } else {
                s.append(v);
            }
        }
        System.out.println(s.append('}'));
    }

    private static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.4f", d);
    }

    /** Returns the value after {@code name} in {@code args}, or {@code fallback}. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
