package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.internal.Workers;
import io.github.mlp4j.optim.Optimizer;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Threads, determinism across thread counts, allocation and concurrent prediction of {@link Network}. */
class NetworkThreadingTest {

    /** 50-40-30-5: 3,350 multiply-adds per row, so 128 rows (428,800) pass the parallel threshold. */
    private static Network build(int threads) {
        return Network.builder().input(50).dense(40, Activation.relu()).dense(30, Activation.tanh())
                .dense(5, Activation.softmax()).loss(Loss.crossEntropy()).seed(11).threads(threads).build();
    }

    @Test
    void trainingGivesBitIdenticalResultsForEveryThreadCount() {
        Rng rng = new Rng(3);
        double[][] x = TestData.uniform(rng, 300, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 300, 5);
        assertThat(128L * (50 * 40 + 40 * 30 + 30 * 5)).isGreaterThanOrEqualTo(Network.PARALLEL_THRESHOLD);

        long splitBefore = Workers.shared(4).splitRuns();
        Network one = build(1);
        double[] costsOne = one.fit(x, y, 3, 128, 0.1);
        double[] gradientOne = one.gradient(x, y);
        double[][] predictionsOne = one.predict(x);
        for (int threads : new int[] {2, 3, 4}) {
            Network many = build(threads);
            assertThat(many.fit(x, y, 3, 128, 0.1)).containsExactly(costsOne);          // exact bits
            assertThat(many.parameters()).containsExactly(one.parameters());
            assertThat(many.gradient(x, y)).containsExactly(gradientOne);
            assertThat(many.predict(x)).isDeepEqualTo(predictionsOne);
        }
        assertThat(Workers.shared(4).splitRuns()).as("runs this test split on the 4-thread pool")
                .isGreaterThan(splitBefore);
    }

    /**
     * The built-in losses compute the output δ of each thread's rows on that thread, within the
     * task that ran the rows forward; a user's loss computes it for the whole batch on the caller.
     * Both ways must give one thread's bits on every thread count, with every run split.
     */
    @Test
    void everyBuiltInLossAndAUserLossTrainBitIdenticallyOnEveryThreadCount() throws Exception {
        Loss halfSquares = new Loss() {                                      // C = (1 / 2n) Σ (ŷ − y)²
            @Override
            public String name() {
                return "halfSquares";
            }

            @Override
            public double cost(double[][] z, double[][] yHat, double[][] y, int rows, int width) {
                double sum = 0.0;
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < width; j++) {
                        sum += (yHat[i][j] - y[i][j]) * (yHat[i][j] - y[i][j]);
                    }
                }
                return sum / (2.0 * rows);
            }

            @Override
            public void gradient(double[][] yHat, double[][] y, int rows, int width, double[][] gradient) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < width; j++) {
                        gradient[i][j] = (yHat[i][j] - y[i][j]) / rows;
                    }
                }
            }
        };
        Object[][] cases = {
            {Loss.crossEntropy(), Activation.softmax()},
            {Loss.binaryCrossEntropy(), Activation.sigmoid()},
            {Loss.mse(), Activation.tanh()},
            {halfSquares, Activation.sigmoid()},
        };
        Rng rng = new Rng(17);
        double[][] x = TestData.uniform(rng, 256, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 256, 5);
        java.lang.reflect.Field adaptive = Workers.class.getDeclaredField("adaptive");
        adaptive.setAccessible(true);
        boolean before = adaptive.getBoolean(null);
        adaptive.setBoolean(null, false);                                    // split every run as asked
        try {
            for (Object[] c : cases) {
                Loss loss = (Loss) c[0];
                Activation head = (Activation) c[1];
                java.util.function.IntFunction<Network> build = threads -> Network.builder().input(50)
                        .dense(40, Activation.relu()).dense(30, Activation.tanh()).dense(5, head).loss(loss)
                        .seed(5).threads(threads).build();
                Network one = build.apply(1);
                double[] costsOne = one.fit(x, y, 2, 128, 0.1);
                double[] gradientOne = one.gradient(x, y);
                for (int threads : new int[] {2, 3}) {
                    long splitBefore = Workers.shared(threads).splitRuns();
                    Network many = build.apply(threads);
                    assertThat(many.fit(x, y, 2, 128, 0.1)).as("%s, %d threads", loss.name(), threads)
                            .containsExactly(costsOne);
                    assertThat(many.parameters()).as("%s, %d threads", loss.name(), threads)
                            .containsExactly(one.parameters());
                    assertThat(many.gradient(x, y)).containsExactly(gradientOne);
                    assertThat(Workers.shared(threads).splitRuns()).as("split runs").isGreaterThan(splitBefore);
                }
            }
        } finally {
            adaptive.setBoolean(null, before);
        }
    }

    /**
     * An optimizer's update from the workspace, and the quick test of its norm, run by rows of
     * {@code W} on the threads: a chunked first layer (40,000 weights), a layer of the user's own
     * and small dense layers must all get one thread's bits, with every run split.
     */
    @Test
    void anOptimizerUpdateFromTheWorkspaceGivesOneThreadsBitsOnEveryThreadCount() throws Exception {
        Rng rng = new Rng(23);
        double[][] x = TestData.uniform(rng, 128, 200, -1, 1);
        double[][] y = TestData.oneHot(rng, 128, 5);
        java.util.function.IntFunction<Network> build = threads -> Network.builder().input(200)
                .dense(200, Activation.relu()).layer(new UserLayersTest.Scale(200, 1.0)).dense(30, Activation.tanh())
                .dense(5, Activation.softmax()).loss(Loss.crossEntropy()).seed(8).threads(threads).build();
        java.lang.reflect.Field adaptive = Workers.class.getDeclaredField("adaptive");
        adaptive.setAccessible(true);
        boolean before = adaptive.getBoolean(null);
        adaptive.setBoolean(null, false);                                    // split every run as asked
        try {
            double[] expected = null;
            for (int threads : new int[] {1, 2, 3}) {
                long splitBefore = Workers.shared(Math.max(2, threads)).splitRuns();
                Network net = build.apply(threads);
                Workspace w = net.workspace(128);
                Optimizer.State adam = Optimizer.adamW(1e-3).start(net.parameterCount());
                for (int step = 0; step < 6; step++) {
                    net.computeGradient(x, y, 128, w);
                    double norm = w.gradientNorm();
                    assertThat(w.gradientNormBelow(norm * 1.00001)).isTrue();    // the quick test, split too
                    assertThat(w.gradientNormBelow(norm)).isFalse();
                    double scale = w.gradientNormBelow(0.5) ? 1.0 : Math.min(1.0, 0.5 / norm);   // as Trainer clips
                    assertThat(net.update(adam, w, 1e-3, 1e-4, scale)).isTrue();
                }
                if (expected == null) {
                    expected = net.parameters();
                } else {
                    assertThat(net.parameters()).as("%d threads", threads).containsExactly(expected);
                    assertThat(Workers.shared(threads).splitRuns()).as("split runs").isGreaterThan(splitBefore);
                }
            }
        } finally {
            adaptive.setBoolean(null, before);
        }
    }

    @Test
    void aLargeBatchPredictedOnSeveralThreadsGetsTheBitsOfOneThread() {
        // 1,001 rows: each of up to 4 threads takes more than one 256-row chunk, and the shares are uneven
        Rng rng = new Rng(21);
        double[][] x = TestData.uniform(rng, 1_001, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 1_001, 5);
        Network one = build(1);
        one.fit(x, y, 1, 64, 0.1);
        double[][] expected = one.predict(x);
        for (int i = 0; i < x.length; i += 97) {
            assertThat(one.predict(x[i])).containsExactly(expected[i]);      // alone or in a batch: same bits
        }
        for (int threads = 2; threads <= 4; threads++) {
            Network many = build(threads);
            many.setParameters(one.parameters());
            assertThat(many.predict(x)).as("%d threads", threads).isDeepEqualTo(expected);
            assertThat(many.predictClass(x)).containsExactly(one.predictClass(x));
            assertThat(many.predict(new double[][] {x[5], x[6]})).isDeepEqualTo(new double[][] {expected[5], expected[6]});
        }
    }

    @Test
    void aLayerSummedInInputChunksIsCorrectAndBitIdenticalForEveryThreadCount() {
        // 100 × 400 = 40,000 weights: the first layer computes a·W as partial sums over input chunks
        Rng rng = new Rng(8);
        double[][] x = TestData.uniform(rng, 192, 100, -1, 1);
        double[][] y = TestData.oneHot(rng, 192, 3);
        java.util.function.IntFunction<Network> build = threads -> Network.builder().input(100)
                .dense(400, Activation.relu()).dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(4)
                .threads(threads).build();
        Network one = build.apply(1);
        double[] theta = one.parameters();
        double[][] p = one.predict(x);
        for (int i = 0; i < x.length; i += 37) {                              // z = x·W + b, the plain way
            double[] z = new double[400];
            for (int j = 0; j < 400; j++) {
                z[j] = theta[100 * 400 + j];
                for (int k = 0; k < 100; k++) {
                    z[j] += x[i][k] * theta[k * 400 + j];
                }
                z[j] = Math.max(0.0, z[j]);
            }
            double[] o = new double[3];
            double sum = 0.0;
            for (int c = 0; c < 3; c++) {
                o[c] = theta[40_400 + 400 * 3 + c];
                for (int j = 0; j < 400; j++) {
                    o[c] += z[j] * theta[40_400 + j * 3 + c];
                }
            }
            double max = Math.max(o[0], Math.max(o[1], o[2]));
            for (int c = 0; c < 3; c++) {
                o[c] = Math.exp(o[c] - max);
                sum += o[c];
            }
            for (int c = 0; c < 3; c++) {
                assertThat(p[i][c]).as("row %d class %d", i, c).isCloseTo(o[c] / sum, org.assertj.core.api.Assertions.within(1e-12));
            }
            assertThat(one.predict(x[i])).containsExactly(p[i]);             // alone or in a batch: same bits
        }
        double[] costsOne = one.fit(x, y, 2, 64, 0.1);
        for (int threads = 2; threads <= 4; threads++) {
            Network many = build.apply(threads);
            assertThat(many.predict(x)).isDeepEqualTo(p);
            assertThat(many.fit(x, y, 2, 64, 0.1)).containsExactly(costsOne);
            assertThat(many.parameters()).containsExactly(one.parameters());
        }
    }

    @Test
    void aTrainingStepIsExactlyTheParametersMinusTheLearningRateTimesTheGradient() {
        // fit and step build W − ε·∂C/∂W row by row without storing the gradient; the result must be
        // the same bits as the gradient that gradient() reports, applied by hand
        Rng rng = new Rng(5);
        double[][] x = TestData.uniform(rng, 128, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 128, 5);
        for (int threads : new int[] {1, 2, 3}) {
            Network net = build(threads);
            double[] before = net.parameters();
            double[] g = net.gradient(x, y);
            double learningRate = 0.3;
            net.step(x, y, learningRate);
            double[] after = net.parameters();
            for (int p = 0; p < before.length; p++) {
                assertThat(after[p]).as("parameter %d, %d threads", p, threads).isEqualTo(before[p] - learningRate * g[p]);
            }
        }
    }

    @Test
    void anOptimizerUpdateAfterFitStartsFromTheFittedParameters() {
        Rng rng = new Rng(6);
        double[][] x = TestData.uniform(rng, 128, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 128, 5);
        Network net = build(2);
        net.fit(x, y, 2, 32, 0.1);                                           // steps on the row arrays
        double[] fitted = net.parameters();
        double[] g = net.gradient(x, y);
        net.update(Optimizer.sgd().start(net.parameterCount()), g, 0.5);    // steps on θ
        double[] after = net.parameters();
        for (int p = 0; p < fitted.length; p++) {
            assertThat(after[p]).as("parameter %d", p).isEqualTo(fitted[p] - 0.5 * g[p]);
        }
        net.fit(x, y, 1, 32, 0.1);                                           // and back to the row arrays
        assertThat(net.parameters()).isNotEqualTo(after);
    }

    @Test
    void aStepWhoseNewParametersOverflowLeavesTheParametersUnchanged() {
        // targets of 1,000 under MSE give weight gradients far above 1, so ε = Double.MAX_VALUE makes
        // W − ε·∂C/∂W infinite although the gradient itself is finite; 128 rows pass the parallel threshold
        Rng rng = new Rng(7);
        double[][] x = TestData.uniform(rng, 128, 50, -1, 1);
        double[][] y = TestData.uniform(rng, 128, 5, 999, 1000);
        for (int threads : new int[] {1, 2}) {
            Network net = Network.builder().input(50).dense(40, Activation.relu()).dense(5, Activation.identity())
                    .loss(Loss.mse()).seed(11).threads(threads).build();
            double[] before = net.parameters();
            double[] g = net.gradient(x, y);
            assertThat(java.util.Arrays.stream(g).allMatch(Double::isFinite)).isTrue();
            assertThat(java.util.Arrays.stream(g).map(Math::abs).max().getAsDouble()).isGreaterThan(2.0);
            assertThatThrownBy(() -> net.step(x, y, Double.MAX_VALUE))
                    .isInstanceOf(DivergenceException.class)
                    .hasMessageContaining("the gradient");
            assertThat(net.parameters()).containsExactly(before);
        }
    }

    @Test
    void aStepThatCannotBeProvenSafeTakesTheCheckedPathWithTheSameResult() {
        // Input 7 is 0 in every row, so its weights never reach a sum or a gradient; one of them is
        // set to 1e302, above the 2^1000 (about 1.07e301) up to which a step may write in place.
        // The step then runs on the checked path (new values beside the old, swapped when finite)
        // and must give exactly θ − ε·∂C/∂θ, as the in-place path does.
        Rng rng = new Rng(9);
        double[][] x = TestData.uniform(rng, 128, 50, -1, 1);
        for (double[] row : x) {
            row[7] = 0.0;
        }
        double[][] y = TestData.uniform(rng, 128, 5, -1, 1);
        for (int threads : new int[] {1, 2}) {
            Network net = Network.builder().input(50).dense(40, Activation.relu()).dense(5, Activation.identity())
                    .loss(Loss.mse()).seed(11).threads(threads).build();
            double[] theta = net.parameters();
            theta[7 * 40 + 3] = 1e302;                                       // W⁰ row 7, column 3
            net.setParameters(theta);
            for (int step = 0; step < 2; step++) {
                double[] before = net.parameters();
                double[] g = net.gradient(x, y);
                assertThat(g[7 * 40 + 3]).isZero();
                net.step(x, y, 0.1);
                double[] after = net.parameters();
                for (int p = 0; p < before.length; p++) {
                    assertThat(after[p]).as("parameter %d, %d threads", p, threads).isEqualTo(before[p] - 0.1 * g[p]);
                }
                assertThat(after[7 * 40 + 3]).isEqualTo(1e302);
            }
        }
    }

    @Test
    void aStepWhoseGradientOverflowsLeavesTheParametersUnchangedEvenWithATinyLearningRate() {
        // Two rows ŷ = 0.5·x with x = 1.5e154 and y = 0 under MSE: the cost, (0.75e154)² ≈ 5.6e307
        // (a sum of 1.1e308 over the two rows, halved), is finite, but ∂C/∂w = Σ_i x·(2ŷ/2) =
        // 2·1.5e154·0.75e154 = 2.25e308 overflows. With ε = 1e-300 the step's size (ε times the
        // bound on the gradient) is small; the overflowing gradient must still be caught.
        double[][] x = new double[2][];
        double[][] y = new double[2][];
        for (int i = 0; i < 2; i++) {
            x[i] = new double[] {1.5e154, 0.0};
            y[i] = new double[] {0.0};
        }
        Network net = Network.builder().input(2).dense(1, Activation.identity()).loss(Loss.mse()).seed(3).build();
        net.setParameters(new double[] {0.5, 0.0, 0.0});                     // W = (0.5, 0), b = 0
        assertThat(net.loss(x, y)).isFinite();
        assertThatThrownBy(() -> net.step(x, y, 1e-300))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("the gradient");
        assertThat(net.parameters()).containsExactly(0.5, 0.0, 0.0);
    }

    @Test
    void fitNamesTheFirstNonFiniteInputFoundByTheParallelScan() {
        // 6,000 × 50 = 300,000 values pass the parallel threshold, so two threads scan x
        Rng rng = new Rng(10);
        double[][] x = TestData.uniform(rng, 6000, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 6000, 5);
        x[5000][3] = Double.POSITIVE_INFINITY;
        x[4321][17] = Double.NaN;
        Network net = build(2);
        double[] before = net.parameters();
        assertThatThrownBy(() -> net.fit(x, y, 1, 32, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[4321][17] is NaN")
                .hasMessageContaining("every value must be finite");
        assertThat(net.parameters()).containsExactly(before);
    }

    @Test
    void stepsAndPredictionsAllocateNothingInSteadyState() {
        Rng rng = new Rng(5);
        double[][] x = TestData.uniform(rng, 128, 50, -1, 1);
        double[][] y = TestData.oneHot(rng, 128, 5);
        for (int threads : new int[] {1, 2}) {
            Network net = build(threads);
            Workspace w = net.workspace(128);
            Optimizer.State sgd = Optimizer.sgd().start(net.parameterCount());
            Optimizer.State adam = Optimizer.adam().start(net.parameterCount());
            Optimizer.State rows = Optimizer.adam().start(net.parameterCount());
            double[] out = new double[5];
            for (int s = 0; s < 8000; s++) {                                 // warm up: class loading, JIT
                net.computeGradient(x, y, 128, w);
                net.update(sgd, w.gradient(), 1e-3);
                net.update(adam, w.gradient(), 1e-4, 1e-4, 0.5);             // clipped, with decay
                trainerUpdate(net, rows, w);
                net.predict(x[s % 128], out);
            }
            long overhead = -allocatedBytes() + allocatedBytes();            // the probe's own boxing
            long before = allocatedBytes();
            for (int s = 0; s < 1000; s++) {
                net.computeGradient(x, y, 128, w);
                net.update(sgd, w.gradient(), 1e-3);
                net.update(adam, w.gradient(), 1e-4, 1e-4, 0.5);
                trainerUpdate(net, rows, w);
                net.predict(x[s % 128], out);
            }
            long allocated = allocatedBytes() - before - overhead;
            assertThat(allocated).as("bytes allocated by 1,000 steps and predictions, %d threads", threads).isZero();
            for (int s = 0; s < 3000; s++) {                                  // the public step: validation included; JIT
                net.step(x, y, 1e-3);
            }
            before = allocatedBytes();
            for (int s = 0; s < 100; s++) {
                net.step(x, y, 1e-3);
            }
            assertThat(allocatedBytes() - before - overhead).as("bytes allocated by 100 step() calls, %d threads", threads)
                    .isZero();
        }
    }

    /**
     * A {@code Trainer} step's update from the workspace's rows: the quick test for clipping and
     * the exact norm (both, so that both are counted), then Adam with decay.
     */
    private static void trainerUpdate(Network net, Optimizer.State optimizer, Workspace w) {
        boolean below = w.gradientNormBelow(0.5);
        double norm = w.gradientNorm();
        net.update(optimizer, w, 1e-4, 1e-4, below ? 1.0 : Math.min(1.0, 0.5 / norm));
    }

    /**
     * Returns {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, called
     * reflectively because the tests compile inside the module, which reads no management module.
     */
    private static long allocatedBytes() {
        try {
            if (probe == null) {
                Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                        .invoke(null);
                Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
                probeBean = bean;
                probe = m;
                for (int i = 0; i < 100; i++) {                              // past reflection's inflation
                    m.invoke(bean);
                }
            }
            return (Long) probe.invoke(probeBean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Method probe;
    private static Object probeBean;

    @Test
    void predictionsDuringUpdatesSeeWholeParameterVectors() throws Exception {
        Network net = build(2);
        double[] first = net.parameters();
        double[] second = first.clone();
        for (int p = 0; p < second.length; p++) {
            second[p] = -0.5 * second[p] + 0.01;
        }
        double[] row = TestData.uniform(new Rng(9), 1, 50, -1, 1)[0];
        net.setParameters(second);
        double[] expectSecond = net.predict(row);
        net.setParameters(first);
        double[] expectFirst = net.predict(row);
        assertThat(expectFirst).isNotEqualTo(expectSecond);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger mixed = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                try {
                    double[] out = new double[5];
                    while (!stop.get()) {
                        net.predict(row, out);
                        if (!java.util.Arrays.equals(out, expectFirst) && !java.util.Arrays.equals(out, expectSecond)) {
                            mixed.incrementAndGet();
                        }
                        checked.incrementAndGet();
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            readers[r].start();
        }
        for (int s = 0; s < 2000; s++) {                                     // the writer flips θ wholesale
            net.setParameters(s % 2 == 0 ? second : first);
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(error.get()).isNull();
        assertThat(checked.get()).isPositive();
        assertThat(mixed.get()).as("predictions that mixed old and new parameters").isZero();
    }

    @Test
    void threadCountIsValidatedAndReported() {
        assertThat(build(3).threads()).isEqualTo(3);
        assertThat(Network.builder().input(1).dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).build()
                .threads()).isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
        assertThatThrownBy(() -> Network.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 64, but was 0");
        assertThatThrownBy(() -> Network.builder().threads(65))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was 65");
    }

    @Test
    void predictIntoAnArrayMatchesPredictAndChecksItsLength() {
        Network net = build(1);
        double[] row = TestData.uniform(new Rng(2), 1, 50, -1, 1)[0];
        double[] out = new double[5];
        net.predict(row, out);
        assertThat(out).containsExactly(net.predict(row));
        assertThat(out).containsExactly(net.predict(new double[][] {row})[0]);
        assertThatThrownBy(() -> net.predict(row, new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output has 4 values")
                .hasMessageContaining("5 outputs");
    }

    @Test
    void aTrainingWorkspaceKeepsBuffersForNoMorePartsThanItsRowsOrThreads() {
        // four parts per thread, but no part without a row of the batch (or beyond one per thread),
        // and one on one thread: the per-part scratch does not grow with unused parts
        assertThat(build(2).workspace(32).parts).isEqualTo(8);
        assertThat(build(2).workspace(3).parts).isEqualTo(3);
        assertThat(build(2).workspace(1).parts).isEqualTo(2);
        assertThat(build(64).workspace(32).parts).isEqualTo(64);
        assertThat(build(64).workspace(512).parts).isEqualTo(256);
        assertThat(build(1).workspace(32).parts).isEqualTo(1);
        assertThat(build(2).workspace(32).partRows.length).isEqualTo(8);
    }
}
