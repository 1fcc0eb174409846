package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.testing.Forked;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Memory of embedded use: networks that nobody references are collected whatever threads used
 * them, and what a network keeps for prediction does not grow with the number of calling threads.
 * Each check runs in a forked JVM with a small heap, where a leak ends in OutOfMemoryError.
 */
class NetworkMemoryTest {

    @Test
    void tenThousandNetworksPredictedFromThirtyTwoThreadsFitInSixtyFourMegabytes() throws Exception {
        String out = run(LeakLoop.class, "-Xmx64m");
        assertThat(out).contains("networks 10000");
        long retained = Long.parseLong(out.replaceAll("(?s).*retainedBytes (\\d+).*", "$1"));
        assertThat(retained).isLessThan(8L << 20);
    }

    @Test
    void twoHundredPredictingThreadsRetainLittleMoreThanTheParameters() throws Exception {
        String out = run(ManyThreads.class, "-Xmx256m");
        long retained = Long.parseLong(out.replaceAll("(?s).*retainedBytes (\\d+).*", "$1"));
        long parameters = Long.parseLong(out.replaceAll("(?s).*parameterBytes (\\d+).*", "$1"));
        assertThat(retained).isLessThan(2 * parameters + (16L << 20));
    }

    @Test
    void wideAndDeepModelsPredictUnderASixtyFourMegabyteHeap() throws Exception {
        String out = run(SmallHeap.class, "-Xmx64m");
        assertThat(out).contains("wide ok", "deep ok");
    }

    private static String run(Class<?> main, String heap) throws IOException, InterruptedException {
        Process p = Forked.start(main, List.of(heap));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Returns the heap in use after a few collections. */
    static long retainedBytes() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        }
        return used;
    }

    /** Builds or loads 10,000 networks of varied shapes and predicts with each from a pool of 32 threads. */
    static final class LeakLoop {
        public static void main(String[] args) throws Exception {
            RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
            ExecutorService pool = Executors.newFixedThreadPool(32);
            long before = retainedBytes();
            int count = 0;
            for (int n = 0; n < 10_000; n++) {
                int in = 1 + random.nextInt(64);
                Network net = Network.builder().input(in).dense(1 + random.nextInt(256), Activation.relu())
                        .dense(2 + random.nextInt(10), Activation.softmax()).loss(Loss.crossEntropy())
                        .seed(n).build();
                if (n % 2 == 1) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    net.save(bytes);
                    net = Network.load(new ByteArrayInputStream(bytes.toByteArray()));
                }
                Network used = net;
                double[][] batch = new double[1 + random.nextInt(300)][in];
                Future<?> one = pool.submit(() -> used.predict(new double[in]));
                Future<?> many = pool.submit(() -> used.predict(batch));
                one.get();
                many.get();
                count++;
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            System.out.println("networks " + count);
            System.out.println("retainedBytes " + Math.max(0, retainedBytes() - before));
        }
    }

    /**
     * Saves and loads a 1→20000→1 model and a model of 10,000 layers of width 1, then predicts one
     * row and a batch with each: prediction buffers are as wide as the layers and bounded in rows,
     * not 256 rows deep.
     */
    static final class SmallHeap {
        public static void main(String[] args) throws Exception {
            NetworkBuilder wide = Network.builder().input(1).dense(20_000, Activation.relu())
                    .dense(1, Activation.identity()).loss(Loss.mse());
            NetworkBuilder deep = Network.builder().input(1);
            for (int l = 0; l < 10_000; l++) {
                deep.dense(1, Activation.tanh());
            }
            deep.loss(Loss.mse());
            String[] names = {"wide", "deep"};
            NetworkBuilder[] builders = {wide, deep};
            for (int m = 0; m < 2; m++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                builders[m].build().save(bytes);
                Network loaded = Network.load(new ByteArrayInputStream(bytes.toByteArray()));
                double[] one = loaded.predict(new double[] {0.5});
                double[][] batch = loaded.predict(new double[300][1]);
                if (one.length == 1 && batch.length == 300) {
                    System.out.println(names[m] + " ok");
                }
            }
        }
    }

    /** Lets 200 threads each predict one row and a 64-row batch with one 784-128-64-10 model. */
    static final class ManyThreads {
        public static void main(String[] args) throws Exception {
            long before = retainedBytes();
            Network net = Network.builder().input(784).dense(128, Activation.relu()).dense(64, Activation.relu())
                    .dense(10, Activation.softmax()).loss(Loss.crossEntropy()).build();
            double[] row = new double[784];
            double[][] batch = new double[64][784];
            Thread[] threads = new Thread[200];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    net.predict(row);
                    net.predict(batch);
                    try {
                        Thread.sleep(2_000);                                 // every thread alive at the end
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                threads[t].start();
            }
            Thread.sleep(1_000);
            long retained = retainedBytes() - before;
            for (Thread t : threads) {
                t.join();
            }
            System.out.println("parameterBytes " + 8L * net.parameterCount());
            System.out.println("retainedBytes " + Math.max(0, retained));
        }
    }
}
