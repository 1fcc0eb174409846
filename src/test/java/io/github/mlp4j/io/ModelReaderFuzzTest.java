package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
 * Fuzzes the reader with thousands of mutated model files (bit flips, truncations, insertions,
 * overwrites with random bytes, int32 size-field edits), some with their length and checksum
 * repaired so that the mutation reaches the decoder, and with random byte strings. Every input
 * must either be refused with a {@link ModelFormatException} from an explicit check, or load a
 * model whose bytes are exactly the input (so nothing loads that predicts differently from what
 * the bytes say).
 */
class ModelReaderFuzzTest {
    private static final byte[] MODEL = ModelSamples.smallBytes();
    private static final int[] INTERESTING = {-1, 0, 1, 2, 3, 8, 255, 256, 65_536, 1 << 24, 1 << 30,
        Integer.MAX_VALUE, Integer.MIN_VALUE, MODEL.length, MODEL.length - 20};

    /** How a mutant's header and trailer are repaired after mutation. */
    enum Repair { NONE, CHECKSUM, LENGTH_AND_CHECKSUM }

    @Property(tries = 4000, seed = "20261128", shrinking = ShrinkingMode.OFF)
    void mutatedModelsAreRefusedOrLoadExactlyTheirBytes(@ForAll("mutants") byte[] mutant) throws Exception {
        check(mutant);
    }

    @Property(tries = 1000, seed = "42", shrinking = ShrinkingMode.OFF)
    void randomBytesAfterTheMagicNumberAreRefused(@ForAll("randomFiles") byte[] file) throws Exception {
        check(file);
    }

    private static void check(byte[] input) throws Exception {
        try {
            Model model = ModelReader.fromBytes(input);
            assertThat(ModelWriter.toBytes(model)).isEqualTo(input);
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).contains("(field ").doesNotContain(ModelReaderTest.SAFETY_NET);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        try {
            Model model = ModelReader.read(in);
            byte[] read = Arrays.copyOf(input, input.length - in.available());   // a stream may hold more after it
            assertThat(ModelWriter.toBytes(model)).isEqualTo(read);
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).contains("(field ").doesNotContain(ModelReaderTest.SAFETY_NET);
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
        Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.of(Arrays.stream(INTERESTING).boxed().toList()),
                Arbitraries.integers());
        Arbitrary<UnaryOperator<byte[]>> sizeEdit = Combinators.combine(position, value).as((p, v) -> b -> {
            if (b.length >= 4) {
                Format.putInt32(b, p % (b.length - 3), v);
            }
            return b;
        });
        Arbitrary<List<UnaryOperator<byte[]>>> edits = Arbitraries.oneOf(flip, truncate, insert, overwrite, sizeEdit)
                .list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(edits, Arbitraries.of(Repair.class)).as((list, repair) -> {
            byte[] b = MODEL.clone();
            for (UnaryOperator<byte[]> edit : list) {
                b = edit.apply(b);
            }
            if (repair == Repair.LENGTH_AND_CHECKSUM && b.length >= Format.HEADER + Format.TRAILER) {
                Format.putInt32(b, 12, b.length - Format.HEADER - Format.TRAILER);
            }
            return repair == Repair.NONE ? b : ModelSamples.reseal(b);
        });
    }

    @Provide
    Arbitrary<byte[]> randomFiles() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400).map(tail -> {
            byte[] b = Arrays.copyOf(Format.MAGIC, Format.MAGIC.length + tail.length);
            System.arraycopy(tail, 0, b, Format.MAGIC.length, tail.length);
            return b;
        });
    }
}
