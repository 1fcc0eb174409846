package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reloads the golden model file of every format version (src/test/resources/io/github/mlp4j/io,
 * described in its README) and reproduces the predictions recorded when it was made.
 */
class GoldenModelsTest {

    @Test
    void version1RegressionReproducesItsPredictionsBitForBit() throws Exception {
        Path file = resource("model-v1.mlp4j");
        Model model = Model.load(file);
        assertThat(model.network().toString()).isEqualTo(
                "Network(3 -> 5 relu -> 4 leakyRelu(0.25) -> 2 identity, loss mse, 54 parameters)");
        assertThat(model.network().seed()).isEqualTo(1);
        assertThat(model.scaling()).contains(Scaling.standard(new double[] {0.25, -1.5, 2.0},
                new double[] {0.5, 2.0, 4.0}));
        assertThat(model.classNames()).isEmpty();
        assertThat(model.provenance()).isEqualTo(new Provenance("0.1.0-SNAPSHOT",
                Instant.parse("2026-11-28T05:00:00Z"), 1, Map.of("note", "golden file, exact arithmetic", "epochs", "0")));
        List<double[][]> recorded = recorded("model-v1.predictions.txt");
        // every value in this model is a short dyadic fraction, so these bits hold for any summation order
        ModelSamples.assertSameBits(model.predict(recorded.get(0)), recorded.get(1));
        assertResavesToTheSameBytes(file, model, 1);
        try (InputStream in = Files.newInputStream(file)) {
            ModelSamples.assertSameBits(Model.load(in).predict(recorded.get(0)), recorded.get(1));
        }
    }

    @Test
    void version1ClassifierReproducesItsPredictions() throws Exception {
        Path file = resource("model-v1-classifier.mlp4j");
        Model model = Model.load(file);
        assertThat(model.network().toString()).isEqualTo(
                "Network(4 -> 6 tanh -> 3 softmax, loss crossEntropy, 51 parameters)");
        assertThat(model.scaling()).contains(Scaling.minMax(new double[] {4.3, 2.0, 1.0, 0.5},
                new double[] {7.9, 4.4, 6.9, 0.5}, -1, 1));
        assertThat(model.classNames()).containsExactly("setosa", "versicolor", "virginica-β");
        assertThat(model.provenance().settings()).containsExactly(Map.entry("epochs", "200"));
        List<double[][]> recorded = recorded("model-v1-classifier.predictions.txt");
        double[][] x = recorded.get(0);
        double[][] expected = recorded.get(1);
        double[][] actual = model.predict(x);
        // tanh and exp come from Math, which a JVM may compute to within 1 ulp differently from the JVM that
        // recorded them, so this model is held to 1e-14; it ran bit-identically where it was made
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).isCloseTo(expected[i][j], org.assertj.core.api.Assertions.within(1e-14));
            }
        }
        assertThat(model.predictClass(x)).containsExactly(argmax(expected));
        assertResavesToTheSameBytes(file, model, 1);
    }

    @Test
    void version2RegressionReproducesItsPredictionsBitForBit() throws Exception {
        Path file = resource("model-v2.mlp4j");
        Model model = Model.load(file);
        assertThat(model.network().toString()).isEqualTo(
                "Network(3 -> 5 relu -> 4 leakyRelu(0.25) -> 2 identity, loss mse, 54 parameters)");
        assertThat(model.scaling()).contains(Scaling.standard(new double[] {0.25, -1.5, 2.0},
                new double[] {0.5, 2.0, 4.0}));
        List<double[][]> recorded = recorded("model-v2.predictions.txt");
        ModelSamples.assertSameBits(model.predict(recorded.get(0)), recorded.get(1));
        // the same network as version 1's file: both files give the same bits
        ModelSamples.assertSameBits(model.predict(recorded.get(0)), recorded("model-v1.predictions.txt").get(1));
        assertResavesToTheSameBytes(file, model, 2);
    }

    @Test
    void version2ClassifierReproducesItsPredictions() throws Exception {
        Path file = resource("model-v2-classifier.mlp4j");
        Model model = Model.load(file);
        assertThat(model.classNames()).containsExactly("setosa", "versicolor", "virginica-β");
        List<double[][]> recorded = recorded("model-v2-classifier.predictions.txt");
        double[][] actual = model.predict(recorded.get(0));
        for (int i = 0; i < actual.length; i++) {
            for (int j = 0; j < actual[i].length; j++) {
                assertThat(actual[i][j]).isCloseTo(recorded.get(1)[i][j], org.assertj.core.api.Assertions.within(1e-14));
            }
        }
        assertThat(model.predictClass(recorded.get(0))).containsExactly(argmax(recorded.get(1)));
        assertResavesToTheSameBytes(file, model, 2);
    }

    @Test
    void version2UserLayerReproducesItsPredictionsBitForBit() throws Exception {
        GoldenModelFiles.registerUserLayer();
        Path file = resource("model-v2-user-layer.mlp4j");
        Model model = Model.load(file);
        assertThat(model.network().layers().get(1)).isInstanceOf(ScaleLayer.class);
        assertThat(((ScaleLayer) model.network().layers().get(1)).label()).isEqualTo("half");
        List<double[][]> recorded = recorded("model-v2-user-layer.predictions.txt");
        ModelSamples.assertSameBits(model.predict(recorded.get(0)), recorded.get(1));
        assertResavesToTheSameBytes(file, model, 2);
    }

    /** A model of the current version re-saves to exactly its file; older versions are re-saved in the new one. */
    private static void assertResavesToTheSameBytes(Path file, Model model, int version) throws IOException {
        if (version == ModelWriter.FORMAT_VERSION) {
            assertThat(ModelWriter.toBytes(model)).isEqualTo(Files.readAllBytes(file));
        }
    }

    private static int[] argmax(double[][] p) {
        int[] c = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 1; j < p[i].length; j++) {
                if (p[i][j] > p[i][c[i]]) {
                    c[i] = j;
                }
            }
        }
        return c;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GoldenModelsTest.class.getResource(name).toURI());
    }

    /** Returns the recorded inputs [0] and predictions [1] of a .predictions.txt file. */
    private static List<double[][]> recorded(String name) throws Exception {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (String line : Files.readAllLines(resource(name), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] halves = line.split("\\|");
            xs.add(parse(halves[0]));
            ys.add(parse(halves[1]));
        }
        assertThat(xs).hasSize(8);
        return List.of(xs.toArray(new double[0][]), ys.toArray(new double[0][]));
    }

    private static double[] parse(String hex) {
        String[] words = hex.trim().split(" +");
        double[] v = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(words[i], 16));
        }
        return v;
    }
}
