package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.internal.Rng;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A layer of the user's own that asks for the fused {@link Layer.Kernel#AFFINE} kernels. */
class AffineKernelTest {

    /**
     * {@code z = x·W + b, a = f(z)} written with plain loops, its weights drawn uniformly from
     * ±{@code limit}; {@code fused} chooses whether it asks the network for the AFFINE kernel.
     */
    static class Linear implements Layer {
        private final int in;
        private final int out;
        private final Activation f;
        private final boolean fused;

        Linear(int in, int out, Activation f, boolean fused) {
            this.in = in;
            this.out = out;
            this.f = f;
            this.fused = fused;
        }

        @Override
        public Kernel kernel() {
            return fused ? Kernel.AFFINE : Kernel.OWN;
        }

        @Override
        public int inputSize() {
            return in;
        }

        @Override
        public int outputSize() {
            return out;
        }

        @Override
        public Activation activation() {
            return f;
        }

        @Override
        public int parameterCount() {
            return in * out + out;
        }

        @Override
        public void initialize(double[] theta, int offset, RandomGenerator random) {
            double limit = Math.sqrt(3.0 / in);
            for (int p = 0; p < in * out; p++) {
                theta[offset + p] = limit * (2 * random.nextDouble() - 1);
            }
            for (int j = 0; j < out; j++) {
                theta[offset + in * out + j] = 0.01;
            }
        }

        @Override
        public void forward(double[] theta, int offset, double[][] x, double[][] z, double[][] a, int from, int to) {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < out; j++) {
                    double s = theta[offset + in * out + j];
                    for (int k = 0; k < in; k++) {
                        s += x[i][k] * theta[offset + k * out + j];
                    }
                    z[i][j] = s;
                }
            }
            f.forward(z, a, from, to, out);
        }

        @Override
        public void backward(double[] theta, int offset, double[][] x, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradIn) {
            java.util.Arrays.fill(gradient, gradientOffset, gradientOffset + parameterCount(), 0.0);
            for (int i = from; i < to; i++) {
                for (int k = 0; k < in; k++) {
                    double s = 0.0;
                    for (int j = 0; j < out; j++) {
                        gradient[gradientOffset + k * out + j] += x[i][k] * delta[i][j];
                        s += delta[i][j] * theta[offset + k * out + j];
                    }
                    if (gradIn != null) {
                        gradIn[i][k] = s;
                    }
                }
                for (int j = 0; j < out; j++) {
                    gradient[gradientOffset + in * out + j] += delta[i][j];
                }
            }
        }
    }

    private static final double[][] X = new double[96][20];
    private static final double[][] Y = new double[96][3];

    static {
        RandomGenerator r = new Rng(11);
        for (int i = 0; i < X.length; i++) {
            for (int k = 0; k < 20; k++) {
                X[i][k] = r.nextGaussian();
            }
            Y[i][i % 3] = 1.0;
        }
    }

    private static Network network(boolean fused, int threads) {
        return Network.builder().input(20).layer(new Linear(20, 64, Activation.tanh(), fused))
                .dense(24, Activation.relu()).layer(new Linear(24, 3, Activation.softmax(), fused))
                .loss(Loss.crossEntropy()).seed(3).threads(threads).build();
    }

    @Test
    void theFusedKernelComputesTheLayersOwnMap() {
        Network fused = network(true, 1);
        Network own = network(false, 1);
        assertThat(fused.parameters()).containsExactly(own.parameters());   // same layout, same initial values
        double[][] a = fused.predict(X);
        double[][] b = own.predict(X);
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(a[i][j]).isCloseTo(b[i][j], within(1e-12));
            }
        }
        Workspace wf = fused.workspace(X.length);
        Workspace wo = own.workspace(X.length);
        assertThat(fused.computeGradient(X, Y, X.length, wf)).isCloseTo(own.computeGradient(X, Y, X.length, wo),
                within(1e-12));
        double[] gf = wf.gradient();
        double[] go = wo.gradient();
        assertThat(gf).hasSameSizeAs(go);
        double largest = 0.0;
        for (double g : go) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertThat(largest).as("a gradient worth comparing").isGreaterThan(1e-3);
        for (int p = 0; p < go.length; p++) {
            assertThat(gf[p]).as("∂C/∂θ_%d", p).isCloseTo(go[p], within(1e-12));
        }
    }

    @Test
    void aUserLayerOnTheFusedKernelTrainsBitForBitLikeDenseOnEveryThreadCount() {
        Network dense = Network.builder().input(20).dense(64, Activation.tanh()).dense(24, Activation.relu())
                .dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(3).threads(1).build();
        Network reference = network(true, 1);
        dense.setParameters(reference.parameters());
        dense.fit(X, Y, 3, 16, 0.2);
        for (int threads = 1; threads <= 3; threads++) {
            Network user = network(true, threads);
            user.fit(X, Y, 3, 16, 0.2);
            assertThat(user.parameters()).as("%d threads", threads).containsExactly(dense.parameters());
        }
    }

    @Test
    void theOwnPassesTrainToTheSameModelWithinRounding() {
        Network fused = network(true, 1);
        Network own = network(false, 2);
        fused.fit(X, Y, 3, 16, 0.2);
        own.fit(X, Y, 3, 16, 0.2);
        double[] p = fused.parameters();
        double[] q = own.parameters();
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isCloseTo(q[i], within(1e-9));
        }
    }

    @Test
    void aUserLayerOnTheFusedKernelIsSavedAndLoadedWithItsKind() throws Exception {
        io.github.mlp4j.io.LayerKinds.register("io.github.mlp4j.test.affine-linear", Linear.class,
                io.github.mlp4j.io.LayerCodec.of((layer, config) -> config.float64(layer.fused ? 1 : 0),
                        (config, in, out, activation) -> new Linear(in, out, activation,
                                config.finite("fused") == 1)));
        Network net = network(true, 2);
        net.fit(X, Y, 2, 16, 0.2);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        net.save(bytes);
        Network loaded = Network.load(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.layers().get(0)).isInstanceOf(Linear.class);
        assertThat(loaded.layers().get(0).kernel()).isEqualTo(Layer.Kernel.AFFINE);
        assertThat(loaded.parameters()).containsExactly(net.parameters());
        assertThat(loaded.predict(X)).isDeepEqualTo(net.predict(X));
    }

    @Test
    void aLayerThatAsksForTheAffineKernelMustCountItsParametersSo() {
        Layer wrong = new Linear(4, 3, Activation.tanh(), true) {
            @Override
            public int parameterCount() {
                return 12;                                                   // forgot the biases
            }
        };
        assertThatThrownBy(() -> Network.builder().input(4).layer(wrong).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AFFINE kernel")
                .hasMessageContaining("15 in all")
                .hasMessageContaining("declares parameterCount 12");
    }
}
