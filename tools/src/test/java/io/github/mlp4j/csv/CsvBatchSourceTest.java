package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.data.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBatchSourceTest {
    private static final String[] SPECIES = {"virginica", "setosa", "versicolor"};

    @TempDir
    Path dir;

    /** Writes n rows "id,2·id,species" with the species cycling through SPECIES. */
    private Path numberedFile(int n) throws IOException {
        StringBuilder s = new StringBuilder("id,double,species\n");
        for (int i = 0; i < n; i++) {
            s.append(i).append(',').append(2 * i).append(',').append(SPECIES[i % 3]).append('\n');
        }
        Path file = dir.resolve("numbered.csv");
        Files.writeString(file, s);
        return file;
    }

    /** Streams one whole pass and returns the ids (first input) in the order delivered. */
    private static List<Integer> pass(BatchSource source, long seed, int batch) throws IOException {
        double[][] x = new double[batch][source.inputSize()];
        double[][] y = new double[batch][source.outputSize()];
        List<Integer> ids = new ArrayList<>();
        source.reset(seed);
        for (int k; (k = source.next(x, y)) > 0; ) {
            for (int r = 0; r < k; r++) {
                ids.add((int) x[r][0]);
            }
        }
        return ids;
    }

    @Test
    void everyRowExactlyOncePerPassWithTheSameRowsAsCsvReader() throws IOException {
        Path file = numberedFile(1000);
        Dataset whole = CsvReader.defaults().read(file);
        try (CsvBatchSource source = CsvBatchSource.open(file, CsvReader.defaults(), 64)) {
            assertThat(source.inputSize()).isEqualTo(2);
            assertThat(source.outputSize()).isEqualTo(3);
            assertThat(source.classNames()).containsExactly("setosa", "versicolor", "virginica");
            double[][] x = new double[32][2];
            double[][] y = new double[32][3];
            BitSet seen = new BitSet();
            int total = 0;
            source.reset(5);
            for (int k; (k = source.next(x, y)) > 0; ) {
                for (int r = 0; r < k; r++) {
                    int id = (int) x[r][0];
                    assertThat(seen.get(id)).as("row %d delivered twice", id).isFalse();
                    seen.set(id);
                    total++;
                    assertThat(x[r]).containsExactly(whole.x(id));
                    assertThat(y[r]).containsExactly(whole.y(id));
                }
            }
            assertThat(total).isEqualTo(1000);
            assertThat(seen.cardinality()).isEqualTo(1000);
            assertThat(source.next(x, y)).isZero();            // still 0 after the end
        }
    }

    @Test
    void sameSeedSameOrderAndOtherSeedOtherOrder() throws IOException {
        Path file = numberedFile(500);
        try (CsvBatchSource a = CsvBatchSource.open(file, CsvReader.defaults(), 50);
             CsvBatchSource b = CsvBatchSource.open(file, CsvReader.defaults(), 50)) {
            List<Integer> first = pass(a, 1, 16);
            assertThat(pass(b, 1, 7)).isEqualTo(first);        // the batch size does not change the order
            assertThat(pass(a, 1, 16)).isEqualTo(first);        // nor does a second pass
            List<Integer> other = pass(a, 2, 16);
            assertThat(other).isNotEqualTo(first).containsExactlyInAnyOrderElementsOf(first);
            List<Integer> fileOrder = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                fileOrder.add(i);
            }
            assertThat(first).isNotEqualTo(fileOrder);
        }
    }

    @Test
    void theBufferCapacityBoundsHowFarRowsMove() throws IOException {
        Path file = numberedFile(200);
        List<Integer> fileOrder = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fileOrder.add(i);
        }
        try (CsvBatchSource one = CsvBatchSource.open(file, CsvReader.defaults(), 1);
             CsvBatchSource ten = CsvBatchSource.open(file, CsvReader.defaults(), 10);
             CsvBatchSource all = CsvBatchSource.open(file, CsvReader.defaults(), 1000)) {
            // a buffer of one row cannot shuffle at all
            assertThat(pass(one, 3, 16)).isEqualTo(fileOrder);
            // when sample p is emitted only rows 0..p+9 have been read, so id < p + 10
            List<Integer> local = pass(ten, 3, 16);
            for (int p = 0; p < local.size(); p++) {
                assertThat(local.get(p)).isLessThan(p + 10);
            }
            assertThat(local).isNotEqualTo(fileOrder);
            // a buffer holding the whole file shuffles it all: the last quarter shows up early
            assertThat(pass(all, 3, 16).subList(0, 100)).anyMatch(id -> id >= 150);
        }
    }

    @Test
    void binaryRegressionAndGivenClassesMatchCsvReader() throws IOException {
        String text = "a,label\n1,no\n2,yes\n3,no\n";
        for (CsvReader format : List.of(
                CsvReader.builder().target(CsvReader.Target.BINARY).build(),
                CsvReader.builder().classes("yes", "no").build(),
                CsvReader.builder().labelIndex(0).target(CsvReader.Target.REGRESSION).header(true).build())) {
            String csv = format.target() == CsvReader.Target.REGRESSION ? "y,a\n0.5,1\n-2,2\n" : text;
            Dataset whole = format.read(new StringReader(csv), "t.csv");
            try (CsvBatchSource source = CsvBatchSource.open(() -> new StringReader(csv), "t.csv", format, 2)) {
                assertThat(source.outputSize()).isEqualTo(whole.outputSize());
                assertThat(source.classNames()).isEqualTo(whole.classNames());
                double[][] x = new double[1][1];
                double[][] y = new double[1][whole.outputSize()];
                source.reset(9);
                int rows = 0;
                while (source.next(x, y) == 1) {
                    int id = (int) x[0][0];                    // the feature is 1, 2, 3: row id + 1
                    assertThat(y[0]).containsExactly(whole.y(id - 1));
                    rows++;
                }
                assertThat(rows).isEqualTo(whole.size());
            }
        }
    }

    @Test
    void aBadLineIsReportedWhenThePassReachesIt() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a,label\n1,0\n2,1\n3,x1\n");
        CsvReader format = CsvReader.builder().classes("0", "1").build();
        try (CsvBatchSource source = CsvBatchSource.open(file, format, 1)) {
            double[][] x = new double[4][1];
            double[][] y = new double[4][2];
            source.reset(0);
            assertThatThrownBy(() -> source.next(x, y))
                    .isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("bad.csv, line 4, column 2: the label \"x1\" is not one of the classes [0, 1]");
        }
        Files.writeString(file, "a,label\n");
        assertThatThrownBy(() -> CsvBatchSource.open(file, CsvReader.defaults(), 8))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("bad.csv: the file has no data rows");
        assertThatThrownBy(() -> CsvBatchSource.open(file, CsvReader.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be at least 1, but was 0");
    }

    @Test
    void enforcesTheLifeCycle() throws IOException {
        CsvBatchSource source = CsvBatchSource.open(numberedFile(10), CsvReader.defaults(), 4);
        double[][] x = new double[2][2];
        double[][] y = new double[2][3];
        assertThatThrownBy(() -> source.next(x, y))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call reset(seed) to start a pass");
        source.reset(1);
        source.close();
        assertThatThrownBy(() -> source.next(x, y))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    /**
     * Streams a million generated rows (about 17 MB of text) that never exist as a whole, and
     * checks that the first batch needs only the buffer's worth of the text: nothing reads ahead
     * or holds all rows.
     */
    @Test
    void readsLazilyWithConstantMemory() throws IOException {
        int n = 1_000_000;
        int capacity = 1000;
        List<GeneratedCsv> opened = new ArrayList<>();
        CsvReader format = CsvReader.builder().target(CsvReader.Target.REGRESSION).build();
        try (CsvBatchSource source = CsvBatchSource.open(() -> {
            GeneratedCsv r = new GeneratedCsv(n);
            opened.add(r);
            return r;
        }, "generated.csv", format, capacity)) {
            double[][] x = new double[100][1];
            double[][] y = new double[100][1];
            source.reset(4);
            assertThat(source.next(x, y)).isEqualTo(100);
            GeneratedCsv pass = opened.get(opened.size() - 1);
            // capacity + 100 rows of at most 18 chars, plus one 64 Ki-char read-ahead buffer
            assertThat(pass.rowsProduced).isLessThan(capacity + 100 + 65_536 / 8);
            BitSet seen = new BitSet(n);
            long count = 100;
            for (int r = 0; r < 100; r++) {
                seen.set((int) x[r][0]);
            }
            for (int k; (k = source.next(x, y)) > 0; ) {
                for (int r = 0; r < k; r++) {
                    int id = (int) x[r][0];
                    seen.set(id);
                    if (y[r][0] != id % 10) {
                        throw new AssertionError("row " + id + " has target " + y[r][0]);
                    }
                }
                count += k;
            }
            assertThat(count).isEqualTo(n);
            assertThat(seen.cardinality()).isEqualTo(n);
            assertThat(pass.closed).isTrue();
        }
    }

    /** A reader that makes the CSV rows "id,id mod 10" one at a time, counting the rows it has made. */
    private static final class GeneratedCsv extends Reader {
        private final int rows;
        private String pending = "id,target\n";
        private int position;
        private int rowsProduced;
        private boolean closed;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == pending.length()) {
                if (rowsProduced == rows) {
                    return -1;
                }
                pending = rowsProduced + "," + (rowsProduced % 10) + "\n";
                position = 0;
                rowsProduced++;
            }
            int k = Math.min(length, pending.length() - position);
            pending.getChars(position, position + k, buffer, offset);
            position += k;
            return k;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
