package io.github.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.spark.examples.SparkTrainCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainCsvTest {

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.eE+-]+)").matcher(json);
        assertThat(m.find()).as("key %s in %s", key, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theExampleTrainsBothLibrariesAndPrintsOneJsonLine(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("x0,x1,x2,x3,kind");
        for (Row r : TestSpark.blobs(400, 4, 21)) {
            double[] x = ((Vector) r.get(0)).toArray();
            lines.add(String.format(Locale.ROOT, "%f,%f,%f,%f,%s", x[0], x[1], x[2], x[3],
                    new String[] {"a", "b", "c"}[(int) r.getDouble(1)]));
        }
        Path csv = dir.resolve("blobs.csv");
        Files.write(csv, lines);
        String json = SparkTrainCsv.compare(TestSpark.session(), "--data", csv.toString(), "--label", "kind",
                "--seed", "3", "--hidden", "8", "--epochs", "6", "--batch", "32", "--rate", "0.03",
                "--mllib-iter", "30");
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(number(json, "test_accuracy")).isGreaterThan(0.85);
        assertThat(number(json, "mllib_test_accuracy")).isGreaterThan(0.7);
        assertThat(number(json, "train_seconds")).isPositive();
        assertThat(number(json, "mllib_train_seconds")).isPositive();
        assertThat(number(json, "train_rows") + number(json, "test_rows")).isEqualTo(400);
    }
}
