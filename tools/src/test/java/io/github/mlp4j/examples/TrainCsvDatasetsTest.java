package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@link TrainCsv} with its defaults and {@code --seed 1} on four data sets and checks the
 * test-accuracy floors. Iris and wine ship in {@code examples/data}, so they always run; breast
 * cancer and digits live in {@code ../shared/datasets} relative to the repository root (or in the
 * folder named by the system property {@code mlp4j.datasets}), and are skipped when absent.
 */
class TrainCsvDatasetsTest {
    private static final Path SHIPPED = Path.of("examples", "data");
    private static final Path DATASETS = Path.of(System.getProperty("mlp4j.datasets", "../shared/datasets"));

    @ParameterizedTest
    @CsvSource({"iris, 0.93", "wine, 0.94", "breast_cancer, 0.95", "digits, 0.96"})
    void reachesTheAccuracyFloor(String name, double floor) throws Exception {
        Path shipped = SHIPPED.resolve(name + ".csv");
        Path file = Files.isRegularFile(shipped) ? shipped : DATASETS.resolve(name + ".csv");
        if (name.equals("iris") || name.equals("wine")) {
            assertThat(shipped).as("shipped with the examples").isRegularFile();
        }
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

    @Test
    void trainsWithDropoutAfterEachHiddenLayer() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TrainCsv.Result result;
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            result = TrainCsv.run(new String[] {"--data", SHIPPED.resolve("wine.csv").toString(), "--seed", "1",
                "--dropout", "0.2"}, out);
        }
        assertThat(result.testAccuracy()).isGreaterThanOrEqualTo(0.9);
        assertThatThrownBy(() -> TrainCsv.run(new String[] {"--data", SHIPPED.resolve("wine.csv").toString(),
            "--dropout", "1.5"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
    }

    @Test
    void aMissingFileSaysWhereTheShippedDataSetsAre() {
        assertThatThrownBy(() -> TrainCsv.run(new String[] {"--data", "../shared/datasets/nothing-here.csv"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageStartingWith("../shared/datasets/nothing-here.csv: no such file: looked for "
                        + Path.of("../shared/datasets/nothing-here.csv").toAbsolutePath().normalize())
                .hasMessageContaining("--data examples/data/iris.csv");
    }
}
