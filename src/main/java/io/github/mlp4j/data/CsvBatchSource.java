package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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

    private final ReaderSupplier supplier;
    private final String sourceName;
    private final CsvReader format;
    private final ClassMap classes;
    private final int inputSize;
    private final int outputSize;
    private final double[][] bufferX;
    private final double[][] bufferY;
    private CsvRows rows;
    private int buffered;
    private Rng rng;
    private boolean started;
    private boolean closed;

    private CsvBatchSource(ReaderSupplier supplier, String sourceName, CsvReader format, int capacity)
            throws IOException {
        this.supplier = supplier;
        this.sourceName = sourceName;
        this.format = format;
        try (CsvRows first = CsvRows.open(supplier.open(), sourceName, format)) {
            if (!first.next()) {
                throw new CsvFormatException(sourceName, 0, 0, "the file has no data rows, only a header; "
                        + "a data set needs at least one row.");
            }
            this.inputSize = first.featureCount();
            if (format.target() == CsvReader.Target.REGRESSION) {
                this.classes = null;
            } else if (format.classes() != null) {
                this.classes = ClassMap.given(format.classes());
            } else {
                this.classes = ClassMap.infer(distinctLabels(first));
            }
        }
        if (classes != null) {
            format.checkClassCount(classes, sourceName);
        }
        this.outputSize = classes == null ? 1 : format.outputSize(classes);
        this.bufferX = new double[capacity][inputSize];
        this.bufferY = new double[capacity][outputSize];
    }

    /** Reads the label column to the end, starting with the current row, keeping each label once. */
    private static Set<String> distinctLabels(CsvRows rows) throws IOException {
        Set<String> labels = new HashSet<>();
        do {
            labels.add(rows.label());
        } while (rows.next());
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
        Path name = file.getFileName();
        return open(() -> Files.newBufferedReader(file, StandardCharsets.UTF_8),
                name == null ? file.toString() : name.toString(), format, capacity);
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
        return new CsvBatchSource(supplier, sourceName, format, capacity);
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
     * Returns the number of rows the shuffle buffer holds.
     *
     * @return the capacity given when the source was opened
     */
    public int capacity() {
        return bufferX.length;
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
        rows = CsvRows.open(supplier.open(), sourceName, format);
        buffered = 0;
        while (buffered < bufferX.length && rows.next()) {
            load(buffered++);
        }
        if (buffered < bufferX.length) {
            closeRows();                                   // the whole file fits: release it now
        }
    }

    /**
     * Fills the batch with samples drawn at random from the shuffle buffer, refilling each drawn
     * slot from the file.
     *
     * @throws CsvFormatException if a line read to refill the buffer is bad
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
                closeRows();
                buffered--;                                // or move the last buffered row into its slot
                swap(bufferX, slot, buffered);
                swap(bufferY, slot, buffered);
            }
        }
        return k;
    }

    /** Copies the current row of the file into buffer slot {@code slot}. */
    private void load(int slot) {
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
