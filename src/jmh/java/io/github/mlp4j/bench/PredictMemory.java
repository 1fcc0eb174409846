package io.github.mlp4j.bench;

import io.github.mlp4j.Network;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Issue 15's memory per predicting thread: {@code --threads} threads (200) each predict one row
 * and then a 64-row batch with one 784-128-64-10 network and stay alive, as a server's request
 * threads do; the program reports the heap retained meanwhile against the target of twice the
 * parameters plus 16 MB.
 *
 * <p>Usage: {@code PredictMemory [--threads 200] [--batch 64]}; prints one JSON line.
 */
public final class PredictMemory {
    private PredictMemory() {
    }

    /**
     * Runs the measurement.
     *
     * @param args see the class comment
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(BenchSupport.option(args, "--threads", "200"));
        int batch = Integer.parseInt(BenchSupport.option(args, "--batch", "64"));
        double[][][] data = BenchSupport.mnistLike(batch, 3);
        long before = BenchSupport.retainedHeap();
        Network net = BenchSupport.m(0, 42);
        net.predict(data[0][0]);
        long withNetwork = BenchSupport.retainedHeap();
        CountDownLatch predicted = new CountDownLatch(threads);
        CountDownLatch finish = new CountDownLatch(1);
        Thread[] callers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            callers[t] = new Thread(() -> {
                net.predict(data[0][0]);                                              // one row
                net.predict(data[0]);                                                 // a batch
                predicted.countDown();
                try {
                    finish.await();                                                   // alive, as a pooled request thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caller-" + t);
            callers[t].setDaemon(true);
            callers[t].start();
        }
        predicted.await();
        long during = BenchSupport.retainedHeap();
        finish.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        long parameterBytes = 8L * net.parameterCount();
        long limit = 2 * parameterBytes + (16L << 20);
        Map<String, Object> r = BenchSupport.result("predict-memory");
        r.put("threads", threads);
        r.put("batch", batch);
        r.put("parameters_mb", BenchSupport.mb(parameterBytes));
        r.put("network_mb", BenchSupport.mb(withNetwork - before));
        r.put("retained_mb", BenchSupport.mb(during - before));
        r.put("per_thread_kb", (during - withNetwork) / 1024.0 / threads);
        r.put("limit_mb", BenchSupport.mb(limit));
        r.put("within_limit", during - before <= limit);
        BenchSupport.print(r);
    }
}
