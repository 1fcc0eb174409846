package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.data.Dataset;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    /** The shared data sets: ../shared/datasets beside the project (tests run in its folder), or -Dmlp4j.datasets. */
    private static final Path DATASETS = Path.of(System.getProperty("mlp4j.datasets", "../shared/datasets"));

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Dataset read(CsvReader reader, String text) throws IOException {
        return reader.read(new StringReader(text), "test.csv");
    }

    @Test
    void readsIntegerLabelsAsOneHotByDefault() throws IOException {
        Dataset d = CsvReader.defaults().read(write("small.csv", "a,b,label\n1.5,-2,0\n3,4e1,2\n0.25,7,1\n"));
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.x()).isEqualTo(new double[][] {{1.5, -2}, {3, 40}, {0.25, 7}});
        // classes are 0..max = 0..2, so three one-hot columns
        assertThat(d.y()).isEqualTo(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}});
        assertThat(d.classNames()).containsExactly("0", "1", "2");
    }

    @Test
    void numbersStringLabelsInSortedOrderWhateverTheRowOrder() throws IOException {
        Dataset d = read(CsvReader.defaults(), "f,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n");
        assertThat(d.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.labels()).containsExactly(2, 0, 1, 0);
    }

    @Test
    void givenClassesFixTheNumberingAndMayIncludeAbsentClasses() throws IOException {
        CsvReader reader = CsvReader.builder().classes("cat", "dog", "bird").build();
        Dataset d = read(reader, "f,animal\n1,dog\n2,cat\n");
        assertThat(d.classNames()).containsExactly("cat", "dog", "bird");
        assertThat(d.y()).isEqualTo(new double[][] {{0, 1, 0}, {1, 0, 0}});
    }

    @Test
    void choosesTheLabelColumnByNameOrIndex() throws IOException {
        String text = "x1,label,x2\n1,0,2\n3,1,4\n";
        double[][] expected = {{1, 2}, {3, 4}};
        assertThat(read(CsvReader.builder().label("label").build(), text).x()).isEqualTo(expected);
        assertThat(read(CsvReader.builder().labelIndex(1).build(), text).x()).isEqualTo(expected);
        assertThat(read(CsvReader.builder().labelIndex(-2).build(), text).x()).isEqualTo(expected);
        Dataset first = read(CsvReader.builder().labelIndex(0).target(CsvReader.Target.REGRESSION).build(), text);
        assertThat(first.x()).isEqualTo(new double[][] {{0, 2}, {1, 4}});
        assertThat(first.y()).isEqualTo(new double[][] {{1}, {3}});
    }

    @Test
    void binaryTargetIsOneColumnOfClassIndices() throws IOException {
        CsvReader reader = CsvReader.builder().target(CsvReader.Target.BINARY).build();
        Dataset d = read(reader, "f,label\n1,yes\n2,no\n3,yes\n");
        // sorted: "no" = 0, "yes" = 1
        assertThat(d.classNames()).containsExactly("no", "yes");
        assertThat(d.y()).isEqualTo(new double[][] {{1}, {0}, {1}});
    }

    @Test
    void binaryTargetRejectsMoreThanTwoClasses() {
        CsvReader reader = CsvReader.builder().target(CsvReader.Target.BINARY).build();
        assertThatThrownBy(() -> read(reader, "f,label\n1,0\n2,1\n3,2\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("test.csv: the labels form 3 classes [0, 1, 2]")
                .hasMessageContaining("use Target.ONE_HOT");
    }

    @Test
    void regressionTargetKeepsTheNumber() throws IOException {
        CsvReader reader = CsvReader.builder().target(CsvReader.Target.REGRESSION).build();
        Dataset d = read(reader, "f,price\n1,-0.5\n2,1e3\n");
        assertThat(d.y()).isEqualTo(new double[][] {{-0.5}, {1000}});
        assertThat(d.classNames()).isEmpty();
    }

    @Test
    void readsFilesWithoutHeaderWithOtherDelimitersQuotesAndBlankLines() throws IOException {
        CsvReader reader = CsvReader.builder().header(false).delimiter(';').build();
        Dataset d = read(reader, "\uFEFF1; 2 ;b\n\n\"3.5\";4;\"a;\"\"x\"\"\"\n");
        assertThat(d.x()).isEqualTo(new double[][] {{1, 2}, {3.5, 4}});
        // labels "b" and "a;\"x\"", sorted: a;"x" < b
        assertThat(d.classNames()).containsExactly("a;\"x\"", "b");
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void quotedHeaderNamesCanHoldTheDelimiter() throws IOException {
        Dataset d = read(CsvReader.builder().label("kind, short").build(), "\"len, cm\",\"kind, short\"\n1,0\n");
        assertThat(d.x()).isEqualTo(new double[][] {{1}});
    }

    @Test
    void missingCellNamesFileLineAndColumn() throws IOException {
        Path file = write("missing.csv", "a,b,label\n1,2,0\n3,,1\n");
        assertThatThrownBy(() -> CsvReader.defaults().read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("missing.csv, line 3, column 2: the cell of column \"b\" is empty")
                .satisfies(e -> {
                    CsvFormatException c = (CsvFormatException) e;
                    assertThat(c.source()).isEqualTo("missing.csv");
                    assertThat(c.line()).isEqualTo(3);
                    assertThat(c.column()).isEqualTo(2);
                });
    }

    @Test
    void textInANumericColumnNamesTheCell() throws IOException {
        Path file = write("text.csv", "a,b,label\n1,2,0\n\n3,abc,1\n");
        // the blank line 3 is skipped but counted, so the bad row is line 4
        assertThatThrownBy(() -> CsvReader.defaults().read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("text.csv, line 4, column 2: expected a number in the cell of column \"b\" "
                        + "but found \"abc\"");
    }

    @Test
    void nonFiniteNumbersAreRejected() throws IOException {
        Path file = write("nan.csv", "a,label\nNaN,0\n");
        assertThatThrownBy(() -> CsvReader.defaults().read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("nan.csv, line 2, column 1: the cell of column \"a\" holds NaN; every value must be finite");
    }

    @Test
    void raggedLinesNameTheFirstMissingOrExtraColumn() throws IOException {
        Path shortLine = write("short.csv", "a,b,label\n1,2,0\n3,1\n");
        assertThatThrownBy(() -> CsvReader.defaults().read(shortLine))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("short.csv, line 3, column 3: the line has 2 cells but the header has 3");
        Path longLine = write("long.csv", "a,b,label\n1,2,0,9\n");
        assertThatThrownBy(() -> CsvReader.defaults().read(longLine))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("long.csv, line 2, column 4: the line has 4 cells but the header has 3");
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreRejected() throws IOException {
        Path empty = write("empty.csv", "\n  \n");
        assertThatThrownBy(() -> CsvReader.defaults().read(empty))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("empty.csv: the file is empty");
        Path headerOnly = write("header.csv", "a,b,label\n");
        assertThatThrownBy(() -> CsvReader.defaults().read(headerOnly))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("header.csv: the file has no data rows");
    }

    @Test
    void unknownLabelNameListsTheColumns() throws IOException {
        Path file = write("names.csv", "a,b,label\n1,2,0\n");
        CsvReader reader = CsvReader.builder().label("class").build();
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("names.csv, line 1: no column is named \"class\"; the header has [a, b, label]");
    }

    @Test
    void labelIndexOutOfRangeIsRejected() throws IOException {
        Path file = write("index.csv", "a,b,label\n1,2,0\n");
        assertThatThrownBy(() -> CsvReader.builder().labelIndex(3).build().read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("index.csv, line 1: label column index 3 is out of range for a line of 3 columns");
        assertThatThrownBy(() -> CsvReader.builder().labelIndex(-4).build().read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("label column index -4 is out of range");
    }

    @Test
    void labelOutsideTheGivenClassesIsRejected() throws IOException {
        Path file = write("classes.csv", "a,label\n1,cat\n2,cow\n");
        CsvReader reader = CsvReader.builder().classes(List.of("cat", "dog")).build();
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("classes.csv, line 3, column 2: the label \"cow\" is not one of the classes [cat, dog]");
    }

    @Test
    void unclosedQuoteAndSingleColumnFilesAreRejected() {
        assertThatThrownBy(() -> read(CsvReader.defaults(), "a,label\n\"1,0\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("test.csv, line 2, column 1: the quote opened here is not closed");
        assertThatThrownBy(() -> read(CsvReader.defaults(), "label\n0\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("test.csv, line 1: the line has 1 column but at least 2 are needed");
    }

    @Test
    void builderRejectsContradictoryOptions() {
        assertThatThrownBy(() -> CsvReader.builder().header(false).label("label").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a header line");
        assertThatThrownBy(() -> CsvReader.builder().classes("a", "b").target(CsvReader.Target.REGRESSION).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REGRESSION has no classes");
        assertThatThrownBy(() -> CsvReader.builder().classes("a", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a name twice");
        assertThatThrownBy(() -> CsvReader.builder().delimiter('"'))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be a quote");
    }

    @Test
    void readsTheSharedRealDataSets() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DATASETS),
                "skipped: the real data sets are not present at " + DATASETS.toAbsolutePath()
                        + "; put them in ../shared/datasets beside the project or pass -Dmlp4j.datasets=DIR.");
        CsvReader reader = CsvReader.builder().label("label").build();

        Dataset iris = reader.read(DATASETS.resolve("iris.csv"));
        assertThat(iris.size()).isEqualTo(150);
        assertThat(iris.inputSize()).isEqualTo(4);
        assertThat(iris.outputSize()).isEqualTo(3);
        assertThat(iris.x(0)).containsExactly(5.1, 3.5, 1.4, 0.2);
        assertThat(classCounts(iris)).containsExactly(50, 50, 50);

        Dataset wine = reader.read(DATASETS.resolve("wine.csv"));
        assertThat(wine.size()).isEqualTo(178);
        assertThat(wine.inputSize()).isEqualTo(13);
        assertThat(wine.x(0)[12]).isCloseTo(1065, within(0.0));
        assertThat(classCounts(wine)).containsExactly(59, 71, 48);

        Dataset cancer = CsvReader.builder().target(CsvReader.Target.BINARY).build()
                .read(DATASETS.resolve("breast_cancer.csv"));
        assertThat(cancer.size()).isEqualTo(569);
        assertThat(cancer.inputSize()).isEqualTo(30);
        assertThat(cancer.outputSize()).isEqualTo(1);
        assertThat(classCounts(cancer)).containsExactly(212, 357);

        Dataset digits = reader.read(DATASETS.resolve("digits.csv"));
        assertThat(digits.size()).isEqualTo(1797);
        assertThat(digits.inputSize()).isEqualTo(64);
        assertThat(classCounts(digits)).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
    }

    private static int[] classCounts(Dataset d) {
        int classes = d.outputSize() == 1 ? 2 : d.outputSize();
        int[] counts = new int[classes];
        for (int c : d.labels()) {
            counts[c]++;
        }
        return counts;
    }
}
