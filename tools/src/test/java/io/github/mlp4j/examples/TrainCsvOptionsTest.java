package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The options and data-dependent defaults of {@link TrainCsv}. */
class TrainCsvOptionsTest {
    private static final Path DATASETS = Path.of(System.getProperty("mlp4j.datasets", "../shared/datasets"));

    @TempDir
    Path dir;

    @Test
    void hiddenSizesFollowTheInputWidthAndClassCount() {
        assertThat(TrainCsv.defaultHidden(4, 3)).containsExactly(64);        // iris
        assertThat(TrainCsv.defaultHidden(13, 3)).containsExactly(64);       // wine
        assertThat(TrainCsv.defaultHidden(30, 2)).containsExactly(64);       // breast cancer
        assertThat(TrainCsv.defaultHidden(33, 2)).containsExactly(128);      // 2·33 = 66 → 128
        assertThat(TrainCsv.defaultHidden(64, 10)).containsExactly(128);     // digits
        assertThat(TrainCsv.defaultHidden(784, 10)).containsExactly(256, 128);   // MNIST
        assertThat(TrainCsv.defaultHidden(10, 40)).containsExactly(160);     // at least 4·classes
    }

    @Test
    void theL2CoefficientGrowsForNetworksWithManyParametersPerRow() {
        assertThat(TrainCsv.defaultL2(9_610, 1_437)).isEqualTo(1e-4);        // digits: 6.7 per row
        assertThat(TrainCsv.defaultL2(235_146, 8_000)).isEqualTo(1e-3);      // MNIST: 29 per row
    }

    private Path blobs() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            csv.append(c * 5 + Math.sin(i)).append(',').append(c * -4 + Math.cos(i)).append(',').append(c).append('\n');
        }
        return Files.writeString(dir.resolve("blobs.csv"), csv);
    }

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            TrainCsv.run(args, out);
        }
        String[] lines = text.toString(StandardCharsets.UTF_8).split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void dropoutRatesOutsideZeroToOneAreRefused() throws Exception {
        Path file = blobs();
        assertThatThrownBy(() -> run("--data", file.toString(), "--dropout", "1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
    }

    @Test
    void unknownOptimizersAndBadSizesAreRefused() throws Exception {
        Path file = blobs();
        assertThatThrownBy(() -> run("--data", file.toString(), "--optimizer", "adagrad"))
                .hasMessageContaining("use adam, sgd or lbfgs");
        assertThatThrownBy(() -> run("--data", file.toString(), "--hidden", "8,0"))
                .hasMessageContaining("positive layer sizes");
    }

    @ParameterizedTest
    @CsvSource({"adam, 8", "sgd, 8", "lbfgs, 8"})
    void everyOptimizerTrainsWithTheHiddenSizesGiven(String optimizer, int units) throws Exception {
        String last = run("--data", blobs().toString(), "--optimizer", optimizer, "--hidden", units + "," + units,
                "--epochs", "300");
        assertThat(last).contains("\"optimizer\": \"" + optimizer + "\"").contains("\"hidden\": \"8,8\"");
        assertThat(last).contains("\"test_accuracy\": 1.000000");
    }

    @ParameterizedTest
    @CsvSource({"wine, 0.94", "breast_cancer, 0.94"})
    void lbfgsReachesTheAccuracyFloorOnTheSharedDataSets(String name, double floor) throws Exception {
        Path file = DATASETS.resolve(name + ".csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "Skipped: " + file.toAbsolutePath() + " is absent.");
        String last = run("--data", file.toString(), "--seed", "1", "--optimizer", "lbfgs");
        double accuracy = Double.parseDouble(last.replaceAll(".*\"test_accuracy\": ([0-9.]+).*", "$1"));
        assertThat(accuracy).as("%s test accuracy with L-BFGS", name).isGreaterThanOrEqualTo(floor);
    }
}
