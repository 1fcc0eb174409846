package io.github.mlp4j.bench;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 15's leak loop: builds or loads many networks of varied shapes, predicts with each from
 * a pool of threads (single rows and batches), drops it, and reports the heap retained. Run it
 * under a small heap ({@code -Xmx64m}): a library that keeps every network dies with an
 * OutOfMemoryError, which this program reports as a result line. The heap is measured while the
 * calling threads are still alive, as a server's request threads would be.
 *
 * <p>Usage: {@code LeakLoop [--networks 10000] [--threads 32] [--seed 1]}; one JSON line every
 * tenth of the networks ({@code "benchmark": "leak-progress"}) and one at the end
 * ({@code "benchmark": "leak"}).
 */
public final class LeakLoop {
    private LeakLoop() {
    }

    /**
     * Runs the loop.
     *
     * @param args see the class comment
     * @throws Exception if a prediction thread fails otherwise than by running out of memory
     */
    public static void main(String[] args) throws Exception {
        int networks = Integer.parseInt(BenchSupport.option(args, "--networks", "10000"));
        int threads = Integer.parseInt(BenchSupport.option(args, "--threads", "32"));
        SplittableRandom rng = new SplittableRandom(Long.parseLong(BenchSupport.option(args, "--seed", "1")));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "caller");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long baseline = BenchSupport.retainedHeap();
        int done = 0;
        String failure = null;
        try {
            for (int i = 0; i < networks; i++) {
                Network net = shaped(rng, i);
                double[][] rows = new double[1 + rng.nextInt(300)][net.inputSize()];
                for (double[] row : rows) {
                    for (int k = 0; k < row.length; k++) {
                        row[k] = rng.nextDouble() - 0.5;
                    }
                }
                List<Future<?>> calls = new ArrayList<>(threads);
                for (int t = 0; t < threads; t++) {
                    int caller = t;
                    calls.add(pool.submit(() -> {
                        if (caller % 2 == 0) {
                            net.predict(rows[caller % rows.length]);                   // one row
                        } else {
                            net.predict(rows);                                         // a batch
                        }
                    }));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
                done = i + 1;
                if (done % Math.max(1, networks / 10) == 0) {
                    Map<String, Object> r = BenchSupport.result("leak-progress");
                    r.put("networks", done);
                    r.put("retained_mb", BenchSupport.mb(BenchSupport.retainedHeap() - baseline));
                    BenchSupport.print(r);
                }
            }
        } catch (OutOfMemoryError e) {
            failure = "OutOfMemoryError after " + done + " networks";
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof OutOfMemoryError)) {
                throw e;
            }
            failure = "OutOfMemoryError in a prediction thread after " + done + " networks";
        }
        long retained = BenchSupport.retainedHeap() - baseline;                 // the callers still alive
        pool.shutdownNow();
        Map<String, Object> r = BenchSupport.result("leak");
        r.put("networks_asked", networks);
        r.put("networks_done", done);
        r.put("caller_threads", threads);
        r.put("max_heap_mb", BenchSupport.mb(Runtime.getRuntime().maxMemory()));
        r.put("retained_mb", BenchSupport.mb(retained));
        r.put("seconds", (System.nanoTime() - start) / 1e9);
        r.put("status", failure == null ? "ok" : failure);
        BenchSupport.print(r);
    }

    /** Network {@code i}: a random shape; every other one saved and loaded back, as a service reloading its model. */
    private static Network shaped(SplittableRandom rng, int i) {
        int inputs = 8 + rng.nextInt(120);
        NetworkBuilder b = Network.builder().input(inputs);
        int hidden = 1 + rng.nextInt(2);
        for (int l = 0; l < hidden; l++) {
            b.dense(16 + rng.nextInt(240), l % 2 == 0 ? Activation.relu() : Activation.tanh());
        }
        Network net = b.dense(2 + rng.nextInt(9), Activation.softmax()).loss(Loss.crossEntropy()).seed(i).build();
        if (i % 2 == 0) {
            return net;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            net.save(bytes);
            return Network.load(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
