package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.mlp4j.data.Dataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Fuzzes {@link CsvReader} and {@link CsvBatchSource} with thousands of mutated CSV files (bytes
 * and characters inserted, overwritten, deleted; invalid UTF-8; quotes, delimiters, line ends,
 * NUL, byte-order marks, lenient numbers), read with several formats. Every file must either be
 * read, into finite rows of consistent widths, or be refused with a {@link CsvFormatException}
 * that names the file in a short message; and both classes must agree: a file the reader refuses,
 * the batch source refuses within a pass, and a file the reader reads, the batch source streams
 * row for row.
 */
class CsvFuzzTest {
    private static final String SEED = "sepal,petal,label\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n"
            + "4.9, 1.5 ,setosa\n\"5.5\",3.1,\"versi,color\"\n";
    private static final List<String> PIECES = List.of(",", "\"", "\n", "\r", "\r\n", " ", "\t", ";", "0", "7", ".",
            "e", "E", "-", "+", "x", "NaN", "Infinity", "1f", "2d", "0x1p4", "\0", "\uFEFF", "é", "😀", "\"\"", ",,",
            "1e999", "setosa", "60000", "label");
    private static final List<CsvReader> FORMATS = List.of(CsvReader.defaults(),
            CsvReader.builder().target(CsvReader.Target.REGRESSION).labelIndex(0).build(),
            CsvReader.builder().classes("setosa", "versicolor", "virginica").build(),
            CsvReader.builder().header(false).target(CsvReader.Target.BINARY).build(),
            CsvReader.builder().delimiter(';').label("label").build());

    @Property(tries = 1500, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void mutatedFilesAreReadOrRefusedClearlyAndBothReadersAgree(@ForAll("mutants") byte[] file,
            @ForAll("formats") int format) throws IOException {
        Path path = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(path, file);
            check(path, FORMATS.get(format));
        } finally {
            Files.delete(path);
        }
    }

    private static void check(Path path, CsvReader format) throws IOException {
        String name = path.getFileName().toString();
        Dataset data = null;
        try {
            data = format.read(path);
        } catch (CsvFormatException e) {
            assertClear(e, name);
        }
        int streamed = 0;
        double streamedSum = 0;
        try (CsvBatchSource source = CsvBatchSource.open(path, format, 3)) {
            double[][] x = new double[2][source.inputSize()];
            double[][] y = new double[2][source.outputSize()];
            for (int pass = 0; pass < 2; pass++) {
                source.reset(pass);
                streamed = 0;
                streamedSum = 0;
                for (int k; (k = source.next(x, y)) > 0; ) {
                    streamed += k;
                    for (int r = 0; r < k; r++) {
                        streamedSum += Arrays.stream(x[r]).sum() + Arrays.stream(y[r]).sum();
                    }
                }
            }
        } catch (CsvFormatException e) {
            assertClear(e, name);
            assertThat(data).as("the reader read what the batch source refused: %s", e.getMessage()).isNull();
            return;
        }
        if (data == null) {
            fail("the batch source streamed what the reader refused");
        }
        assertThat(streamed).isEqualTo(data.size());
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            assertThat(Arrays.stream(data.x()[i]).allMatch(Double::isFinite)).isTrue();
            assertThat(data.x()[i]).hasSize(data.x()[0].length);
            sum += Arrays.stream(data.x()[i]).sum() + Arrays.stream(data.y()[i]).sum();
        }
        assertThat(streamedSum).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(sum))));
    }

    private static void assertClear(CsvFormatException e, String name) {
        assertThat(e.getMessage()).startsWith(name).hasSizeLessThan(1200);
        assertThat(e.getMessage()).doesNotContain("Input length");
    }

    @Provide
    Arbitrary<Integer> formats() {
        return Arbitraries.integers().between(0, FORMATS.size() - 1);
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().ofMaxLength(3));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4);
        Arbitrary<UnaryOperator<byte[]>> insertText = Combinators.combine(position, piece)
                .as((p, t) -> b -> insert(b, p, t.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<UnaryOperator<byte[]>> insertBytes = Combinators.combine(position, raw).as((p, r) -> b -> insert(b, p, r));
        Arbitrary<UnaryOperator<byte[]>> delete = Combinators.combine(position, Arbitraries.integers().between(1, 12))
                .as((p, n) -> b -> {
                    if (b.length == 0) {
                        return b;
                    }
                    int at = p % b.length;
                    int end = Math.min(b.length, at + n);
                    byte[] out = new byte[b.length - (end - at)];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, end, out, at, b.length - end);
                    return out;
                });
        Arbitrary<UnaryOperator<byte[]>> overwrite = Combinators.combine(position, raw).as((p, r) -> b -> {
            for (int i = 0; i < r.length && b.length > 0; i++) {
                b[(p + i) % b.length] = r[i];
            }
            return b;
        });
        return Arbitraries.oneOf(insertText, insertText, insertBytes, delete, overwrite).list().ofMinSize(0).ofMaxSize(4)
                .map(edits -> {
                    byte[] b = SEED.getBytes(StandardCharsets.UTF_8);
                    for (UnaryOperator<byte[]> edit : edits) {
                        b = edit.apply(b);
                    }
                    return b;
                });
    }

    private static byte[] insert(byte[] b, int p, byte[] chunk) {
        int at = p % (b.length + 1);
        byte[] out = new byte[b.length + chunk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(b, at, out, at + chunk.length, b.length - at);
        return out;
    }
}
