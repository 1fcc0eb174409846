package io.github.mlp4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.Scaling;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imports the golden models in {@code tools/src/test/resources/io/github/mlp4j/onnx} (made by
 * {@code make_fixtures.py}: real PyTorch exports, and graphs in skl2onnx's and tf2onnx's shapes)
 * and checks that each predicts what ONNX Runtime computes from the same file, on random rows:
 * within 1e-5 relative for float32 graphs and 1e-12 for float64 graphs.
 */
class OnnxImporterGoldenTest {
    private static final double FLOAT32 = 1e-5;
    private static final double FLOAT64 = 1e-12;

    static Path fixture(String name) {
        try {
            return Path.of(OnnxImporterGoldenTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** file, ONNX input, its feature shape, float64?, the ONNX output to compare, the expected network. */
    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("pytorch_mlp.onnx", "input", new long[] {2, 3}, false, "output",
                        "Network(6 -> 10 relu -> 8 leakyRelu(0.10000000149011612) -> 3 softmax, loss crossEntropy, "
                                + "185 parameters)"),
                Arguments.of("pytorch_dynamo_float64.onnx", "x", new long[] {5}, true, "p",
                        "Network(5 -> 12 tanh -> 12 tanh -> 1 sigmoid, loss binaryCrossEntropy, 241 parameters)"),
                Arguments.of("sklearn_classifier_zipmap.onnx", "X", new long[] {4}, false, "output_probability",
                        "Network(4 -> 16 relu -> 8 relu -> 3 softmax, loss crossEntropy, 243 parameters)"),
                Arguments.of("sklearn_binary_float64.onnx", "X", new long[] {5}, true, "probabilities",
                        "Network(5 -> 6 sigmoid -> 2 softmax, loss crossEntropy, 50 parameters)"),
                Arguments.of("sklearn_pipeline_regressor.onnx", "X", new long[] {3}, false, "variable1",
                        "Network(3 -> 7 tanh -> 1 identity, loss mse, 36 parameters)"),
                Arguments.of("keras_tf2onnx_scaled.onnx", "input_1", new long[] {6}, false, "dense_1",
                        "Network(6 -> 9 relu -> 4 softmax, loss crossEntropy, 103 parameters)"),
                Arguments.of("external_data.onnx", "x", new long[] {3}, false, "z2",
                        "Network(3 -> 5 tanh -> 2 identity, loss mse, 32 parameters)"),
                Arguments.of("typed_float_opset9.onnx", "x", new long[] {3}, false, "z2",
                        "Network(3 -> 5 tanh -> 2 identity, loss mse, 32 parameters)"),
                Arguments.of("typed_double_opset21.onnx", "x", new long[] {3}, true, "z2",
                        "Network(3 -> 5 tanh -> 2 identity, loss mse, 32 parameters)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void predictsWhatOnnxRuntimeComputes(String file, String input, long[] featureShape, boolean float64,
            String output, String expected) throws Exception {
        Path path = fixture(file);
        Model model = OnnxImporter.readModel(path);
        Network net = model.network();
        assertThat(net).hasToString(expected);
        assertThat(model.provenance().settings()).containsEntry("onnx.input", input)
                .containsEntry("onnx.precision", float64 ? "float64" : "float32");

        double[][] x = rows(new Rng(file.hashCode()), 64, net.inputSize());
        double[][] ort = OnnxRuntimeRunner.run(path, input, featureShape, float64, x, output);
        double[][] mine = model.predict(x);
        assertThat(OnnxRuntimeRunner.largestRelativeError(mine, ort)).isLessThanOrEqualTo(float64 ? FLOAT64 : FLOAT32);
        if (!float64) {                                              // and not merely within 1e-5 by luck
            assertThat(OnnxRuntimeRunner.largestRelativeError(mine, ort)).isLessThan(1e-5);
        }
    }

    @Test
    void theKerasNormalizationBecomesTheModelsScaling() throws Exception {
        Model model = OnnxImporter.readModel(fixture("keras_tf2onnx_scaled.onnx"));
        assertThat(model.scaling()).isPresent();
        Scaling.Standard scaling = (Scaling.Standard) model.scaling().orElseThrow();
        assertThat(scaling.mean()).hasSize(6);
        assertThat(java.util.Arrays.stream(scaling.scale()).boxed().toList()).allSatisfy(s -> assertThat(s).isBetween(0.5, 2.0));
        assertThatThrownBy(() -> OnnxImporter.read(fixture("keras_tf2onnx_scaled.onnx")))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("scales its input").hasMessageContaining("readModel");
    }

    @Test
    void theSklearnScalerBecomesTheModelsScaling() throws Exception {
        Model model = OnnxImporter.readModel(fixture("sklearn_pipeline_regressor.onnx"));
        Scaling.Standard scaling = (Scaling.Standard) model.scaling().orElseThrow();
        // make_fixtures.py scales the columns by 1, 10 and 0.1 around 5, -20 and 0.5
        assertThat(scaling.mean()[0]).isBetween(4.0, 6.0);
        assertThat(scaling.mean()[1]).isBetween(-30.0, -10.0);
        assertThat(scaling.scale()[1] / scaling.scale()[0]).isBetween(5.0, 20.0);
        assertThat(scaling.scale()[2] / scaling.scale()[0]).isBetween(0.05, 0.2);
    }

    @Test
    void theSklearnLabelBranchIsLeftOutAndItsLabelsBecomeClassNames() throws Exception {
        Path path = fixture("sklearn_classifier_zipmap.onnx");
        Model model = OnnxImporter.readModel(path);
        assertThat(model.classNames()).containsExactly("3", "5", "7");                     // make_fixtures.py
        double[][] x = rows(new Rng(5), 40, 4);
        double[][] labels = OnnxRuntimeRunner.run(path, "X", new long[] {4}, false, x, "label");
        for (int i = 0; i < x.length; i++) {
            assertThat(model.predictClassName(x[i])).isEqualTo(Long.toString((long) labels[i][0]));
        }
        Model binary = OnnxImporter.readModel(fixture("sklearn_binary_float64.onnx"));
        assertThat(binary.classNames()).containsExactly("0", "1");
        double[][] binaryRows = rows(new Rng(6), 40, 5);
        double[][] binaryLabels = OnnxRuntimeRunner.run(fixture("sklearn_binary_float64.onnx"), "X", new long[] {5},
                true, binaryRows, "label");
        for (int i = 0; i < binaryRows.length; i++) {
            assertThat(binary.predictClassName(binaryRows[i])).isEqualTo(Long.toString((long) binaryLabels[i][0]));
        }
    }

    @Test
    void externalDataNeedsThePathNotAStream() throws Exception {
        try (InputStream in = Files.newInputStream(fixture("external_data.onnx"))) {
            assertThatThrownBy(() -> OnnxImporter.read(in)).isInstanceOf(OnnxImportException.class)
                    .hasMessageContaining("external file 'external_data.onnx.data'")
                    .hasMessageContaining("read(Path)");
        }
    }

    @Test
    void aStreamReadsTheSameNetworkAsTheFile() throws Exception {
        Path path = fixture("pytorch_mlp.onnx");
        try (InputStream in = Files.newInputStream(path)) {
            assertThat(OnnxImporter.read(in).parameters()).isEqualTo(OnnxImporter.read(path).parameters());
        }
    }

    static double[][] rows(Rng rng, int n, int width) {
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextDouble(-3, 3);
            }
        }
        return x;
    }
}
