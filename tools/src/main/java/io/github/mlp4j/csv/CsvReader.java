package io.github.mlp4j.csv;

import io.github.mlp4j.data.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a CSV file into a {@link Dataset}: every column but one is a numeric feature, and one
 * column holds the label.
 *
 * <pre>{@code
 * Dataset iris = CsvReader.builder().label("label").build().read(Path.of("iris.csv"));
 * Dataset cancer = CsvReader.builder().target(CsvReader.Target.BINARY).build().read(path);
 * }</pre>
 *
 * <p><b>Format.</b> Lines hold cells separated by the delimiter (a comma by default); spaces
 * around a cell are ignored, and blank lines are skipped. The first line is a header of column
 * names unless {@code header(false)} is set. A cell may be enclosed in double quotes so that it
 * can hold the delimiter ({@code ""} inside quotes stands for one quote), but a cell cannot span
 * lines. A feature cell must be a decimal number: an optional sign, digits with an optional
 * decimal point (at least one digit), and an optional exponent {@code e}/{@code E} with an
 * optional sign and digits, such as {@code 12}, {@code -0.5}, {@code .5}, {@code 1.5e-3}. Empty
 * cells, text, hexadecimal ({@code 0x1p4}), suffixes ({@code 1f}, {@code 2d}), NaN, infinity and
 * values beyond the range of a double are errors. A file is read as strict UTF-8: a byte that is
 * not UTF-8 is an error naming its line and column. A cell may hold at most 4,096 characters and
 * a line 8,388,608, so that a damaged file cannot exhaust memory.
 *
 * <p><b>Labels and classes.</b> For the classification targets ({@link Target#ONE_HOT},
 * {@link Target#BINARY}) each label is mapped to a class index:
 * <ul>
 *   <li>with {@code classes(...)} given, label {@code classes.get(c)} is class c, and any other
 *       label is an error;</li>
 *   <li>otherwise, if every label is a plain non-negative integer ({@code 0}, {@code 7}; no sign,
 *       no leading zero, at most 65535), label {@code "c"} is class c and the classes are
 *       {@code 0..max}, named {@code "0"}, {@code "1"}, …;</li>
 *   <li>otherwise the classes are the distinct labels in sorted order ({@link String#compareTo}),
 *       so {@code setosa, versicolor, virginica} become 0, 1, 2 whatever order the rows are in.</li>
 * </ul>
 * The class names are kept in {@link Dataset#classNames()}. Inferred classes must not explode:
 * more than 10,000 distinct labels, or integer labels whose classes {@code 0..max} outnumber
 * twice the distinct labels plus 16 (a typo such as {@code 60000} among {@code 0..2}), are an
 * error that names the count and suggests {@code classes(...)}.
 *
 * <p><b>Errors.</b> A file that cannot be read as a data set raises {@link CsvFormatException}
 * (an {@link IllegalArgumentException}) naming the file, the 1-based line and column and the
 * problem. I/O failures raise {@link IOException}.
 *
 * <p>Instances are immutable and thread-safe; one reader can read many files.
 */
public final class CsvReader {

    /** What the label column becomes in the data set's targets {@code y}. */
    public enum Target {
        /** One column per class, 1 in the label's column and 0 elsewhere (for softmax outputs). */
        ONE_HOT,
        /** A single column holding the class index, 0 or 1 (for one sigmoid output); at most two classes. */
        BINARY,
        /** A single column holding the label cell as a number (for regression); no classes. */
        REGRESSION
    }

    private final boolean header;
    private final String labelName;
    private final int labelIndex;
    private final Target target;
    private final char delimiter;
    private final List<String> classes;

    private CsvReader(Builder b) {
        this.header = b.header;
        this.labelName = b.labelName;
        this.labelIndex = b.labelIndex;
        this.target = b.target;
        this.delimiter = b.delimiter;
        this.classes = b.classes;
    }

    /**
     * Returns a builder whose defaults read a comma-separated file with a header, the label in
     * the last column, and one-hot targets.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a reader with the default options: a header line, the label in the last column,
     * commas, one-hot targets, classes inferred from the labels.
     *
     * @return the reader
     */
    public static CsvReader defaults() {
        return builder().build();
    }

    /**
     * Reads a whole CSV file into a data set.
     *
     * @param file the file, read as UTF-8; its file name appears in error messages
     * @return the data set, one row per data line
     * @throws java.nio.file.NoSuchFileException if there is no file at the path; the message gives
     *     the absolute path looked at and the working directory
     * @throws IOException if the file is a folder, may not be read, or reading fails
     * @throws CsvFormatException if the contents are not a data set in this reader's format
     */
    public Dataset read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        InputFiles.requireReadable(file);
        Path name = file.getFileName();
        String source = name == null ? file.toString() : name.toString();
        try (Reader reader = utf8(file, source)) {
            return read(reader, source);
        }
    }

    /** Opens {@code file} for reading as strict UTF-8 that reports bad bytes with their line and column. */
    Reader utf8(Path file, String source) throws IOException {
        return new Utf8Reader(Files.newInputStream(file), source, delimiter);
    }

    /**
     * Reads CSV text into a data set. The reader is read to its end but not closed.
     *
     * @param reader the CSV text
     * @param sourceName the name used in error messages, such as a file name
     * @return the data set, one row per data line
     * @throws IOException if the reader fails
     * @throws CsvFormatException if the contents are not a data set in this reader's format
     */
    public Dataset read(Reader reader, String sourceName) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        // CsvRows wraps the reader in a BufferedReader; it is not closed here, the caller owns it.
        CsvRows rows = new CsvRows(reader, sourceName, this);
        List<double[]> xs = new ArrayList<>();
        if (target == Target.REGRESSION) {
            List<double[]> ys = new ArrayList<>();
            while (rows.next()) {
                xs.add(rows.features().clone());
                ys.add(new double[] {rows.labelValue()});
            }
            requireRows(xs, sourceName);
            return Dataset.of(xs.toArray(new double[0][]), ys.toArray(new double[0][]), List.of());
        }
        int[] classIndex = new int[64];
        ClassMap map;
        if (classes != null) {
            map = ClassMap.given(classes);
            while (rows.next()) {
                classIndex = grow(classIndex, xs.size());
                classIndex[xs.size()] = rows.classIndex(map);
                xs.add(rows.features().clone());
            }
        } else {
            // Number labels by first appearance while reading, then renumber once all are known.
            Map<String, Integer> seen = new HashMap<>();
            List<String> firstSeen = new ArrayList<>();
            while (rows.next()) {
                String label = rows.label();
                Integer id = seen.get(label);
                if (id == null) {
                    id = firstSeen.size();
                    seen.put(label, id);
                    firstSeen.add(label);
                    ClassMap.checkDistinct(firstSeen.size(), sourceName, rows.line(), rows.labelColumnNumber());
                }
                classIndex = grow(classIndex, xs.size());
                classIndex[xs.size()] = id;
                xs.add(rows.features().clone());
            }
            map = ClassMap.infer(new HashSet<>(firstSeen), sourceName);
            int[] renumber = new int[firstSeen.size()];
            for (int id = 0; id < renumber.length; id++) {
                renumber[id] = map.indexOf(firstSeen.get(id));
            }
            for (int i = 0; i < xs.size(); i++) {
                classIndex[i] = renumber[classIndex[i]];
            }
        }
        requireRows(xs, sourceName);
        checkClassCount(map, sourceName);
        double[][] y = new double[xs.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = new double[outputSize(map)];
            encode(classIndex[i], y[i]);
        }
        return Dataset.of(xs.toArray(new double[0][]), y, map.names());
    }

    private static int[] grow(int[] values, int needed) {
        return needed < values.length ? values : Arrays.copyOf(values, 2 * values.length);
    }

    private static void requireRows(List<double[]> xs, String sourceName) {
        if (xs.isEmpty()) {
            throw new CsvFormatException(sourceName, 0, 0, "the file has no data rows, only a header; "
                    + "a data set needs at least one row.");
        }
    }

    /** Checks that the classes fit the target; BINARY allows at most two. */
    void checkClassCount(ClassMap map, String sourceName) {
        if (target == Target.BINARY && map.size() > 2) {
            throw new CsvFormatException(sourceName, 0, 0, "the labels form " + map.size() + " classes "
                    + map.describe() + " but Target.BINARY needs at most 2; use Target.ONE_HOT for more classes.");
        }
    }

    /** Returns the width of y for this target and class mapping. */
    int outputSize(ClassMap map) {
        return target == Target.ONE_HOT ? map.size() : 1;
    }

    /** Writes the target row of class c into y (overwritten), for ONE_HOT or BINARY. */
    void encode(int c, double[] y) {
        if (target == Target.ONE_HOT) {
            Arrays.fill(y, 0.0);
            y[c] = 1.0;
        } else {
            y[0] = c;
        }
    }

    /**
     * Returns whether the first line is a header of column names.
     *
     * @return true if the first line is skipped as a header
     */
    public boolean header() {
        return header;
    }

    /**
     * Returns the name of the label column, or null if the label is chosen by index.
     *
     * @return the column name, or null
     */
    public String labelName() {
        return labelName;
    }

    /**
     * Returns the index of the label column, used when {@link #labelName()} is null: 0-based, or
     * negative to count from the end (−1 is the last column).
     *
     * @return the column index
     */
    public int labelIndex() {
        return labelIndex;
    }

    /**
     * Returns what the label column becomes in y.
     *
     * @return the target kind
     */
    public Target target() {
        return target;
    }

    /**
     * Returns the character between cells.
     *
     * @return the delimiter, a comma by default
     */
    public char delimiter() {
        return delimiter;
    }

    /**
     * Returns the class list given to the builder, or null if the classes are inferred from the labels.
     *
     * @return an unmodifiable list, or null
     */
    public List<String> classes() {
        return classes;
    }

    /**
     * Returns a description of the options.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "CsvReader[header=" + header + ", label=" + (labelName != null ? "\"" + labelName + "\"" : labelIndex)
                + ", target=" + target + ", delimiter='" + delimiter + "'"
                + (classes != null ? ", classes=" + classes : "") + "]";
    }

    /** A builder of {@link CsvReader} options; every setter returns this builder. */
    public static final class Builder {
        private boolean header = true;
        private String labelName;
        private int labelIndex = -1;
        private Target target = Target.ONE_HOT;
        private char delimiter = ',';
        private List<String> classes;

        private Builder() {
        }

        /**
         * Sets whether the first line is a header of column names (default true).
         *
         * @param header true if the first line names the columns
         * @return this builder
         */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * Chooses the label column by its header name; needs a header.
         *
         * @param name the exact column name (after trimming spaces), such as {@code "label"}
         * @return this builder
         */
        public Builder label(String name) {
            this.labelName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Chooses the label column by index (default −1, the last column), replacing any name given
         * to {@link #label(String)}.
         *
         * @param index 0-based from the start, or negative from the end (−1 is the last column)
         * @return this builder
         */
        public Builder labelIndex(int index) {
            this.labelIndex = index;
            this.labelName = null;
            return this;
        }

        /**
         * Sets what the label column becomes in y (default {@link Target#ONE_HOT}).
         *
         * @param target the target kind
         * @return this builder
         */
        public Builder target(Target target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Sets the character between cells (default ',').
         *
         * @param delimiter such as ',' or ';' or '\t'; not a double quote or a line break
         * @return this builder
         */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("The delimiter cannot be a quote or a line break, but was "
                        + (int) delimiter + "; use ',', ';' or '\\t'.");
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Gives the class list up front: label {@code names.get(c)} becomes class c, and any other
         * label is an error. Use it to fix the numbering, or when a file may lack some classes.
         *
         * @param names the distinct labels in class order, at least one; copied
         * @return this builder
         * @throws IllegalArgumentException if the list is empty or holds a name twice
         */
        public Builder classes(List<String> names) {
            List<String> copy = List.copyOf(Objects.requireNonNull(names, "names"));
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("classes is empty; pass the labels in class order, such as "
                        + "[\"setosa\", \"versicolor\", \"virginica\"].");
            }
            if (new HashSet<>(copy).size() != copy.size()) {
                throw new IllegalArgumentException("classes " + copy + " holds a name twice; each class needs "
                        + "a distinct label.");
            }
            this.classes = copy;
            return this;
        }

        /**
         * Gives the class list up front; the same as {@link #classes(List)}.
         *
         * @param names the distinct labels in class order, at least one
         * @return this builder
         * @throws IllegalArgumentException if no name is given or a name repeats
         */
        public Builder classes(String... names) {
            return classes(Arrays.asList(names));
        }

        /**
         * Returns a reader with these options.
         *
         * @return the reader
         * @throws IllegalArgumentException if a label name is given without a header, or classes
         *     are given for a regression target
         */
        public CsvReader build() {
            if (labelName != null && !header) {
                throw new IllegalArgumentException("label(\"" + labelName + "\") needs a header line to find "
                        + "the column; use header(true), or choose the column with labelIndex(...).");
            }
            if (classes != null && target == Target.REGRESSION) {
                throw new IllegalArgumentException("classes(...) was given but Target.REGRESSION has no "
                        + "classes; drop the class list or use ONE_HOT or BINARY.");
            }
            if (classes != null && target == Target.BINARY && classes.size() > 2) {
                throw new IllegalArgumentException("classes " + classes + " has " + classes.size()
                        + " names but Target.BINARY allows at most 2; use Target.ONE_HOT.");
            }
            return new CsvReader(this);
        }
    }
}
