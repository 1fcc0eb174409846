package io.github.mlp4j.bench;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How training shares a network with threads that predict with it (issue 15): the steps per second
 * of {@code step} on 32 rows of a 32-128-64-4 network, on one thread, alone and while three other
 * threads keep predicting 256 rows with the same network, and the longest single step.
 *
 * <p>Usage: {@code Fairness [--seconds 3]}; prints one JSON line per case.
 */
public final class Fairness {
    private Fairness() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code --seconds S}, the length of each case
     * @throws InterruptedException if interrupted while joining the predicting threads
     */
    public static void main(String[] args) throws InterruptedException {
        double seconds = Double.parseDouble(BenchSupport.option(args, "--seconds", "3"));
        Network net = Network.builder().input(32).dense(128, Activation.relu()).dense(64, Activation.relu())
                .dense(4, Activation.softmax()).loss(Loss.crossEntropy()).threads(1).seed(1).build();
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = new double[32][32];
        double[][] y = new double[32][4];
        for (int i = 0; i < 32; i++) {
            for (int j = 0; j < 32; j++) {
                x[i][j] = random.nextDouble(-1, 1);
            }
            y[i][random.nextInt(4)] = 1;
        }
        double[][] batch = new double[256][32];
        for (double[] row : batch) {
            for (int j = 0; j < 32; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        run(net, x, y, seconds);                                             // warm-up
        double[] alone = run(net, x, y, seconds);
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] readers = new Thread[3];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                while (!stop.get()) {
                    net.predict(batch);
                }
            });
            readers[r].start();
        }
        double[] shared = run(net, x, y, seconds);
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        print("alone", alone, alone[0]);
        print("three predicting threads", shared, alone[0]);
    }

    /** Steps for {@code seconds}; returns steps per second and the longest step in seconds. */
    private static double[] run(Network net, double[][] x, double[][] y, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long steps = 0;
        long longest = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            net.step(x, y, 0.01);
            longest = Math.max(longest, System.nanoTime() - t);
            steps++;
        }
        return new double[] {steps / ((System.nanoTime() - start) / 1e9), longest / 1e9};
    }

    private static void print(String mode, double[] result, double aloneStepsPerSecond) {
        Map<String, Object> r = BenchSupport.result("fairness");
        r.put("mode", mode);
        r.put("steps_per_s", result[0]);
        r.put("share_of_alone", result[0] / aloneStepsPerSecond);
        r.put("longest_step_s", result[1]);
        r.put("target", "share >= 0.10, longest step <= 0.5 s");
        r.put("load_avg", BenchSupport.loadAverage());
        BenchSupport.print(r);
    }
}
