package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.internal.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Training beside concurrent predictions, and interrupts. */
class NetworkConcurrencyTest {

    private static Network build() {
        return Network.builder().input(32).dense(128, Activation.relu()).dense(64, Activation.relu())
                .dense(4, Activation.softmax()).loss(Loss.crossEntropy()).seed(4).threads(2).build();
    }

    /**
     * Every prediction made while another thread trains must equal the prediction of one
     * parameter version it could have seen: one published between the last step finished before
     * it started and the first step finished after it ended.
     */
    @Test
    void eachPredictionDuringTrainingMatchesAParameterVersionItCouldHaveSeen() throws Exception {
        Rng rng = new Rng(12);
        double[][] x = TestData.uniform(rng, 64, 32, -1, 1);
        double[][] y = TestData.oneHot(rng, 64, 4);
        double[] row = x[0];
        Network net = build();
        List<double[]> versions = new ArrayList<>();
        versions.add(net.parameters());
        AtomicLong finished = new AtomicLong();                              // steps whose parameters are published
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<Seen> seenList = new CopyOnWriteArrayList<>();
        Thread[] readers = new Thread[3];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long from = finished.get();
                        double[] out = net.predict(row);
                        long to = finished.get() + 1;                        // a step may be publishing now
                        seenList.add(new Seen(from, to, out));
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            readers[r].start();
        }
        for (int s = 0; s < 150; s++) {
            net.step(x, y, 0.5);
            versions.add(net.parameters());
            finished.incrementAndGet();
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(error.get()).isNull();
        Network replay = build();
        double[][] expected = new double[versions.size()][];
        for (int v = 0; v < versions.size(); v++) {
            replay.setParameters(versions.get(v));
            expected[v] = replay.predict(row);
        }
        int torn = 0;
        for (Seen prediction : seenList) {
            boolean seen = false;
            for (long v = prediction.from; v <= Math.min(prediction.to, versions.size() - 1) && !seen; v++) {
                seen = Arrays.equals(prediction.output, expected[(int) v]);
            }
            torn += seen ? 0 : 1;
        }
        assertThat(seenList).hasSizeGreaterThan(10);
        assertThat(torn).as("predictions that match no parameter version they could have seen").isZero();
    }

    /** A prediction's output and the range of parameter versions it could have seen. */
    private record Seen(long from, long to, double[] output) {
    }

    @Test
    void trainingKeepsSteppingWhileThreeThreadsPredictWithTheSameNetwork() throws Exception {
        Rng rng = new Rng(13);
        double[][] x = TestData.uniform(rng, 32, 32, -1, 1);
        double[][] y = TestData.oneHot(rng, 32, 4);
        double[][] batch = TestData.uniform(rng, 256, 32, -1, 1);
        Network net = build();
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
        Thread.sleep(100);
        long longest = 0;
        for (int s = 0; s < 200; s++) {                                      // starved, this would take minutes
            long start = System.nanoTime();
            net.step(x, y, 0.1);
            longest = Math.max(longest, System.nanoTime() - start);
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(longest).as("the longest step, in ns").isLessThan(10_000_000_000L);
    }

    @Test
    void anInterruptStopsFitBeforeTheNextBatchAndKeepsTheFlag() throws Exception {
        Rng rng = new Rng(14);
        double[][] x = TestData.uniform(rng, 64, 32, -1, 1);
        double[][] y = TestData.oneHot(rng, 64, 4);
        Network net = build();
        double[] before = net.parameters();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> net.fit(x, y, 5, 16, 0.1)).isInstanceOf(TrainingInterruptedException.class)
                    .hasMessageContaining("in epoch 1 after 0 batches");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(net.parameters()).containsExactly(before);

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread trainer = new Thread(() -> {
            try {
                net.fit(x, y, 1_000_000, 16, 0.01);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        trainer.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (Arrays.equals(net.parameters(), before) && System.nanoTime() < deadline) {
            Thread.sleep(10);                                                // until a step has finished
        }
        trainer.interrupt();
        trainer.join(10_000);
        assertThat(trainer.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(TrainingInterruptedException.class);
        double[] stopped = net.parameters();
        assertThat(stopped).isNotEqualTo(before);
        for (double v : stopped) {
            assertThat(v).isFinite();
        }
    }
}
