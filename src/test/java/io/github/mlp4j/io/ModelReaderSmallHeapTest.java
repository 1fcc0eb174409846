package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.testing.Forked;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads files whose size fields claim gigabytes in a child JVM with a 32 MB heap: each must be
 * refused with a {@link ModelFormatException}, never an {@link OutOfMemoryError}.
 */
class ModelReaderSmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void hugeSizeFieldsNeverExhaustA32MegabyteHeap() throws Exception {
        byte[] model = ModelSamples.smallBytes();
        List<String> files = new ArrayList<>();
        files.add(write("body-length", edit(model, 12, Format.MAX_BODY, false)));
        files.add(write("body-length-under-stream-limit", edit(model, 12, (1 << 30) - 64, false)));
        files.add(write("layer-count", edit(model, 28, Integer.MAX_VALUE, true)));
        files.add(write("input-size", edit(model, 24, Integer.MAX_VALUE, true)));
        files.add(write("layer-size", edit(model, 32, Integer.MAX_VALUE, true)));
        int lossAt = ModelReaderTest.indexOfString(model, "crossEntropy");
        files.add(write("loss-length", edit(model, lossAt, Integer.MAX_VALUE, true)));
        files.add(write("parameter-count", edit(model, lossAt + 4 + 12, Integer.MAX_VALUE, true)));
        int widthAt = ModelReaderTest.indexOfString(model, "standard") + 4 + 8;
        files.add(write("scaling-width", edit(model, widthAt, Integer.MAX_VALUE, true)));
        int namesAt = ModelReaderTest.indexOfString(model, "setosa") - 4;
        files.add(write("class-count", edit(model, namesAt, Integer.MAX_VALUE, true)));
        files.add(write("class-name-length", edit(model, namesAt + 4, Integer.MAX_VALUE - 1, true)));
        int settingsAt = ModelReaderTest.indexOfString(model, "epochs") - 4;
        files.add(write("setting-count", edit(model, settingsAt, 1 << 30, true)));

        List<String> args = new ArrayList<>(files);
        Process child = Forked.start(Loader.class, List.of("-Xmx32m"), args.toArray(new String[0]));
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("refused " + 3 * files.size() + " of " + 3 * files.size());
        assertThat(child.exitValue()).as(output).isZero();
    }

    @Test
    void damagedLargeFilesGetTheChecksumErrorUnderA64MegabyteHeap() throws Exception {
        Network net = Network.builder().input(2000).dense(2000, Activation.identity()).loss(Loss.mse()).build();
        byte[] model = ModelWriter.toBytes(Model.of(net));                    // 32 MB
        net = null;
        model[model.length / 2] ^= 0x10;
        List<String> files = new ArrayList<>();
        files.add(write("flipped-32mb", model));
        model = null;
        for (int megabytes : new int[] {40, 100}) {
            byte[] random = new byte[megabytes << 20];
            new Rng(megabytes).nextBytes(random);
            System.arraycopy(ModelSamples.smallBytes(), 0, random, 0, Format.HEADER);
            Format.putInt32(random, 12, random.length - Format.HEADER - Format.TRAILER);
            files.add(write("random-body-" + megabytes + "mb", random));
        }
        Process child = Forked.start(ChecksumLoader.class, List.of("-Xmx64m"), files.toArray(new String[0]));
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("checksum " + files.size() + " of " + files.size())
                .contains("refused " + 2 * files.size() + " of " + 2 * files.size());
        assertThat(child.exitValue()).as(output).isZero();
    }

    /**
     * The child: loads each file as a path (which must give the checksum error) and as a stream
     * (which must be refused with a ModelFormatException, by the checksum or because the heap
     * cannot hold it).
     */
    public static final class ChecksumLoader {
        private ChecksumLoader() {
        }

        public static void main(String[] args) {
            int checksum = 0;
            int refused = 0;
            for (String name : args) {
                try {
                    ModelReader.load(Path.of(name));
                    System.out.println(name + " loaded");
                } catch (ModelFormatException e) {
                    refused++;
                    checksum += e.field().equals("checksum") ? 1 : 0;
                    System.out.println(name + ": " + e.getMessage());
                } catch (Throwable t) {
                    System.out.println(name + " threw " + t);
                }
                try (InputStream in = Files.newInputStream(Path.of(name))) {
                    ModelReader.read(in, Long.MAX_VALUE);
                    System.out.println(name + " (stream) loaded");
                } catch (ModelFormatException e) {
                    refused++;
                    System.out.println(name + " (stream): " + e.getMessage());
                } catch (Throwable t) {
                    System.out.println(name + " (stream) threw " + t);
                }
            }
            System.out.println("checksum " + checksum + " of " + args.length);
            System.out.println("refused " + refused + " of " + 2 * args.length);
            System.exit(checksum == args.length && refused == 2 * args.length ? 0 : 1);
        }
    }

    private static byte[] edit(byte[] model, int at, int value, boolean reseal) {
        byte[] edited = model.clone();
        Format.putInt32(edited, at, value);
        return reseal ? ModelSamples.reseal(edited) : edited;
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name + ".mlp4j");
        Files.write(file, bytes);
        return file.toString();
    }

    /** The child: loads each file as a path, a stream without a practical limit, and an array. */
    public static final class Loader {
        private Loader() {
        }

        public static void main(String[] args) throws IOException {
            int refused = 0;
            int attempts = 0;
            for (String name : args) {
                Path file = Path.of(name);
                byte[] bytes = Files.readAllBytes(file);
                for (int how = 0; how < 3; how++) {
                    attempts++;
                    try (InputStream in = new ByteArrayInputStream(bytes)) {
                        if (how == 0) {
                            ModelReader.load(file);
                        } else if (how == 1) {
                            ModelReader.read(in, Long.MAX_VALUE);
                        } else {
                            ModelReader.fromBytes(Arrays.copyOf(bytes, bytes.length));
                        }
                        System.out.println(name + " (" + how + ") loaded");
                    } catch (ModelFormatException e) {
                        refused++;
                    } catch (Throwable t) {
                        System.out.println(name + " (" + how + ") threw " + t);
                    }
                }
            }
            System.out.println("refused " + refused + " of " + attempts);
            System.exit(refused == attempts ? 0 : 1);
        }
    }
}
