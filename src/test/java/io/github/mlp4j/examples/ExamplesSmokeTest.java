package io.github.mlp4j.examples;

import static io.github.mlp4j.examples.ExampleRuns.checkPicture;
import static io.github.mlp4j.examples.ExampleRuns.names;
import static io.github.mlp4j.examples.ExampleRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the core's examples' {@code main} with short settings, reads the JSON object each prints
 * last, and checks its results and that every picture it names exists, decodes at the expected
 * size and is not blank. Standard output is captured, so the test is silent. The examples that use
 * mlp4j-tools are run by that module's {@code ToolsExamplesSmokeTest}.
 */
class ExamplesSmokeTest {
    @TempDir
    Path dir;

    @Test
    void twoCirclesLearnsInAHundredEpochsAndDrawsOneFramePer25() throws Exception {
        JsonNode result = run(TwoCircles::main, "--epochs", "100", "--out", dir.toString());

        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.get("epochs").asInt()).isEqualTo(100);
        assertThat(result.get("loss").asText()).isEqualTo("binaryCrossEntropy");
        assertThat(result.get("final_cost").asDouble()).isBetween(0.0, 0.05);
        assertThat(result.get("train_seconds").asDouble()).isPositive();
        JsonNode pictures = result.get("pictures");
        assertThat(names(pictures)).containsExactly("boundary", "cost", "animation");
        checkPicture(pictures.get("boundary"), dir.resolve("two-circles-boundary.png"), 640, 560);
        checkPicture(pictures.get("cost"), dir.resolve("two-circles-cost.png"), 640, 480);
        checkPicture(pictures.get("animation"), dir.resolve("two-circles.gif"), 640, 560);
        assertThat(gifFrames(dir.resolve("two-circles.gif"))).isEqualTo(5);   // epoch 0, 25, 50, 75, 100
    }

    @Test
    void twoCirclesWithItsDefaultsReachesTheReadmeAccuracy() throws Exception {
        JsonNode result = run(TwoCircles::main, "--out", dir.toString(), "--gif-size", "400x350");

        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.get("epochs").asInt()).isEqualTo(300);
        checkPicture(result.get("pictures").get("animation"), dir.resolve("two-circles.gif"), 400, 350);
        assertThat(gifFrames(dir.resolve("two-circles.gif"))).isEqualTo(13);   // epoch 0 and 12 × 25
    }

    @Test
    void twoCirclesWithMeanSquaredErrorAndNoGif() throws Exception {
        JsonNode result = run(TwoCircles::main, "--mse", "--epochs", "150", "--no-gif", "--out", dir.toString());

        assertThat(result.get("loss").asText()).isEqualTo("mse");
        assertThat(result.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(names(result.get("pictures"))).containsExactly("boundary", "cost");
        assertThat(dir.resolve("two-circles.gif")).doesNotExist();
        checkPicture(result.get("pictures").get("boundary"), dir.resolve("two-circles-boundary.png"), 640, 560);
    }

    @Test
    void xorSeparatesTheFourPoints() throws Exception {
        JsonNode result = run(Xor::main, "--out", dir.toString());

        assertThat(result.get("test_accuracy").asDouble()).isEqualTo(1.0);
        assertThat(result.get("final_cost").asDouble()).isLessThan(0.05);
        assertThat(names(result.get("pictures"))).containsExactly("boundary");
        checkPicture(result.get("pictures").get("boundary"), dir.resolve("xor-boundary.png"), 640, 560);
    }

    @Test
    void activationsDrawsTheLibrarysFunctions() throws Exception {
        JsonNode result = run(Activations::main, "--out", dir.toString());

        // σ′(0) = σ(0)(1 − σ(0)) = ½·½; tanh′(0) = 1 − tanh²(0) = 1; −log ½ = log 2 (JSON keeps 6 digits)
        assertThat(result.get("sigmoid_derivative_at_0").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(result.get("tanh_derivative_at_0").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(result.get("cross_entropy_at_half").asDouble()).isCloseTo(Math.log(2), within(1e-6));
        assertThat(names(result.get("pictures"))).containsExactly("activations", "losses");
        checkPicture(result.get("pictures").get("activations"), dir.resolve("activations.png"), 1120, 840);
        checkPicture(result.get("pictures").get("losses"), dir.resolve("losses.png"), 1440, 420);
    }

    private static int gifFrames(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try {
                reader.setInput(in);
                return reader.getNumImages(true);
            } finally {
                reader.dispose();
            }
        }
    }
}
