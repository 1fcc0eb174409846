package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.testing.Forked;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (kill -9) a child JVM that saves models to one path in a loop, 30 times at random moments,
 * and checks after each kill that the file on disk loads and is one of the models the child saved.
 */
class ModelWriterCrashTest {
    private static final int RUNS = 30;
    private static final long ITERATIONS_PER_RUN = 1_000_000L;

    @TempDir
    Path dir;

    @Test
    void aSaveKilledAtAnyMomentLeavesTheLastOrThePreviousModel() throws Exception {
        Path file = dir.resolve("crash.mlp4j");
        Rng rng = new Rng(31);
        for (int run = 0; run < RUNS; run++) {
            long first = run * ITERATIONS_PER_RUN;
            Process child = Forked.start(Saver.class, List.of("-Xmx64m"), file.toString(), Long.toString(first));
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).as("the child's first line").isEqualTo("ready");   // one save done
                Thread.sleep(rng.nextInt(30));
            } finally {
                child.destroyForcibly();                                     // SIGKILL: no shutdown hooks, no cleanup
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Model model = Model.load(file);
            long iteration = Long.parseLong(model.provenance().settings().get("iteration"));
            assertThat(iteration).isBetween(first, first + ITERATIONS_PER_RUN - 1);
            ModelSamples.assertSameBits(model.network().parameters(),
                    Saver.parameters(iteration, model.network().parameterCount()));
            assertThat(temporaryFiles()).as("temporary files after run %d", run).isLessThanOrEqualTo(1);
        }
        ModelSamples.small().save(file);                                     // the next save cleans up
        assertThat(temporaryFiles()).isZero();
    }

    private long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(ModelWriter.TEMP_MARKER)).count();
        }
    }

    /** The child: saves models 0, 1, 2, ... (from args[1] on) to args[0] until killed, or for 60 s at most. */
    public static final class Saver {
        private Saver() {
        }

        /** The parameters of the model saved at {@code iteration}: θ_p = iteration + p / 1024, exact. */
        static double[] parameters(long iteration, int count) {
            double[] theta = new double[count];
            for (int p = 0; p < count; p++) {
                theta[p] = iteration + p / 1024.0;
            }
            return theta;
        }

        public static void main(String[] args) throws IOException {
            Path file = Path.of(args[0]);
            long iteration = Long.parseLong(args[1]);
            Network net = Network.builder().input(64).dense(256, Activation.relu()).dense(128, Activation.relu())
                    .dense(10, Activation.softmax()).loss(Loss.crossEntropy()).build();        // 50,826 parameters
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean first = true;
            while (System.nanoTime() < deadline) {
                net.setParameters(parameters(iteration, net.parameterCount()));
                Model.of(net).withProvenance(Provenance.of(net.seed(), Map.of("iteration", Long.toString(iteration))))
                        .save(file);
                if (first) {
                    System.out.println("ready");
                    System.out.flush();
                    first = false;
                }
                iteration++;
            }
        }
    }
}
