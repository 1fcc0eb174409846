package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@link TrainCsv} with its defaults and {@code --seed 1} on the four shared data sets and
 * checks the test-accuracy floors. The data sets live in {@code ../shared/datasets} relative to
 * the repository root (or in the folder named by the system property {@code mlp4j.datasets}); the
 * test is skipped when that folder is absent.
 */
class TrainCsvDatasetsTest {
    private static final Path DATASETS = Path.of(System.getProperty("mlp4j.datasets", "../shared/datasets"));

    @ParameterizedTest
    @CsvSource({"iris, 0.93", "wine, 0.94", "breast_cancer, 0.95", "digits, 0.96"})
    void reachesTheAccuracyFloor(String name, double floor) throws Exception {
        Path file = DATASETS.resolve(name + ".csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "Skipped: " + file.toAbsolutePath()
                + " is absent; put the shared data sets in ../shared/datasets to run this check.");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TrainCsv.Result result;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            result = TrainCsv.run(new String[] {"--data", file.toString(), "--seed", "1"}, out);
        }
        String[] lines = text.toString(StandardCharsets.UTF_8).split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("{\"data\": \"" + name + ".csv\", \"test_accuracy\": ").contains("\"epochs\": ")
                .contains("\"train_seconds\": ").endsWith("}");
        assertThat(result.testAccuracy()).as("%s test accuracy", name).isGreaterThanOrEqualTo(floor);
    }
}
