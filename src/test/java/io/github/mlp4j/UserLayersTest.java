package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A layer of the user's own, and dropout, trained beside dense layers through every path. */
class UserLayersTest {

    /**
     * An elementwise affine layer with a tanh, {@code z = x ⊙ s + c, a = tanh(z)}, whose
     * parameters are {@code s} then {@code c}; {@code gradientScale} lets a test break its
     * backward pass on purpose.
     */
    static class Scale implements Layer {
        private final int n;
        private final double gradientScale;

        Scale(int n, double gradientScale) {
            this.n = n;
            this.gradientScale = gradientScale;
        }

        @Override
        public int inputSize() {
            return n;
        }

        @Override
        public int outputSize() {
            return n;
        }

        @Override
        public Activation activation() {
            return Activation.tanh();
        }

        @Override
        public int parameterCount() {
            return 2 * n;
        }

        @Override
        public void initialize(double[] theta, int offset, RandomGenerator random) {
            for (int j = 0; j < n; j++) {
                theta[offset + j] = 1.0 + 0.2 * (random.nextDouble() - 0.5);
                theta[offset + n + j] = 0.1 * (random.nextDouble() - 0.5);
            }
        }

        @Override
        public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    z[i][j] = in[i][j] * theta[offset + j] + theta[offset + n + j];
                }
            }
            activation().forward(z, a, from, to, n);
        }

        @Override
        public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradIn) {
            java.util.Arrays.fill(gradient, gradientOffset, gradientOffset + 2 * n, 0.0);
            for (int i = from; i < to; i++) {
                for (int j = 0; j < n; j++) {
                    gradient[gradientOffset + j] += gradientScale * delta[i][j] * in[i][j];
                    gradient[gradientOffset + n + j] += gradientScale * delta[i][j];
                    if (gradIn != null) {
                        gradIn[i][j] = delta[i][j] * theta[offset + j];
                    }
                }
            }
        }
    }

    /** 50-40-[scale 40]-30-5, plus optional dropout: 128 rows pass the parallel threshold. */
    private static Network build(int threads, boolean dropout) {
        NetworkBuilder b = Network.builder().input(50).dense(40, Activation.relu());
        if (dropout) {
            b.dropout(0.3);
        }
        return b.layer(new Scale(40, 1.0)).dense(30, Activation.relu()).dense(5, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(5).threads(threads).build();
    }

    private static final Rng DATA = new Rng(17);
    private static final double[][] X = TestData.uniform(DATA, 300, 50, -1, 1);
    private static final double[][] Y = TestData.oneHot(DATA, 300, 5);

    @Test
    void aUserLayersGradientMatchesFiniteDifferencesBesideDenseLayers() {
        Network net = Network.builder().input(4).dense(6, Activation.tanh()).layer(new Scale(6, 1.0))
                .dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(3).build();
        double[][] x = TestData.uniform(new Rng(1), 7, 4, -1, 1);
        double[][] y = TestData.oneHot(new Rng(2), 7, 3);
        GradientCheck.Result result = GradientCheck.network(net, x, y);
        assertThat(result.passes(1e-6)).as(result.toString()).isTrue();
    }

    @Test
    void fitAndStepWithAUserLayerAndDropoutAreBitIdenticalForEveryThreadCountAndLearn() {
        for (boolean dropout : new boolean[] {false, true}) {
            Network one = build(1, dropout);
            double before = one.loss(X, Y);
            double[] costs = one.fit(X, Y, 5, 128, 0.2);
            one.step(X, Y, 0.1);
            assertThat(one.loss(X, Y)).isLessThan(before);
            for (int threads : new int[] {2, 3}) {
                Network many = build(threads, dropout);
                assertThat(many.fit(X, Y, 5, 128, 0.2)).containsExactly(costs);
                many.step(X, Y, 0.1);
                assertThat(many.parameters()).containsExactly(one.parameters());
            }
        }
    }

    @Test
    void trainerWithAdamTrainsAUserLayerAndDropoutBitIdenticallyOnAnyThreadCount() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(128).optimizer(Optimizer.adam())
                .learningRate(0.01).validationFraction(0).build();
        Network one = build(1, true);
        double before = one.loss(X, Y);
        new Trainer(config).fit(one, X, Y);
        assertThat(one.loss(X, Y)).isLessThan(before);
        Network two = build(2, true);
        new Trainer(config).fit(two, X, Y);
        assertThat(two.parameters()).containsExactly(one.parameters());
    }

    @Test
    void dropoutIsOffAtPrediction() {
        Network withDropout = build(1, true);
        withDropout.fit(X, Y, 2, 32, 0.1);
        Network plain = build(1, false);
        plain.setParameters(withDropout.parameters());                       // dropout has no parameters
        assertThat(withDropout.predict(X)).isDeepEqualTo(plain.predict(X));
        assertThat(withDropout.loss(X, Y)).isEqualTo(plain.loss(X, Y));
    }

    @Test
    void dropoutIsSavedWithTheModelAndLoadsWithItsRate() throws Exception {
        Network net = build(1, true);
        net.fit(X, Y, 1, 64, 0.1);
        io.github.mlp4j.io.LayerKinds.register("io.github.mlp4j.test.user-scale", Scale.class,
                io.github.mlp4j.io.LayerCodec.of((layer, config) -> config.float64(layer.gradientScale),
                        (config, in, out, activation) -> new Scale(in, config.finite("gradientScale"))));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        net.save(bytes);
        Network loaded = Network.load(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.layers().get(1)).isInstanceOf(io.github.mlp4j.layer.Dropout.class);
        assertThat(((io.github.mlp4j.layer.Dropout) loaded.layers().get(1)).rate()).isEqualTo(0.3);
        assertThat(loaded.layers().get(2)).isInstanceOf(Scale.class);
        assertThat(loaded.parameters()).containsExactly(net.parameters());
        assertThat(loaded.predict(X)).isDeepEqualTo(net.predict(X));
    }

    @Test
    void aUserLayerWhoseGradientOverflowsIsRefusedAndLeavesTheParametersAsTheyWere() {
        Network net = Network.builder().input(3).layer(new Scale(3, 1e308)).dense(1, Activation.identity())
                .loss(Loss.mse()).seed(1).build();
        double[][] x = {{1, 2, 3}, {-1, 0.5, 2}};
        double[][] y = {{1e3}, {-1e3}};
        double[] before = net.parameters();
        assertThatThrownBy(() -> net.fit(x, y, 1, 2, 1.0)).isInstanceOf(DivergenceException.class);
        assertThatThrownBy(() -> net.step(x, y, 1.0)).isInstanceOf(DivergenceException.class);
        assertThat(net.parameters()).containsExactly(before);
        assertThat(net.predict(x[0])[0]).isFinite();
    }

    @Test
    void aPredictionThatOverflowsSaysWhyInsteadOfReturningNaN() {
        Network net = Network.builder().input(2).dense(3, Activation.relu()).dense(2, Activation.softmax())
                .loss(Loss.crossEntropy()).build();
        double[] huge = new double[net.parameterCount()];
        java.util.Arrays.fill(huge, 1e300);
        net.setParameters(huge);                                             // finite, so allowed
        assertThatThrownBy(() -> net.predict(new double[] {1e10, 1e10})).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("row 0").hasMessageContaining("overflow");
        assertThatThrownBy(() -> net.predictClass(new double[][] {{1, 1}, {1e10, 1e10}}))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("row 0");
    }

    @Test
    void userLayersWithImpossibleSizesAreRefusedByName() {
        Layer zero = new Scale(3, 1.0) {
            @Override
            public int outputSize() {
                return 0;
            }
        };
        assertThatThrownBy(() -> Network.builder().input(3).layer(zero).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Layer 1").hasMessageContaining("outputSize 0");
        Layer negative = new Scale(3, 1.0) {
            @Override
            public int parameterCount() {
                return -4;
            }
        };
        assertThatThrownBy(() -> Network.builder().input(3).layer(negative).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameterCount -4");
        Layer tooFew = new Scale(3, 1.0) {
            @Override
            public int parameterCount() {
                return 4;                                                    // uses 6
            }
        };
        assertThatThrownBy(() -> Network.builder().input(3).layer(tooFew).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Layer 1")
                .hasMessageContaining("wrote past its 4 parameters");
        assertThatThrownBy(() -> Network.builder().input(46341).dense(46341, Activation.relu())
                .loss(Loss.mse()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2147534622");
        assertThatThrownBy(() -> Network.builder().input(65536).dense(65537, Activation.relu())
                .loss(Loss.mse()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
    }
}
