package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains from a CSV file about five times larger than the heap of the JVM that reads it: a forked
 * JVM with {@code -Xmx64m} streams a ~300 MB file through {@link CsvBatchSource} for one epoch, and
 * reaches the accuracy that in-memory training reaches on the same distribution.
 */
class LargerThanMemoryTest {
    static final long FILE_BYTES = 300L * 1024 * 1024;
    static final int TEST_ROWS = 10_000;

    /**
     * Two noisy circles: class 1 on radius 0.5, class 0 on radius 1, angle uniform, Gaussian noise
     * 0.1 on each coordinate. Rows are written in random order. The classes lie 2.5 noise standard
     * deviations apart, so the best possible accuracy is about 0.99.
     */
    static void row(Rng rng, double[] x, double[] y) {
        int label = rng.nextInt(2);
        double radius = label == 1 ? 0.5 : 1.0;
        double angle = 2 * Math.PI * rng.nextDouble();
        x[0] = radius * Math.cos(angle) + 0.1 * rng.nextGaussian();
        x[1] = radius * Math.sin(angle) + 0.1 * rng.nextGaussian();
        y[0] = label;
    }

    static double[][][] rows(long seed, int n) {
        Rng rng = new Rng(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            row(rng, x[i], y[i]);
        }
        return new double[][][] {x, y};
    }

    static Network network() {
        return Network.builder().input(2).dense(16, Activation.relu()).dense(8, Activation.relu())
                .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(3).build();
    }

    static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().epochs(epochs).batchSize(64).seed(4).optimizer(Optimizer.adam())
                .learningRate(0.003).build();
    }

    static double accuracy(Network net, double[][][] test) {
        int[] predicted = net.predictClass(test[0]);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == (int) test[1][i][0] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    /** Writes rows with 4 decimals until the file holds at least {@code bytes}; returns the row count. */
    static long write(Path file, long bytes, long seed) throws IOException {
        Rng rng = new Rng(seed);
        double[] x = new double[2];
        double[] y = new double[1];
        long rows = 0;
        long written = 0;
        StringBuilder line = new StringBuilder(32);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("x1,x2,label\n");
            while (written < bytes) {
                row(rng, x, y);
                line.setLength(0);
                decimal(line, x[0]).append(',');
                decimal(line, x[1]).append(',').append((int) y[0]).append('\n');
                out.append(line);
                written += line.length();
                rows++;
            }
        }
        return rows;
    }

    private static StringBuilder decimal(StringBuilder s, double v) {
        long scaled = Math.round(v * 10_000);
        if (scaled < 0) {
            s.append('-');
            scaled = -scaled;
        }
        s.append(scaled / 10_000).append('.');
        long fraction = scaled % 10_000;
        for (long d = 1000; d > 0; d /= 10) {
            s.append((char) ('0' + fraction / d % 10));
        }
        return s;
    }

    /** The forked JVM: streams the file for one epoch and prints its heap limit and accuracy. */
    public static final class StreamMain {
        private StreamMain() {
        }

        /**
         * Trains from the CSV file named by {@code args[0]}.
         *
         * @param args the file
         * @throws IOException if the file cannot be read
         */
        public static void main(String[] args) throws IOException {
            Network net = network();
            CsvReader format = CsvReader.builder().label("label").target(CsvReader.Target.BINARY).classes("0", "1")
                    .build();
            try (CsvBatchSource source = CsvBatchSource.open(Path.of(args[0]), format, 10_000)) {
                new Trainer(config(1)).fit(net, source);
            }
            System.out.printf(Locale.ROOT, "maxMemory=%d accuracy=%.6f%n", Runtime.getRuntime().maxMemory(),
                    accuracy(net, rows(99, TEST_ROWS)));
        }
    }

    @Test
    void streamsAFileFarLargerThanTheHeapToTheInMemoryAccuracy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("circles.csv");
        long rows = write(file, FILE_BYTES, 1);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(FILE_BYTES);

        Path log = dir.resolve("fork.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process fork = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamMain.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = fork.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            fork.destroyForcibly();
        }
        List<String> output = Files.readAllLines(log);
        assertThat(done).as("the forked JVM finished; output: %s", output).isTrue();
        assertThat(fork.exitValue()).as("exit value; output: %s", output).isZero();
        String last = output.get(output.size() - 1);
        long maxMemory = Long.parseLong(last.replaceAll(".*maxMemory=(\\d+).*", "$1"));
        double streamed = Double.parseDouble(last.replaceAll(".*accuracy=([0-9.]+).*", "$1"));

        Network inMemory = network();
        double[][][] train = rows(1, 20_000);
        new Trainer(config(20)).fit(inMemory, train[0], train[1]);
        double reference = accuracy(inMemory, rows(99, TEST_ROWS));

        assertThat(Files.size(file)).isGreaterThan(4 * maxMemory);      // far larger than the heap
        assertThat(rows).isGreaterThan(10_000_000);
        assertThat(reference).isGreaterThanOrEqualTo(0.97);
        assertThat(streamed).isCloseTo(reference, within(0.01));
    }
}
