package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the ExportOnnx example and classifies its data with the model it wrote, in ONNX Runtime. */
class ExportOnnxTest {

    @Test
    void writesAModelThatOnnxRuntimeRunsAsAClassifier(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("blobs.onnx");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ExportOnnx.main(new String[] {"--out", out.toString(), "--epochs", "50"});
        } finally {
            System.setOut(console);
        }
        String[] lines = printed.toString(StandardCharsets.UTF_8).strip().split("\n");
        String json = lines[lines.length - 1];
        assertThat(json).startsWith("{\"path\": \"" + out.toAbsolutePath())
                .contains("\"precision\": \"DOUBLE\"", "\"opset\": 13");

        Dataset blobs = Generators.blobs(300, 3, 1.0, 42);                 // the example's data and seed
        OrtEnvironment ort = OrtEnvironment.getEnvironment();
        try (OrtSession session = ort.createSession(out.toString(), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(ort, blobs.x());
                OrtSession.Result result = session.run(Map.of("x", x))) {
            double[][] p = (double[][]) result.get("y").orElseThrow().getValue();
            int[] labels = blobs.labels();
            int correct = 0;
            for (int i = 0; i < p.length; i++) {
                int best = 0;
                for (int j = 1; j < p[i].length; j++) {
                    best = p[i][j] > p[i][best] ? j : best;
                }
                correct += best == labels[i] ? 1 : 0;
            }
            assertThat(correct / (double) p.length).isGreaterThanOrEqualTo(0.95);
        }
    }
}
