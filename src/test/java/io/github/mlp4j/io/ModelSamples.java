package io.github.mlp4j.io;

import io.github.mlp4j.NetworkBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seeded models and inputs shared by the io tests. */
final class ModelSamples {
    /** A fixed creation time, so that sample files are the same on every run. */
    static final Instant CREATED = Instant.parse("2026-11-28T05:00:00.123456789Z");

    private ModelSamples() {
    }

    /** Every built-in activation, leakyRelu with a random slope in [0, 1). */
    static List<Activation> activations(Rng rng) {
        return List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
                Activation.leakyRelu(rng.nextDouble(0.0, 1.0)), Activation.identity(), Activation.softmax());
    }

    /**
     * Returns a random network for {@code loss}: 1–4 inputs, 0–2 hidden layers of random
     * activations, a head that suits the loss ({@code head} for mse), and parameters uniform in
     * [−2, 2) so that biases are not zero.
     */
    static Network randomNetwork(Rng rng, Loss loss, Activation head) {
        NetworkBuilder b = Network.builder().input(1 + rng.nextInt(4)).seed(rng.nextLong());
        List<Activation> all = activations(rng);
        int hidden = rng.nextInt(3);
        for (int l = 0; l < hidden; l++) {
            b.dense(2 + rng.nextInt(4), all.get(rng.nextInt(all.size())));
        }
        int outputs;
        if (loss.name().equals("crossEntropy") || head.name().equals("softmax")) {
            outputs = 2 + rng.nextInt(3);
        } else {
            outputs = 1 + rng.nextInt(3);
        }
        Network net = b.dense(outputs, head).loss(loss).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-2.0, 2.0);
        }
        net.setParameters(theta);
        return net;
    }

    /** Returns n rows of {@code width} values uniform in [−3, 3). */
    static double[][] inputs(Rng rng, int n, int width) {
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextDouble(-3.0, 3.0);
            }
        }
        return x;
    }

    /**
     * The small model of the exhaustive tests: 3 inputs, tanh 4, leakyRelu(0.1) 3, softmax 3,
     * cross-entropy, standard scaling, three class names and two settings: 648 bytes.
     */
    static Model small() {
        Rng rng = new Rng(7);
        Network net = Network.builder().input(3).dense(4, Activation.tanh()).dense(3, Activation.leakyRelu(0.1))
                .dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(7).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-1.5, 1.5);
        }
        net.setParameters(theta);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("epochs", "300");
        settings.put("learningRate", "0.05");
        return Model.of(net)
                .withScaling(Scaling.standard(new double[] {0.5, -1.25, 3.0}, new double[] {2.0, 0.75, 1.5}))
                .withClassNames(List.of("setosa", "versicolor", "virginica"))
                .withProvenance(new Provenance("0.1.0-test", CREATED, 7, settings));
    }

    /** The bytes of {@link #small()}. */
    static byte[] smallBytes() {
        return ModelWriter.toBytes(small());
    }

    /** Recomputes the CRC-32C of a model whose bytes were edited, so that the edit reaches the decoder. */
    static byte[] reseal(byte[] model) {
        if (model.length >= Format.HEADER + Format.TRAILER) {
            int end = model.length - Format.TRAILER;
            Format.putInt32(model, end, Format.crc(model, end));
        }
        return model;
    }

    /** Asserts that two matrices hold the same bits. */
    static void assertSameBits(double[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertSameBits(actual[i], expected[i]);
        }
    }

    /** Asserts that two vectors hold the same bits. */
    static void assertSameBits(double[] actual, double[] expected) {
        assertThat(bits(actual)).isEqualTo(bits(expected));
    }

    static List<Long> bits(double[] v) {
        List<Long> b = new ArrayList<>(v.length);
        for (double d : v) {
            b.add(Double.doubleToRawLongBits(d));
        }
        return b;
    }
}
