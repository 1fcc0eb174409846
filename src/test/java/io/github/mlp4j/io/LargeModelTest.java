package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.testing.Forked;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves and loads a model of just over 1 GiB ({@code input(11600).dense(11600)}, 1.077 GB) in a
 * child JVM with a 6 GB heap. It runs only on machines with 20 GB of memory or more; elsewhere it
 * is skipped (the encoder's growth near the array limit is also tested directly, in EncoderTest).
 */
class LargeModelTest {
    private static final long CHILD_HEAP = 6L << 30;

    @TempDir
    Path dir;

    @Test
    void aModelOfMoreThanOneGibibyteSavesAndLoads() throws Exception {
        // the tests' JVM gets a quarter of the machine's memory by default: 5 GB or more means 20 GB or more
        long max = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(max >= 5L << 30, "needs a machine with 20 GB or more (this JVM may use "
                + (max >> 20) + " MB)");
        Path file = dir.resolve("large.mlp4j");
        Process child = Forked.start(SaveAndLoad.class, List.of("-Xmx" + (CHILD_HEAP >> 20) + "m", "-XX:TieredStopAtLevel=4"), file.toString());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).as(output).isTrue();
        System.out.print(output);                                            // the times, for the record
        assertThat(output).as(output).contains("saved " + Files.size(file) + " bytes", "loaded the same parameters");
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(Files.size(file)).isGreaterThan(1L << 30);
    }

    /** The child: builds, saves, forgets, loads, and compares a hash of the parameters. */
    public static final class SaveAndLoad {
        private SaveAndLoad() {
        }

        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            Network net = Network.builder().input(11600).dense(11600, Activation.identity()).loss(Loss.mse())
                    .threads(1).build();
            int hash = Arrays.hashCode(net.parameters());
            long start = System.nanoTime();
            Model.of(net).save(file);
            System.out.printf("saved %d bytes in %.1f s%n", Files.size(file), (System.nanoTime() - start) / 1e9);
            net = null;
            System.gc();
            start = System.nanoTime();
            Network back = Model.load(file).network();
            System.out.printf("loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
            System.out.println(Arrays.hashCode(back.parameters()) == hash ? "loaded the same parameters" : "differs");
        }
    }
}
