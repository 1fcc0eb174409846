package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * What the smoke tests of the examples share, in the core ({@code ExamplesSmokeTest}) and in
 * mlp4j-tools ({@code ToolsExamplesSmokeTest}): run a main with its output captured and read the
 * JSON object it prints last, and check a picture it wrote.
 */
final class ExampleRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleRuns() {
    }

    /** An example's main method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** Runs a main with standard output captured and returns its last line, parsed as JSON. */
    static JsonNode run(Main main, String... args) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            main.run(args);
        } finally {
            System.setOut(original);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertThat(lines.length).as("lines printed").isGreaterThan(1);
        JsonNode result = JSON.readTree(lines[lines.length - 1]);
        assertThat(result.isObject()).as("last line is a JSON object: " + lines[lines.length - 1]).isTrue();
        return result;
    }

    /** Checks that a picture is where the JSON says, decodes at the expected size and is not blank. */
    static void checkPicture(JsonNode path, Path expected, int width, int height) throws IOException {
        assertThat(path).as("picture path").isNotNull();
        Path file = Path.of(path.asText());
        assertThat(file).isEqualTo(expected).isRegularFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("decoded " + file).isNotNull();
        assertThat(image.getWidth()).as("width of " + file).isEqualTo(width);
        assertThat(image.getHeight()).as("height of " + file).isEqualTo(height);
        assertThat(distinctColors(image)).as("distinct colours in " + file).isGreaterThanOrEqualTo(10);
    }

    static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colors.size();
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
