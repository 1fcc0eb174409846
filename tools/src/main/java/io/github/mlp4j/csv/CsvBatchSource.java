package io.github.mlp4j.csv;

import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.internal.Batches;
import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link BatchSource} that streams a CSV file of any size, holding only a fixed number of rows
 * in memory, and shuffles each pass with a seeded shuffle buffer.
 *
 * <p>The file is read with the options of a {@link CsvReader} (header, label column, target kind,
 * delimiter, class list), and its rows become the same x and y rows that {@link CsvReader#read}
 * would give.
 *
 * <p><b>Shuffle buffer.</b> Each pass reopens the file and fills a buffer of {@code capacity}
 * rows. Each sample is then drawn at random from the buffer, and its slot is refilled with the
 * next row of the file; when the file is exhausted the buffer drains. Memory therefore stays at
 * {@code capacity} rows whatever the file size. Every row is delivered exactly once per pass. A
 * capacity of at least the number of rows gives a uniform shuffle; a smaller one only mixes rows
 * that lie within about {@code capacity} lines of each other, so a file sorted by class needs a
 * large buffer (or shuffling once on disk).
 *
 * <p><b>Classes.</b> For ONE_HOT and BINARY targets the class list is fixed before the first
 * pass: either given by {@link CsvReader.Builder#classes(List)}, or found by one extra streaming
 * pass over the label column when the source is opened (only the distinct labels are kept).
 *
 * <p><b>Memory</b> is bounded by the capacity and the widths: the buffer grows as rows arrive, up to
 * {@code capacity} rows of {@code inputSize} and {@code outputSize} values (so a capacity larger
 * than the file costs only the file's rows), and cells and lines are capped in length (see
 * {@link CsvReader}).
 *
 * <p><b>A file must not change while it is streamed.</b> Each pass checks that the header (or the
 * column count, without a header) is the one seen when the source was opened, and that it
 * delivers the rows of the first pass; a source opened from a path also checks the file's size
 * and modification time at the start and the end of each pass. A change, or a pass with no rows,
 * raises a {@link CsvFormatException} naming the file, rather than training on shifted columns.
 *
 * <p>Errors in the file raise {@link CsvFormatException} when the bad line is reached, which for
 * a streamed file may be in a later pass than the first. Instances are not thread-safe.
 */
public final class CsvBatchSource implements BatchSource {

    /** Opens a fresh reader over the CSV text each time a pass starts. */
    @FunctionalInterface
    public interface ReaderSupplier {
        /**
         * Returns a new reader positioned at the start of the CSV text.
         *
         * @return the reader; the batch source closes it
         * @throws IOException if the text cannot be opened
         */
        Reader open() throws IOException;
    }

    /** The first rows of the shuffle buffer allocated before it grows (up to its capacity) as rows arrive. */
    private static final int FIRST_BUFFER_ROWS = 1024;

    private final ReaderSupplier supplier;
    private final String sourceName;
    private final CsvReader format;
    private final Path file;
    private final FileStamp stamp;
    private final List<String> columnNames;
    private final int columnCount;
    private final ClassMap classes;
    private final int inputSize;
    private final int outputSize;
    private final int capacity;
    private double[][] bufferX = new double[0][];
    private double[][] bufferY = new double[0][];
    private long rowsPerPass = -1;
    private long passRows;
    private CsvRows rows;
    private int buffered;
    private Rng rng;
    private boolean started;
    private boolean closed;

    private CsvBatchSource(ReaderSupplier supplier, String sourceName, CsvReader format, int capacity, Path file)
            throws IOException {
        this.supplier = supplier;
        this.sourceName = sourceName;
        this.format = format;
        this.file = file;
        this.stamp = file == null ? null : FileStamp.of(file);
        this.capacity = capacity;
        try (CsvRows first = CsvRows.open(supplier.open(), sourceName, format)) {
            if (!first.next()) {
                throw new CsvFormatException(sourceName, 0, 0, "the file has no data rows, only a header; "
                        + "a data set needs at least one row.");
            }
            this.columnNames = first.columnNames();
            this.columnCount = first.columnCount();
            this.inputSize = first.featureCount();
            if (format.target() == CsvReader.Target.REGRESSION) {
                this.classes = null;
            } else if (format.classes() != null) {
                this.classes = ClassMap.given(format.classes());
            } else {
                this.classes = ClassMap.infer(distinctLabels(first), sourceName);
            }
        }
        if (classes != null) {
            format.checkClassCount(classes, sourceName);
        }
        this.outputSize = classes == null ? 1 : format.outputSize(classes);
    }

    /**
     * Reads the label column to the end, starting with the current row, keeping each label once
     * and counting the rows.
     */
    private Set<String> distinctLabels(CsvRows rows) throws IOException {
        Set<String> labels = new HashSet<>();
        long count = 0;
        do {
            count++;
            if (labels.add(rows.label())) {
                ClassMap.checkDistinct(labels.size(), sourceName, rows.line(), rows.labelColumnNumber());
            }
        } while (rows.next());
        rowsPerPass = count;
        return labels;
    }

    /**
     * Opens a source over a CSV file, read as UTF-8.
     *
     * @param file the CSV file; its file name appears in error messages
     * @param format the CSV options, such as {@code CsvReader.defaults()}
     * @param capacity the number of rows in the shuffle buffer, at least 1, such as 10,000
     * @return the source, which must be reset before the first batch
     * @throws java.nio.file.NoSuchFileException if there is no file at the path; the message gives
     *     the absolute path looked at and the working directory
     * @throws IOException if the file is a folder, may not be read, or reading fails
     * @throws CsvFormatException if the header is bad, the file has no data rows, or (while the
     *     classes are found) a data line is bad
     * @throws IllegalArgumentException if capacity &lt; 1
     */
    public static CsvBatchSource open(Path file, CsvReader format, int capacity) throws IOException {
        Objects.requireNonNull(file, "file");
        InputFiles.requireReadable(file);
        Objects.requireNonNull(format, "format");
        Checks.atLeast(capacity, 1, "capacity");
        Path name = file.getFileName();
        String source = name == null ? file.toString() : name.toString();
        return new CsvBatchSource(() -> format.utf8(file, source), source, format, capacity, file);
    }

    /**
     * Opens a source over CSV text that the supplier can open again for every pass, such as a
     * compressed file: {@code () -> new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), UTF_8)}.
     *
     * @param supplier opens a new reader at the start of the text; each reader is closed by this source
     * @param sourceName the name used in error messages, such as a file name
     * @param format the CSV options
     * @param capacity the number of rows in the shuffle buffer, at least 1
     * @return the source, which must be reset before the first batch
     * @throws IOException if the text cannot be read
     * @throws CsvFormatException if the header is bad, the text has no data rows, or (while the
     *     classes are found) a data line is bad
     * @throws IllegalArgumentException if capacity &lt; 1
     */
    public static CsvBatchSource open(ReaderSupplier supplier, String sourceName, CsvReader format, int capacity)
            throws IOException {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(format, "format");
        Checks.atLeast(capacity, 1, "capacity");
        return new CsvBatchSource(supplier, sourceName, format, capacity, null);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    /**
     * Returns the class names in target order, or an empty list for a regression target.
     *
     * @return an unmodifiable list
     */
    public List<String> classNames() {
        return classes == null ? List.of() : classes.names();
    }

    /**
     * Returns the most rows the shuffle buffer holds: the capacity given when the source was
     * opened, clamped to the number of rows in the file once a pass has counted them. The buffer
     * grows to it as rows arrive, so a capacity larger than the file costs nothing.
     *
     * @return the capacity
     */
    public int capacity() {
        return rowsPerPass < 0 ? capacity : (int) Math.min(capacity, rowsPerPass);
    }

    /**
     * Starts a new pass: reopens the text and fills the shuffle buffer; the seed fixes the order
     * in which the buffer is drawn.
     *
     * @param seed the seed of this pass's shuffle
     * @throws IOException if the text cannot be reopened or read
     * @throws CsvFormatException if a line read into the buffer is bad
     * @throws IllegalStateException if the source is closed
     */
    @Override
    public void reset(long seed) throws IOException {
        checkOpen();
        closeRows();
        rng = new Rng(seed);
        started = true;
        checkUnchanged();
        rows = CsvRows.open(supplier.open(), sourceName, format);
        if (rows.columnCount() != columnCount || !rows.columnNames().equals(columnNames)) {
            String was = columnNames.isEmpty() ? columnCount + " columns"
                    : "the header " + ClassMap.describe(columnNames);
            String now = columnNames.isEmpty() ? rows.columnCount() + " columns"
                    : "the header " + ClassMap.describe(rows.columnNames());
            closeRows();
            throw changed("it had " + was + " when the source was opened but has " + now + " now");
        }
        buffered = 0;
        passRows = 0;
        while (buffered < capacity && rows.next()) {
            load(buffered++);
        }
        if (buffered == 0) {
            closeRows();
            throw changed("this pass found no data rows, only a header");
        }
        if (buffered < capacity) {
            endOfFile();                                   // the whole file fits: release it now
        }
    }

    /**
     * Fills the batch with samples drawn at random from the shuffle buffer, refilling each drawn
     * slot from the file.
     *
     * @throws CsvFormatException if a line read to refill the buffer is bad, or the file changed
     *     since the source was opened (its header, column count, size, modification time or
     *     number of rows)
     */
    @Override
    public int next(double[][] x, double[][] y) throws IOException {
        checkOpen();
        if (!started) {
            throw new IllegalStateException("next(...) was called before reset(seed); call reset(seed) to start a pass.");
        }
        Batches.checkBatch(x, y);
        int k = 0;
        while (k < x.length && buffered > 0) {
            int slot = rng.nextInt(buffered);              // emit a random buffered row
            Batches.copyRow(bufferX[slot], x, k, "x");
            Batches.copyRow(bufferY[slot], y, k, "y");
            k++;
            if (rows != null && rows.next()) {
                load(slot);                                // replace it with the next line of the file
            } else {
                endOfFile();
                buffered--;                                // or move the last buffered row into its slot
                swap(bufferX, slot, buffered);
                swap(bufferY, slot, buffered);
            }
        }
        return k;
    }

    /** Closes the file at the end of a pass, after checking that the pass read the rows of the first. */
    private void endOfFile() throws IOException {
        if (rows == null) {
            return;
        }
        closeRows();
        if (rowsPerPass >= 0 && passRows != rowsPerPass) {
            throw changed("this pass read " + passRows + " rows but the first read " + rowsPerPass);
        }
        rowsPerPass = passRows;
        checkUnchanged();
    }

    /** Checks that a file source still has the size and modification time it had when opened. */
    private void checkUnchanged() throws IOException {
        if (file != null) {
            FileStamp now = FileStamp.of(file);
            if (!now.equals(stamp)) {
                throw changed("it had " + stamp + " when the source was opened but has " + now + " now");
            }
        }
    }

    private CsvFormatException changed(String how) {
        return new CsvFormatException(sourceName, 0, 0, "the file changed while it was being streamed: " + how + "."
                + " A streamed file must stay as it is from open to close; open a new source after changing it.");
    }

    /** The size and modification time of a file. */
    private record FileStamp(long size, java.nio.file.attribute.FileTime modified) {
        static FileStamp of(Path file) throws IOException {
            return new FileStamp(Files.size(file), Files.getLastModifiedTime(file));
        }

        @Override
        public String toString() {
            return size + " bytes, modified " + modified;
        }
    }

    /** Copies the current row of the file into buffer slot {@code slot}, growing the buffer up to its capacity. */
    private void load(int slot) {
        passRows++;
        if (slot == bufferX.length) {
            int grown = (int) Math.min(capacity, Math.max(FIRST_BUFFER_ROWS, 2L * bufferX.length));
            bufferX = java.util.Arrays.copyOf(bufferX, grown);
            bufferY = java.util.Arrays.copyOf(bufferY, grown);
        }
        if (bufferX[slot] == null) {
            bufferX[slot] = new double[inputSize];
            bufferY[slot] = new double[outputSize];
        }
        System.arraycopy(rows.features(), 0, bufferX[slot], 0, inputSize);
        if (classes == null) {
            bufferY[slot][0] = rows.labelValue();
        } else {
            format.encode(rows.classIndex(classes), bufferY[slot]);
        }
    }

    private static void swap(double[][] rows, int i, int j) {
        double[] t = rows[i];
        rows[i] = rows[j];
        rows[j] = t;
    }

    private void closeRows() throws IOException {
        if (rows != null) {
            CsvRows r = rows;
            rows = null;
            r.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The batch source is closed; open a new one.");
        }
    }

    /**
     * Closes the file if a pass is reading it; later calls to reset or next fail.
     *
     * @throws IOException if closing the file fails
     */
    @Override
    public void close() throws IOException {
        closed = true;
        closeRows();
    }
}
