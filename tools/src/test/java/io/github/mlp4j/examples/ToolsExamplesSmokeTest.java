package io.github.mlp4j.examples;

import static io.github.mlp4j.examples.ExampleRuns.checkPicture;
import static io.github.mlp4j.examples.ExampleRuns.names;
import static io.github.mlp4j.examples.ExampleRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.onnx.OnnxRuntimeRunner;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples that use mlp4j-tools ({@code CustomLayer}, {@code Mnist}, {@code TrainCsv},
 * {@code Tour}, {@code ImportOnnx}) with short settings, reads the JSON object each prints last,
 * and checks its results and the files it names. Standard output is captured, so the test is
 * silent.
 */
class ToolsExamplesSmokeTest {
    @TempDir
    Path dir;

    @Test
    void aLayerOfYourOwnTrainsSavesLoadsAndExportsToOnnxWithItsWriter() throws Exception {
        JsonNode result = run(CustomLayer::main, "--out", dir.toString());

        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.get("gradient_check_error").asDouble()).isLessThan(1e-6);
        assertThat(result.get("same_after_load").asBoolean()).isTrue();
        assertThat(result.get("onnx_refusal").asText()).contains("layer 2").contains("ScaleShift")
                .contains("withLayerWriter(ScaleShift.class");
        // ONNX Runtime runs the exported file as the saved network predicts (the kind is registered by main)
        Network net = Network.load(Path.of(result.get("model").asText()));
        double[][] x = Generators.circles(50, 0.05, 0.5, 9).x();
        double[][] onnx = OnnxRuntimeRunner.run(Path.of(result.get("onnx").asText()), "x", new long[] {2}, true, x, "y");
        assertThat(OnnxRuntimeRunner.largestRelativeError(onnx, net.predict(x))).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void mnistLearnsSyntheticDigitsTestedOnTheRestOfTheTrainingFile() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        writeDigits(data, "train", 300, 1, false);
        writeDigits(data, "t10k", 50, 2, true);

        JsonNode result = run(Mnist::main, "--data", data.toString(), "--train", "200", "--test", "100",
                "--epochs", "5", "--out", dir.toString());

        assertThat(result.get("train_size").asInt()).isEqualTo(200);
        assertThat(result.get("test_size").asInt()).isEqualTo(100);        // rows 200–299 of the training file
        assertThat(result.get("epochs").asInt()).isEqualTo(5);
        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        checkConfusion(result, 100, result.get("test_accuracy").asDouble());
        assertThat(names(result.get("pictures"))).containsExactly("cost");
        checkPicture(result.get("pictures").get("cost"), dir.resolve("mnist-cost.png"), 640, 480);
    }

    @Test
    void mnistTestsOnTheGzippedT10kFileWhenTheTrainingFileIsUsedUp() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        writeDigits(data, "train", 200, 1, false);
        writeDigits(data, "t10k", 60, 2, true);

        JsonNode result = run(Mnist::main, "--data", data.toString(), "--train", "200", "--test", "100",
                "--epochs", "5", "--out", dir.toString());

        assertThat(result.get("train_size").asInt()).isEqualTo(200);
        assertThat(result.get("test_size").asInt()).isEqualTo(60);         // all of t10k: it has only 60
        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        checkConfusion(result, 60, result.get("test_accuracy").asDouble());
    }

    @Test
    void trainCsvClassifiesThreeBlobsFromACsvFile() throws Exception {
        // three well separated blobs: centres 6 apart, standard deviation 1
        Dataset blobs = Generators.blobs(240, new double[][] {{0, 0}, {6, 0}, {0, 6}}, 1.0, 3);
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        int[] labels = blobs.labels();
        for (int i = 0; i < blobs.size(); i++) {
            double[] x = blobs.x(i);
            csv.append(x[0]).append(',').append(x[1]).append(",c").append(labels[i]).append('\n');
        }
        Path file = Files.writeString(dir.resolve("blobs.csv"), csv);

        JsonNode result = run(TrainCsv::main, "--data", file.toString(), "--epochs", "60", "--seed", "1");

        assertThat(result.get("data").asText()).isEqualTo("blobs.csv");
        assertThat(result.get("test_rows").asInt()).isEqualTo(48);            // 20 % of 240, stratified
        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.get("epochs").asInt()).isBetween(1, 60);
    }

    @Test
    void tourTrainsSavesLoadsAndExports() throws Exception {
        JsonNode result = run(Tour::main, "--out", dir.toString());

        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.get("loaded_predicts_the_same").asBoolean()).isTrue();
        Path model = Path.of(result.get("model").asText());
        assertThat(model).isEqualTo(dir.resolve("blobs.mlp4j"));
        assertThat(io.github.mlp4j.Network.load(model).outputSize()).isEqualTo(3);
        assertThat(Path.of(result.get("onnx").asText())).isRegularFile().isNotEmptyFile();
        assertThat(result.get("trainer_test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.get("trainer_epochs").asInt()).isBetween(20, 300);
        assertThat(result.get("gradient_error").asDouble()).isLessThan(1e-6);
        assertThat(dir.resolve("history.csv")).isRegularFile();
    }

    @Test
    void importOnnxReadsAPyTorchModelAndPredicts() throws Exception {
        Path model = Path.of(ToolsExamplesSmokeTest.class.getResource("/io/github/mlp4j/onnx/pytorch_mlp.onnx").toURI());

        JsonNode result = run(ImportOnnx::main, "--model", model.toString(), "--rows", "4");

        assertThat(result.get("producer").asText()).isEqualTo("pytorch 2.13.0");
        assertThat(result.get("opset").asInt()).isEqualTo(17);
        assertThat(result.get("network").asText()).startsWith("Network(6 -> 10 relu -> 8 leakyRelu");
        assertThat(result.get("inputs").asInt()).isEqualTo(6);
        assertThat(result.get("outputs").asInt()).isEqualTo(3);
        assertThat(result.get("scaling").asText()).isEqualTo("none");
        assertThat(result.get("classes").size()).isEqualTo(4);
        result.get("classes").forEach(c -> assertThat(c.asInt()).isBetween(0, 2));
    }

    @Test
    void importOnnxKeepsTheGraphsInputScaling() throws Exception {
        Path model = Path.of(ToolsExamplesSmokeTest.class.getResource("/io/github/mlp4j/onnx/sklearn_pipeline_regressor.onnx")
                .toURI());

        JsonNode result = run(ImportOnnx::main, "--model", model.toString());

        assertThat(result.get("scaling").asText()).isEqualTo("standard");
        assertThat(result.get("rows").asInt()).isEqualTo(5);
        assertThat(result.has("classes")).isFalse();
    }

    /**
     * Writes {@code count} synthetic 28×28 "digits" as an MNIST pair of IDX files: digit d is a
     * bright horizontal bar on rows 2 + 2.4·d to 3 + 2.4·d (rounded down), starting at a random
     * column, on a background of faint random noise; labels cycle 0, 1, …, 9.
     */
    private static void writeDigits(Path directory, String prefix, int count, long seed, boolean gzip)
            throws IOException {
        Rng rng = new Rng(seed);
        byte[] pixels = new byte[count * 28 * 28];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int digit = i % 10;
            labels[i] = (byte) digit;
            int top = 2 + (int) (2.4 * digit);
            int left = 2 + rng.nextInt(6);
            for (int row = 0; row < 28; row++) {
                for (int column = 0; column < 28; column++) {
                    boolean bar = row >= top && row <= top + 1 && column >= left && column < left + 18;
                    int value = bar ? 200 + rng.nextInt(56) : rng.nextInt(40);
                    pixels[i * 784 + row * 28 + column] = (byte) value;
                }
            }
        }
        String suffix = gzip ? ".gz" : "";
        try (DataOutputStream out = open(directory.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip)) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = open(directory.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip)) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            out.write(labels);
        }
    }

    private static DataOutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new DataOutputStream(gzip ? new GZIPOutputStream(out) : out);
    }

    /** Checks that the confusion matrix counts every test image once and agrees with the accuracy. */
    private static void checkConfusion(JsonNode result, int testSize, double accuracy) {
        JsonNode confusion = result.get("confusion");
        assertThat(names(confusion)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        int total = 0;
        int diagonal = 0;
        for (int actual = 0; actual < 10; actual++) {
            JsonNode row = confusion.get(Integer.toString(actual));
            assertThat(row.size()).isEqualTo(10);
            for (int predicted = 0; predicted < 10; predicted++) {
                total += row.get(predicted).asInt();
                diagonal += actual == predicted ? row.get(predicted).asInt() : 0;
            }
        }
        assertThat(total).isEqualTo(testSize);
        assertThat((double) diagonal / testSize).isCloseTo(accuracy, within(1e-6));
    }
}
