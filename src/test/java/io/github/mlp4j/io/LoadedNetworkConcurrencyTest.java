package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Threads that predict from one loaded network at once get exactly the single-threaded results. */
class LoadedNetworkConcurrencyTest {

    @Test
    void eightThreadsPredictingFromOneLoadedNetworkGetTheSingleThreadedBits() throws Exception {
        Network original = Network.builder().input(8).dense(64, Activation.relu()).dense(32, Activation.tanh())
                .dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(5).build();
        Model model = ModelReader.fromBytes(ModelWriter.toBytes(Model.of(original)
                .withScaling(Scaling.standard(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new double[] {1, 2, 1, 2, 1, 2, 1, 2}))));
        double[][] x = ModelSamples.inputs(new Rng(6), 600, 8);              // more rows than one prediction chunk
        double[][] expected = model.predict(x);
        double[][] single = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            single[i] = model.predict(x[i]);
        }
        ModelSamples.assertSameBits(single, expected);

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int mismatches = 0;
                    Rng rng = new Rng(100 + id);
                    for (int round = 0; round < 40; round++) {
                        int from = rng.nextInt(x.length);
                        int to = from + 1 + rng.nextInt(x.length - from);
                        double[][] part = java.util.Arrays.copyOfRange(x, from, to);
                        double[][] got = id % 2 == 0 ? model.predict(part) : model.network().predict(scale(model, part));
                        for (int i = 0; i < got.length; i++) {
                            if (!java.util.Arrays.equals(got[i], expected[from + i])) {
                                mismatches++;
                            }
                        }
                        int row = rng.nextInt(x.length);
                        if (!java.util.Arrays.equals(model.predict(x[row]), expected[row])) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[][] scale(Model model, double[][] x) {
        return model.scaling().orElseThrow().apply(x);
    }
}
