package io.github.mlp4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.io.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Fuzzes the importer with thousands of mutated ONNX models (bit flips, truncations, insertions,
 * overwrites with random bytes, varint length edits) of an mlp4j export in both precisions and of
 * the real PyTorch and skl2onnx-shaped goldens, and with random byte strings. Every input must
 * either import a network whose predictions are computable, or be refused with an
 * {@link OnnxImportException} with a message: never another exception, never an
 * {@link OutOfMemoryError}.
 */
class OnnxImporterFuzzTest {
    private static final List<byte[]> SEEDS = List.of(
            export(OnnxExporter.Precision.DOUBLE, Activation.leakyRelu(0.1)),
            export(OnnxExporter.Precision.FLOAT, Activation.tanh()),
            golden("pytorch_mlp.onnx"),
            golden("sklearn_binary_float64.onnx"),
            golden("keras_tf2onnx_scaled.onnx"));
    /** Varints that claim lengths up to 2⁶⁴ − 1, for length-field edits. */
    private static final long[] LENGTHS = {0, 1, 2, 127, 128, 255, 1 << 14, 1 << 20, Integer.MAX_VALUE,
        1L << 32, Long.MAX_VALUE, -1};

    private static byte[] export(OnnxExporter.Precision precision, Activation hidden) {
        Network net = Network.builder().input(3).dense(4, hidden).dense(2, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(5).build();
        return OnnxExporter.defaults().withPrecision(precision).toByteArray(net);
    }

    private static byte[] golden(String name) {
        try {
            return Files.readAllBytes(OnnxImporterGoldenTest.fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 4000, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void mutatedModelsImportOrAreRefusedClearly(@ForAll("mutants") byte[] mutant) {
        check(mutant);
    }

    @Property(tries = 1000, seed = "42", shrinking = ShrinkingMode.OFF)
    void randomBytesAreRefusedClearly(@ForAll("randomFiles") byte[] file) {
        check(file);
    }

    private static void check(byte[] input) {
        try {
            Model model = OnnxImporter.fromBytes(input, null);
            Network net = model.network();
            double[] row = new double[net.inputSize()];
            Arrays.fill(row, 0.5);
            assertThat(model.predict(row)).hasSize(net.outputSize());
        } catch (OnnxImportException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("a stream of bytes cannot fail to read, but got " + e, e);
        }
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<byte[]> chunk = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16);
        Arbitrary<UnaryOperator<byte[]>> flip = position.map(p -> b -> {
            if (b.length > 0) {
                int bit = p % (8 * b.length);
                b[bit >>> 3] ^= (byte) (1 << (bit & 7));
            }
            return b;
        });
        Arbitrary<UnaryOperator<byte[]>> truncate = position.map(p -> b -> Arrays.copyOf(b, p % (b.length + 1)));
        Arbitrary<UnaryOperator<byte[]>> insert = Combinators.combine(position, chunk).as((p, c) -> b -> {
            int at = p % (b.length + 1);
            byte[] out = new byte[b.length + c.length];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(c, 0, out, at, c.length);
            System.arraycopy(b, at, out, at + c.length, b.length - at);
            return out;
        });
        Arbitrary<UnaryOperator<byte[]>> overwrite = Combinators.combine(position, chunk).as((p, c) -> b -> {
            for (int i = 0; i < c.length && b.length > 0; i++) {
                b[(p + i) % b.length] = c[i];
            }
            return b;
        });
        Arbitrary<UnaryOperator<byte[]>> length = Combinators.combine(position,
                Arbitraries.of(Arrays.stream(LENGTHS).boxed().toList())).as((p, v) -> b -> replaceVarint(b, p, v));
        Arbitrary<List<UnaryOperator<byte[]>>> edits = Arbitraries.oneOf(flip, truncate, insert, overwrite, length)
                .list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(SEEDS), edits).as((seed, list) -> {
            byte[] b = seed.clone();
            for (UnaryOperator<byte[]> edit : list) {
                b = edit.apply(b);
            }
            return b;
        });
    }

    /** Replaces the varint that starts at or after {@code p} (mod length) by {@code value}. */
    private static byte[] replaceVarint(byte[] b, int p, long value) {
        if (b.length == 0) {
            return b;
        }
        int start = p % b.length;
        int end = start;
        while (end < b.length && (b[end] & 0x80) != 0) {
            end++;
        }
        end = Math.min(end + 1, b.length);
        byte[] encoded = new ProtoWriter().varint(1, value).toByteArray();                 // key 0x08, then the varint
        byte[] out = new byte[b.length - (end - start) + encoded.length - 1];
        System.arraycopy(b, 0, out, 0, start);
        System.arraycopy(encoded, 1, out, start, encoded.length - 1);
        System.arraycopy(b, end, out, start + encoded.length - 1, b.length - end);
        return out;
    }

    @Provide
    Arbitrary<byte[]> randomFiles() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }
}
