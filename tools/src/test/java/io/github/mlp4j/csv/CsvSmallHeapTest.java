package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.testing.Forked;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV attacks where memory is the point, in a child JVM with a 64 MB heap: a 50 MB line, a
 * capacity of {@code Integer.MAX_VALUE} on a 2-row file, and a typo label that would make 60,001
 * classes. Each must end in a {@link CsvFormatException} or work, never an {@link OutOfMemoryError}.
 */
class CsvSmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void hostileFilesNeverExhaustA64MegabyteHeap() throws Exception {
        Path longLine = dir.resolve("long-line.csv");
        try (Writer w = Files.newBufferedWriter(longLine, StandardCharsets.UTF_8)) {
            w.write("a,label\n1,0\n");
            char[] block = new char[1 << 20];
            java.util.Arrays.fill(block, '7');
            for (int i = 0; i < 50; i++) {
                w.write(block);                                              // one 50 MB cell on line 3
            }
            w.write(",1\n");
        }
        Path twoRows = dir.resolve("two-rows.csv");
        Files.writeString(twoRows, "a,label\n1,0\n2,1\n");
        StringBuilder typo = new StringBuilder("a,label\n");
        for (int i = 0; i < 3000; i++) {
            typo.append(i).append(',').append(i % 3).append('\n');
        }
        Path typoFile = dir.resolve("typo.csv");
        Files.writeString(typoFile, typo + "7,60000\n");
        Process child = Forked.start(Child.class, List.of("-Xmx64m"), longLine.toString(), twoRows.toString(),
                typoFile.toString());
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output)
                .contains("reader long-line.csv: long-line.csv, line 3, column 1: the cell is longer than 4096")
                .contains("source long-line.csv: long-line.csv, line 3, column 1: the cell is longer than 4096")
                .contains("two-rows.csv: 2 rows per pass, capacity 2")
                .contains("reader typo.csv: typo.csv: the labels are integers from 0 to 60000, which makes 60001 classes")
                .contains("source typo.csv: typo.csv: the labels are integers from 0 to 60000")
                .doesNotContain("OutOfMemoryError");
        assertThat(child.exitValue()).as(output).isZero();
    }

    /** The child: reads each hostile file with CsvReader and streams it with CsvBatchSource, printing the outcome. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws IOException {
            Path longLine = Path.of(args[0]);
            Path twoRows = Path.of(args[1]);
            Path typo = Path.of(args[2]);
            for (Path file : List.of(longLine, typo)) {
                try {
                    CsvReader.defaults().read(file);
                    System.out.println("reader " + file.getFileName() + " read");
                } catch (CsvFormatException e) {
                    System.out.println("reader " + file.getFileName() + ": " + e.getMessage());
                }
                try (CsvBatchSource source = CsvBatchSource.open(file, CsvReader.defaults(), 100_000)) {
                    drain(source);
                    System.out.println("source " + file.getFileName() + " read");
                } catch (CsvFormatException e) {
                    System.out.println("source " + file.getFileName() + ": " + e.getMessage());
                }
            }
            try (CsvBatchSource source = CsvBatchSource.open(twoRows, CsvReader.defaults(), Integer.MAX_VALUE)) {
                int rows = drain(source);
                System.out.println("two-rows.csv: " + rows + " rows per pass, capacity " + source.capacity());
            }
        }

        private static int drain(CsvBatchSource source) throws IOException {
            double[][] x = new double[16][source.inputSize()];
            double[][] y = new double[16][source.outputSize()];
            int rows = 0;
            for (int pass = 0; pass < 2; pass++) {
                source.reset(pass);
                rows = 0;
                for (int k; (k = source.next(x, y)) > 0; ) {
                    rows += k;
                }
            }
            return rows;
        }
    }
}
