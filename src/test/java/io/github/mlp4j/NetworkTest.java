package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.internal.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

    private static final Activation[] HIDDEN = {Activation.sigmoid(), Activation.tanh(), Activation.relu(),
        Activation.leakyRelu(0.1), Activation.identity(), Activation.softmax()};

    /** Every (loss, head) pair the builder accepts. */
    private static List<Object[]> acceptedPairs() {
        List<Object[]> pairs = new ArrayList<>();
        for (Activation head : HIDDEN) {
            pairs.add(new Object[] {Loss.mse(), head});
        }
        pairs.add(new Object[] {Loss.binaryCrossEntropy(), Activation.sigmoid()});
        pairs.add(new Object[] {Loss.crossEntropy(), Activation.softmax()});
        return pairs;
    }

    private static double[][] targetsFor(Loss loss, Rng rng, int rows, int width) {
        if (loss == Loss.crossEntropy()) {
            return TestData.oneHot(rng, rows, width);
        }
        if (loss == Loss.binaryCrossEntropy()) {
            return TestData.uniform(rng, rows, width, 0, 1);
        }
        return TestData.uniform(rng, rows, width, -1, 1);
    }

    @Test
    void gradientMatchesCentralDifferencesForEveryAcceptedPairing() {
        Rng rng = new Rng(2024);
        int checks = 0;
        int skipped = 0;
        for (Object[] pair : acceptedPairs()) {
            Loss loss = (Loss) pair[0];
            Activation head = (Activation) pair[1];
            for (Activation hidden : HIDDEN) {
                for (int rows : new int[] {1, 5}) {
                    int depth = 1 + rng.nextInt(3);
                    int inputs = 2 + rng.nextInt(3);
                    int outputs = 2 + rng.nextInt(2);
                    NetworkBuilder b = Network.builder().input(inputs);
                    for (int l = 0; l < depth; l++) {
                        b.dense(2 + rng.nextInt(4), hidden);
                    }
                    Network net = b.dense(outputs, head).loss(loss).seed(rng.nextLong()).build();
                    // non-zero biases, so that no ReLU input sits exactly on the kink
                    double[] theta = net.parameters();
                    for (int p = 0; p < theta.length; p++) {
                        theta[p] += rng.nextDouble(-0.1, 0.1);
                    }
                    net.setParameters(theta);
                    double[][] x = TestData.uniform(rng, rows, inputs, -1, 1);
                    double[][] y = targetsFor(loss, rng, rows, outputs);
                    GradientCheck.Result r = GradientCheck.network(net, x, y);
                    assertThat(r.maxRelativeError())
                            .as("%s with %s hidden, %d rows, %s: %s", net, hidden.name(), rows, loss.name(), r)
                            .isLessThan(1e-6);
                    assertThat(r.checked() + r.skipped()).isEqualTo(net.parameterCount());
                    checks += r.checked();
                    skipped += r.skipped();
                }
            }
        }
        // 8 pairings × 6 hidden activations × 2 batch sizes; ReLU kinks are rare with these inputs
        assertThat(checks).isGreaterThan(2_000);
        assertThat(skipped).isLessThan(checks / 20);
    }

    @Test
    void gradientCheckSkipsParametersWhoseStepCrossesAReluKink() {
        // zero biases and an all-zero input row put every first-layer ReLU input exactly on 0
        Network net = Network.builder().input(2).dense(3, Activation.relu()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build();
        GradientCheck.Result r = GradientCheck.network(net, new double[][] {{0, 0}}, new double[][] {{1}});
        assertThat(r.skipped()).isEqualTo(3);                              // the three first-layer biases
        assertThat(r.maxRelativeError()).isLessThan(1e-6);
    }

    @Test
    void gradientCheckCatchesAWrongGradient() {
        // a layer whose backward forgets the bias gradient must fail the check
        Layer broken = new Layer() {
            final io.github.mlp4j.layer.Dense dense = new io.github.mlp4j.layer.Dense(2, 2, Activation.tanh());

            @Override public int inputSize() { return 2; }
            @Override public int outputSize() { return 2; }
            @Override public Activation activation() { return Activation.tanh(); }
            @Override public int parameterCount() { return dense.parameterCount(); }
            @Override public void initialize(double[] t, int o, java.util.random.RandomGenerator r) {
                dense.initialize(t, o, r);
            }
            @Override public void forward(double[] t, int o, double[][] in, double[][] z, double[][] a, int f, int to) {
                dense.forward(t, o, in, z, a, f, to);
            }
            @Override public void backward(double[] t, int o, double[][] in, double[][] d, int f, int to, double[] g,
                    int go, double[][] gi) {
                dense.backward(t, o, in, d, f, to, g, go, gi);
                g[go + 4] = 0;
            }
        };
        Network net = Network.builder().input(2).layer(broken).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build();
        GradientCheck.Result r = GradientCheck.network(net, new double[][] {{0.3, -0.2}, {0.5, 0.9}},
                new double[][] {{1}, {0}});
        assertThat(r.maxRelativeError()).isGreaterThan(0.5);
        assertThat(r.worstIndex()).isEqualTo(4);
    }

    @Test
    void handComputedForwardAndBackwardOfATinyNetwork() {
        // 1 input → 1 sigmoid unit, MSE. W = 2, b = −1, x = 1: z = 1, ŷ = σ(1) = 0.7310585786300049
        Network net = Network.builder().input(1).dense(1, Activation.sigmoid()).loss(Loss.mse()).build();
        net.setParameters(new double[] {2, -1});
        double s = 0.7310585786300049;
        assertThat(net.predict(new double[] {1})[0]).isCloseTo(s, within(1e-15));
        // y = 0: C = s², ∂C/∂ŷ = 2s, δ = 2s·s(1 − s), ∂C/∂W = x·δ, ∂C/∂b = δ
        double delta = 2 * s * s * (1 - s);
        assertThat(net.loss(new double[][] {{1}}, new double[][] {{0}})).isCloseTo(s * s, within(1e-15));
        double[] g = net.gradient(new double[][] {{1}}, new double[][] {{0}});
        assertThat(g[0]).isCloseTo(delta, within(1e-15));
        assertThat(g[1]).isCloseTo(delta, within(1e-15));
        // one step of 0.5: θ ← θ − 0.5·g; step returns the cost before it
        double cost = net.step(new double[][] {{1}}, new double[][] {{0}}, 0.5);
        assertThat(cost).isCloseTo(s * s, within(1e-15));
        assertThat(net.parameters()).containsExactly(2 - 0.5 * delta, -1 - 0.5 * delta);
    }

    @Test
    void weightsAndBiasesAreBothAveragedOverTheBatch() {
        // two identical rows must give exactly the gradient of one row
        Network net = Network.builder().input(2).dense(3, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(9).build();
        double[] one = net.gradient(new double[][] {{0.2, -0.7}}, new double[][] {{1}});
        double[] two = net.gradient(new double[][] {{0.2, -0.7}, {0.2, -0.7}}, new double[][] {{1}, {1}});
        for (int p = 0; p < one.length; p++) {
            assertThat(two[p]).isCloseTo(one[p], within(1e-15));
        }
    }

    @Test
    void parametersAreLaidOutLayerByLayerWeightsRowMajorThenBiases() {
        Network net = Network.builder().input(3).dense(2, Activation.relu()).dense(4, Activation.identity())
                .loss(Loss.mse()).build();
        assertThat(net.parameterCount()).isEqualTo(3 * 2 + 2 + 2 * 4 + 4);
        assertThat(net.parameterOffset(1)).isEqualTo(8);
        // W[k][j] = 0 except W[1][0] = 1; b = [0.5, 0]: x = [0, 3, 0] gives z = [3.5, 0]
        double[] theta = new double[net.parameterCount()];
        theta[1 * 2 + 0] = 1;
        theta[6] = 0.5;
        theta[8] = 1;                                                       // second layer W[0][0] = 1
        net.setParameters(theta);
        assertThat(net.predict(new double[] {0, 3, 0})).containsExactly(3.5, 0, 0, 0);
        assertThat(net.layers()).hasSize(2);
        assertThat(net.layers().get(0).inputSize()).isEqualTo(3);
        assertThat(net.layers().get(1).outputSize()).isEqualTo(4);
        assertThat(net.layers().get(0).activation()).isSameAs(Activation.relu());
    }

    @Test
    void initialisationFollowsHeForReluAndGlorotOtherwise() {
        Network net = Network.builder().input(400).dense(300, Activation.relu()).dense(200, Activation.tanh())
                .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).build();
        double[] theta = net.parameters();
        // He: std √(2/400) = 0.0707; Glorot uniform on ±√(6/500) = ±0.1095 has std 0.1095/√3 = 0.0632
        assertThat(std(theta, 0, 400 * 300)).isCloseTo(Math.sqrt(2.0 / 400), within(0.001));
        int second = net.parameterOffset(1);
        assertThat(std(theta, second, second + 300 * 200)).isCloseTo(Math.sqrt(6.0 / 500) / Math.sqrt(3), within(0.001));
        for (int p = second; p < second + 300 * 200; p++) {
            assertThat(Math.abs(theta[p])).isLessThanOrEqualTo(Math.sqrt(6.0 / 500));
        }
        for (int j = 0; j < 300; j++) {
            assertThat(theta[400 * 300 + j]).isEqualTo(0.0);                  // biases start at 0
        }
    }

    private static double std(double[] v, int from, int to) {
        double sum = 0;
        double sq = 0;
        for (int p = from; p < to; p++) {
            sum += v[p];
            sq += v[p] * v[p];
        }
        int n = to - from;
        double mean = sum / n;
        return Math.sqrt(sq / n - mean * mean);
    }

    @Test
    void theSameSeedGivesBitIdenticalParametersAndTraining() {
        Dataset data = Generators.tutorialCircles(1);
        double[] a = trainCircles(7, data);
        double[] b = trainCircles(7, data);
        double[] c = trainCircles(8, data);
        assertThat(a).isEqualTo(b);                                         // exact bits
        assertThat(a).isNotEqualTo(c);
        assertThat(Network.builder().input(2).dense(3, Activation.relu()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build().parameters())
                .isEqualTo(Network.builder().input(2).dense(3, Activation.relu()).dense(1, Activation.sigmoid())
                        .loss(Loss.binaryCrossEntropy()).seed(Network.DEFAULT_SEED).build().parameters());
    }

    private static double[] trainCircles(long seed, Dataset data) {
        Network net = Network.builder().input(2).dense(12, Activation.relu()).dense(6, Activation.relu())
                .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(seed).build();
        net.fit(data.x(), data.y(), 5, 32, 0.1);
        net.fit(data.x(), data.y(), 5, 32, 0.1);
        return net.parameters();
    }

    @Test
    void xorNeedsAHiddenLayerAndLearnsIt() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        Network net = Network.builder().input(2).dense(4, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(1).build();
        double[] costs = net.fit(x, y, 2000, 4, 0.5);
        assertThat(net.predictClass(x)).containsExactly(0, 1, 1, 0);
        assertThat(costs[costs.length - 1]).isLessThan(0.05).isLessThan(costs[0]);
    }

    @Test
    void learnsTheTutorialsTwoCirclesToAtLeast99PercentOnHeldOutRows() {
        Split.Result parts = Split.stratified(Generators.tutorialCircles(42), 0.2, 42);
        Network net = Network.builder().input(2).dense(12, Activation.relu()).dense(6, Activation.relu())
                .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(42).build();
        double[] costs = net.fit(parts.train().x(), parts.train().y(), 300, 32, 0.1);
        double accuracy = TestData.accuracy(parts.test().labels(), net.predictClass(parts.test().x()));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.99);
        assertThat(costs[costs.length - 1]).isLessThan(costs[0] / 5);
    }

    @Test
    void softmaxSeparatesThreeGaussianBlobs() {
        Rng rng = new Rng(3);
        double[][] centres = {{-2, -2}, {2, -2}, {0, 2}};
        double[][] x = new double[300][];
        double[][] y = new double[300][3];
        for (int i = 0; i < 300; i++) {
            int k = i % 3;
            x[i] = new double[] {centres[k][0] + 0.5 * rng.nextGaussian(), centres[k][1] + 0.5 * rng.nextGaussian()};
            y[i][k] = 1;
        }
        Split.Result parts = Split.trainTest(Dataset.of(x, y), 0.2, 3);
        Network net = Network.builder().input(2).dense(8, Activation.relu()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(3).build();
        net.fit(parts.train().x(), parts.train().y(), 50, 16, 0.1);
        assertThat(TestData.accuracy(parts.test().labels(), net.predictClass(parts.test().x()))).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void aBatchForwardsToTheSameRowsAsOneRowAtATime() {
        Rng rng = new Rng(4);
        Network net = Network.builder().input(5).dense(7, Activation.tanh()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).build();
        double[][] x = TestData.uniform(rng, 600, 5, -2, 2);              // more than one prediction chunk
        double[][] copy = io.github.mlp4j.internal.Checks.copy(x);
        double[][] batch = net.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(net.predict(x[i])).containsExactly(batch[i]);
        }
        assertThat(x).isDeepEqualTo(copy);                                  // x is not modified
    }

    @Test
    void predictClassUsesArgmaxOrTheHeadsThreshold() {
        Network sig = Network.builder().input(1).dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).build();
        sig.setParameters(new double[] {1, 0});                             // ŷ = σ(x)
        assertThat(sig.predictClass(new double[][] {{-0.1}, {0}, {0.1}})).containsExactly(0, 1, 1);
        Network tanh = Network.builder().input(1).dense(1, Activation.tanh()).loss(Loss.mse()).build();
        tanh.setParameters(new double[] {1, 0});
        assertThat(tanh.predictClass(new double[] {-0.5})).isEqualTo(0);
        assertThat(tanh.predictClass(new double[] {0.5})).isEqualTo(1);
        Network soft = Network.builder().input(2).dense(2, Activation.identity()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).build();
        assertThat(soft.predictClass(new double[][] {{1, 2}})).hasSize(1);
        Network regression = Network.builder().input(1).dense(1, Activation.identity()).loss(Loss.mse()).build();
        assertThatThrownBy(() -> regression.predictClass(new double[][] {{1}}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("identity")
                .hasMessageContaining("sigmoid");
    }

    @Test
    void fitRecordsTheBatchSizeWeightedMeanOfBatchCosts() {
        // a batch size above the row count means one batch, so the epoch cost equals step's cost
        double[][] x = {{0.1, 0.2}, {0.3, -0.4}, {0.9, 0.5}};
        double[][] y = {{1}, {0}, {1}};
        Network a = tiny(5);
        Network b = tiny(5);
        double[] costs = a.fit(x, y, 1, 100, 0.1);
        assertThat(costs[0]).isCloseTo(b.loss(x, y), within(1e-15));
        // batches of 2 and 1: cost = (2·c₁ + 1·c₂)/3, each measured before its step
        Network c = tiny(6);
        Network d = tiny(6);
        double[] fitted = c.fit(x, y, 1, 2, 0.1);
        // replay with the same shuffle: the network's generator draws init, then the shuffle
        int[] order = {0, 1, 2};
        Rng rng = new Rng(6);
        for (Layer layer : d.layers()) {
            layer.initialize(new double[layer.parameterCount()], 0, rng);   // consume the same draws
        }
        rng.shuffle(order);
        double c1 = d.step(new double[][] {x[order[0]], x[order[1]]}, new double[][] {y[order[0]], y[order[1]]}, 0.1);
        double c2 = d.step(new double[][] {x[order[2]]}, new double[][] {y[order[2]]}, 0.1);
        assertThat(fitted[0]).isCloseTo((2 * c1 + c2) / 3, within(1e-15));
        assertThat(c.parameters()).isEqualTo(d.parameters());
    }

    private static Network tiny(long seed) {
        return Network.builder().input(2).dense(3, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(seed).build();
    }

    @Test
    void divergenceStopsWithTheEpochBatchAndAHintAndKeepsTheLastFiniteParameters() {
        double[][] x = {{1e150, 1}, {-1e150, 2}};
        double[][] y = {{1e150}, {-1e150}};
        Network net = Network.builder().input(2).dense(1, Activation.identity()).loss(Loss.mse()).build();
        assertThatThrownBy(() -> net.fit(x, y, 10, 2, 1.0))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("epoch").hasMessageContaining("batch")
                .hasMessageContaining("Lower the learning rate");
        for (double p : net.parameters()) {
            assertThat(p).isFinite();
        }
    }

    @Test
    void badInputsGetClearMessages() {
        Network net = tiny(1);
        double[][] y = {{1}};
        assertThatThrownBy(() -> net.predict(new double[][] {{1, 2, 3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has 3 columns")
                .hasMessageContaining("network has 2 inputs");
        assertThatThrownBy(() -> net.predict(new double[] {1}))
                .hasMessageContaining("x has 1 columns").hasMessageContaining("2 inputs");
        assertThatThrownBy(() -> net.fit(new double[][] {{1, 2}}, new double[][] {{1, 0}}, 1, 1, 0.1))
                .hasMessageContaining("y has 2 columns").hasMessageContaining("1 outputs");
        assertThatThrownBy(() -> net.fit(new double[][] {{1, 2}, {3, 4}}, y, 1, 1, 0.1))
                .hasMessageContaining("x has 2 rows but y has 1");
        assertThatThrownBy(() -> net.predict(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("Row 1 of x has 1 values but row 0 has 2");
        assertThatThrownBy(() -> net.predict(new double[0][]))
                .hasMessageContaining("x has no rows");
        assertThatThrownBy(() -> net.predict((double[][]) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("x");
        assertThatThrownBy(() -> net.predict(new double[][] {{1, 2}, {3, Double.NaN}}))
                .hasMessageContaining("x[1][1] is NaN");
        assertThatThrownBy(() -> net.loss(new double[][] {{1, 2}}, new double[][] {{Double.POSITIVE_INFINITY}}))
                .hasMessageContaining("y[0][0] is Infinity");
        assertThatThrownBy(() -> net.fit(new double[][] {{1, 2}}, new double[][] {{3}}, 1, 1, 0.1))
                .hasMessageContaining("y[0][0] is 3.0").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> net.fit(new double[][] {{1, 2}}, y, 1, 1, 0))
                .hasMessageContaining("learningRate must be positive and finite, but was 0.0");
        assertThatThrownBy(() -> net.step(new double[][] {{1, 2}}, y, Double.NaN))
                .hasMessageContaining("learningRate must be positive and finite, but was NaN");
        assertThatThrownBy(() -> net.fit(new double[][] {{1, 2}}, y, 1, 0, 0.1))
                .hasMessageContaining("batchSize must be at least 1, but was 0");
        assertThatThrownBy(() -> net.fit(new double[][] {{1, 2}}, y, 0, 1, 0.1))
                .hasMessageContaining("epochs must be at least 1");
        assertThatThrownBy(() -> net.setParameters(new double[3]))
                .hasMessageContaining("parameters has 3 values but this network has 13");
        double[] bad = net.parameters();
        bad[4] = Double.NaN;
        assertThatThrownBy(() -> net.setParameters(bad)).hasMessageContaining("parameters[4] is NaN");
        Network soft = Network.builder().input(2).dense(3, Activation.softmax()).loss(Loss.crossEntropy()).build();
        assertThatThrownBy(() -> soft.loss(new double[][] {{1, 2}}, new double[][] {{0, 0, 0}}))
                .hasMessageContaining("one-hot");
    }

    @Test
    void unsoundNetworksAreRefusedWhenBuiltWithTheFix() {
        assertThatThrownBy(() -> Network.builder().input(2).dense(1, Activation.identity())
                .loss(Loss.binaryCrossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Activation.sigmoid()");
        for (Activation head : new Activation[] {Activation.tanh(), Activation.relu(), Activation.identity()}) {
            assertThatThrownBy(() -> Network.builder().input(2).dense(1, head).loss(Loss.binaryCrossEntropy()).build())
                    .hasMessageContaining("needs a sigmoid output layer, but the output layer uses " + head.name());
        }
        assertThatThrownBy(() -> Network.builder().input(2).dense(3, Activation.softmax())
                .loss(Loss.binaryCrossEntropy()).build()).hasMessageContaining("Loss.crossEntropy()");
        assertThatThrownBy(() -> Network.builder().input(2).dense(3, Activation.sigmoid())
                .loss(Loss.crossEntropy()).build()).hasMessageContaining("needs a softmax");
        assertThatThrownBy(() -> Network.builder().input(2).dense(1, Activation.softmax())
                .loss(Loss.crossEntropy()).build()).hasMessageContaining("1 unit");
        assertThatThrownBy(() -> Network.builder().input(2).dense(0, Activation.relu()))
                .hasMessageContaining("at least 1 unit, but was given 0");
        assertThatThrownBy(() -> Network.builder().input(0)).hasMessageContaining("input size must be at least 1");
        assertThatThrownBy(() -> Network.builder().dense(2, Activation.relu()).loss(Loss.mse()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("input(n)");
        assertThatThrownBy(() -> Network.builder().input(2).dense(2, Activation.relu()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no loss");
        assertThatThrownBy(() -> Network.builder().input(2).loss(Loss.mse()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no layers");
        // MSE goes with any head
        for (Activation head : HIDDEN) {
            assertThat(Network.builder().input(2).dense(2, head).loss(Loss.mse()).build().outputSize()).isEqualTo(2);
        }
    }
}
