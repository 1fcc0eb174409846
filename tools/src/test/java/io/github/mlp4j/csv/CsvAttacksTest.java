package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.train.History;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import io.github.mlp4j.train.TrainingListener;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV attacks of issue 20: bytes that are not UTF-8, lenient numbers, exploding label sets,
 * huge capacities, and files that change while a {@link CsvBatchSource} streams them. Each must
 * end in a {@link CsvFormatException} naming the file (and line and column where there is one),
 * or simply work.
 */
class CsvAttacksTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    // ----------------------------------------------------------------------------------------
    // Decoding

    @Test
    void bytesThatAreNotUtf8AreReportedWithLineAndColumn() throws IOException {
        byte[] latin1 = "a,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("latin1.csv", latin1);
        assertThatThrownBy(() -> CsvReader.defaults().read(file)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("latin1.csv, line 2, column 2: the byte E9 after 5 characters of the line is"
                        + " not UTF-8")
                .hasMessageContaining("save it as UTF-8");
        Path utf16 = write("utf16.csv", "a,label\n1,0\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> CsvReader.defaults().read(utf16)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("utf16.csv, line 1, column 1: the file is UTF-16 (it starts with the"
                        + " byte-order mark FE FF)");
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 2; i < 5002; i++) {
            text.append(i).append(",2,0\n");
        }
        byte[] bytes = (text + "7,x,1\n").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 4] = (byte) 0xFF;                                   // the x on line 5002
        Path late = write("late.csv", bytes);
        assertThatThrownBy(() -> CsvReader.defaults().read(late)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("late.csv, line 5002, column 2: the byte FF after 2 characters");
        assertThatThrownBy(() -> {
            try (CsvBatchSource source = CsvBatchSource.open(late, CsvReader.defaults(), 10)) {
                source.reset(1);
            }
        }).isInstanceOf(CsvFormatException.class).hasMessageStartingWith("late.csv, line 5002, column 2: the byte FF");
    }

    @Test
    void numbersAreParsedStrictly() throws IOException {
        for (String bad : List.of("1f", "2d", "0x1p4", "1\0", "1e", "e5", ".", "-", "+.e1", "1.2.3", "1e5.0", "١")) {
            Path file = write("bad.csv", "a,label\n" + bad + ",0\n");
            assertThatThrownBy(() -> CsvReader.defaults().read(file)).as(bad).isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("bad.csv, line 2, column 1: expected a number in the cell of column \"a\"");
        }
        for (String bad : List.of("NaN", "-Infinity", "1e999")) {
            Path file = write("inf.csv", "a,label\n" + bad + ",0\n");
            assertThatThrownBy(() -> CsvReader.defaults().read(file)).as(bad).isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("every value must be finite");
        }
        Path good = write("good.csv", "a,label\n12,0\n-0.5,0\n+.5,0\n1.5e-3,1\n2.E+2,1\n007,1\n");
        assertThat(CsvReader.defaults().read(good).x()).isDeepEqualTo(new double[][] {{12}, {-0.5}, {0.5}, {1.5e-3},
            {200}, {7}});
    }

    @Test
    void aLongCellIsRefusedWithAShortMessage() throws IOException {
        Path file = write("long.csv", "a,label\n" + "9".repeat(100_000) + ",0\n");
        assertThatThrownBy(() -> CsvReader.defaults().read(file)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("long.csv, line 2, column 1: the cell is longer than 4096 characters (it starts"
                        + " \"" + "9".repeat(40) + "…\")")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }

    // ----------------------------------------------------------------------------------------
    // Labels

    @Test
    void aTypoThatExplodesTheClassesIsRefusedWithTheCountAndAHint() throws IOException {
        Path file = write("typo.csv", "a,label\n1,0\n2,1\n3,2\n4,60000\n");
        String expected = "typo.csv: the labels are integers from 0 to 60000, which makes 60001 classes, but only 4"
                + " distinct labels appear ([0, 1, 2, 60000]); a label may be a typo. Fix it, or give the classes with"
                + " CsvReader.builder().classes(...).";
        assertThatThrownBy(() -> CsvReader.defaults().read(file)).isInstanceOf(CsvFormatException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> CsvBatchSource.open(file, CsvReader.defaults(), 10))
                .isInstanceOf(CsvFormatException.class).hasMessage(expected);
        StringBuilder many = new StringBuilder("a,label\n");
        for (int i = 0; i < 10_010; i++) {
            many.append(i).append(",").append(i * 0.5).append('\n');
        }
        Path regression = write("values.csv", many.toString());
        assertThatThrownBy(() -> CsvReader.defaults().read(regression)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("values.csv, line 10002, column 2: the label column holds more than 10000"
                        + " distinct labels")
                .hasMessageContaining("use Target.REGRESSION")
                .hasMessageContaining("classes(...)");
        assertThatThrownBy(() -> CsvReader.builder().classes("0", "1").build().read(file))
                .hasMessageContaining("the label \"2\" is not one of the classes [0, 1]");
    }

    // ----------------------------------------------------------------------------------------
    // Streaming

    @Test
    void aHugeCapacityIsClampedToTheFile() throws IOException {
        Path file = write("two.csv", "a,label\n1,0\n2,1\n");
        try (CsvBatchSource source = CsvBatchSource.open(file, CsvReader.defaults(), Integer.MAX_VALUE)) {
            assertThat(source.capacity()).isEqualTo(2);
            double[][] x = new double[4][1];
            double[][] y = new double[4][2];
            source.reset(3);
            assertThat(source.next(x, y)).isEqualTo(2);
            assertThat(source.next(x, y)).isZero();
        }
        CsvReader regression = CsvReader.builder().target(CsvReader.Target.REGRESSION).build();
        try (CsvBatchSource source = CsvBatchSource.open(file, regression, Integer.MAX_VALUE)) {
            assertThat(source.capacity()).isEqualTo(Integer.MAX_VALUE);  // not known before a pass
            source.reset(3);
            assertThat(source.capacity()).isEqualTo(2);
        }
    }

    @Test
    void aFileThatChangesBetweenPassesIsAnErrorNamingIt() throws IOException {
        String original = "a,b,label\n1,2,0\n3,4,1\n5,6,0\n";
        List<String> changes = List.of(
                "z,a,b,label\n9,1,2,0\n9,3,4,1\n9,5,6,0\n",                   // an extra leading column
                "b,a,label\n2,1,0\n4,3,1\n6,5,0\n",                          // columns reordered
                "a,label\n1,0\n3,1\n5,0\n",                                  // one column fewer
                "a,b,label\n",                                              // cut to its header
                "a,b,label\n1,2,0\n3,4,1\n5,6",                              // cut inside a line
                "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");                  // a row more
        for (String changed : changes) {
            Path file = write("data.csv", original);
            try (CsvBatchSource source = CsvBatchSource.open(file, CsvReader.defaults(), 2)) {
                pass(source, 1);
                Files.writeString(file, changed);
                Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
                assertThatThrownBy(() -> pass(source, 2)).as(changed).isInstanceOf(CsvFormatException.class)
                        .hasMessageStartingWith("data.csv: the file changed while it was being streamed: it had ")
                        .hasMessageContaining("open a new source after changing it");
            }
        }
    }

    @Test
    void aSuppliedSourceThatChangesIsCaughtByItsHeaderColumnsAndRows() throws IOException {
        String[] text = {"a,b,label\n1,2,0\n3,4,1\n5,6,0\n"};
        try (CsvBatchSource source = CsvBatchSource.open(() -> new StringReader(text[0]), "supplied", CsvReader.defaults(), 2)) {
            pass(source, 1);
            text[0] = "b,a,label\n2,1,0\n4,3,1\n6,5,0\n";
            assertThatThrownBy(() -> pass(source, 2)).isInstanceOf(CsvFormatException.class)
                    .hasMessage("supplied: the file changed while it was being streamed: it had the header [a, b, label]"
                            + " when the source was opened but has the header [b, a, label] now. A streamed file must"
                            + " stay as it is from open to close; open a new source after changing it.");
            text[0] = "a,b,label\n1,2,0\n3,4,1\n";
            assertThatThrownBy(() -> pass(source, 3)).isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("this pass read 2 rows but the first read 3");
            text[0] = "a,b,label\n\n";
            assertThatThrownBy(() -> pass(source, 4)).isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("this pass found no data rows, only a header");
        }
    }

    @Test
    void aFileThatChangesDuringAPassIsAnErrorAtItsEnd() throws IOException {
        StringBuilder text = new StringBuilder("a,label\n");
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(",").append(i % 2).append('\n');
        }
        Path file = write("growing.csv", text.toString());
        try (CsvBatchSource source = CsvBatchSource.open(file, CsvReader.defaults(), 10)) {
            source.reset(1);
            double[][] x = new double[10][1];
            double[][] y = new double[10][2];
            source.next(x, y);
            Files.writeString(file, "1,0\n", java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> {
                while (source.next(x, y) > 0) {
                    // drain the pass
                }
            }).isInstanceOf(CsvFormatException.class).hasMessageStartingWith("growing.csv: the file changed");
        }
    }

    @Test
    void trainingOnAFileCutToItsHeaderStopsWithTheErrorNotANaNCost() throws IOException {
        String[] text = {"a,b,label\n1,2,0\n3,4,1\n5,6,0\n"};
        Network net = Network.builder().input(2).dense(2, Activation.softmax()).loss(Loss.crossEntropy()).build();
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(2).learningRate(0.1).build();
        TrainingListener cut = new TrainingListener() {
            @Override
            public void onEpochEnd(History.Epoch row) {
                text[0] = "a,b,label\n";                                     // the file is cut after epoch 1
            }
        };
        try (CsvBatchSource source = CsvBatchSource.open(() -> new StringReader(text[0]), "cut.csv",
                CsvReader.defaults(), 10)) {
            assertThatThrownBy(() -> new Trainer(config).withListener(cut).fit(net, source))
                    .isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining("cut.csv: the file changed while it was being streamed: this pass found no"
                            + " data rows, only a header");
        }
    }

    /** Runs one whole pass, returning its row count. */
    private static int pass(CsvBatchSource source, long seed) throws IOException {
        double[][] x = new double[3][source.inputSize()];
        double[][] y = new double[3][source.outputSize()];
        source.reset(seed);
        int n = 0;
        for (int k; (k = source.next(x, y)) > 0; ) {
            n += k;
        }
        return n;
    }
}
