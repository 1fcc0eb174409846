package io.github.mlp4j.data;

import java.io.IOException;
import java.util.Objects;

/**
 * A source of training samples delivered in batches, one shuffled pass (epoch) at a time, for
 * data sets that may be larger than memory.
 *
 * <p>Life cycle: call {@link #reset(long)} to start a pass, then {@link #next(double[][], double[][])}
 * until it returns 0; repeat for each epoch; finally {@link #close()}. The caller owns the batch
 * arrays and reuses them, so a pass allocates no batch memory:
 * <pre>{@code
 * try (BatchSource source = CsvBatchSource.open(path, CsvReader.defaults(), 10_000)) {
 *     double[][] x = new double[32][source.inputSize()];
 *     double[][] y = new double[32][source.outputSize()];
 *     for (int epoch = 1; epoch <= epochs; epoch++) {
 *         source.reset(seed + epoch);
 *         for (int k; (k = source.next(x, y)) > 0; ) {
 *             // train on rows 0..k-1 of x and y
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are not thread-safe.
 */
public interface BatchSource extends AutoCloseable {

    /**
     * Returns the number of inputs per sample, the width each row of x must have.
     *
     * @return the input size
     */
    int inputSize();

    /**
     * Returns the number of targets per sample, the width each row of y must have.
     *
     * @return the output size
     */
    int outputSize();

    /**
     * Starts a new pass over the data (an epoch); the seed fixes this pass's shuffle.
     *
     * <p>The same seed gives the same order of samples. Calling it in the middle of a pass
     * abandons that pass.
     *
     * @param seed the seed of this pass's shuffle
     * @throws IOException if the underlying data cannot be reopened
     * @throws IllegalStateException if the source is closed
     */
    void reset(long seed) throws IOException;

    /**
     * Fills rows 0..k-1 of x and y (each with at least x.length rows) with the next k ≤ x.length
     * samples and returns k; 0 at the end of the pass. x and y are overwritten.
     *
     * <p>k is less than x.length only for the last batch of a pass. Rows k and beyond are left as
     * they were.
     *
     * @param x the input batch, rows of inputSize() values; overwritten
     * @param y the target batch, at least x.length rows of outputSize() values; overwritten
     * @return the number of samples written, 0 when the pass is over
     * @throws IOException if reading the underlying data fails
     * @throws IllegalArgumentException if y has fewer rows than x, or a row to be filled has the
     *     wrong width
     * @throws IllegalStateException if reset has not been called or the source is closed
     */
    int next(double[][] x, double[][] y) throws IOException;

    /**
     * Releases the underlying resources; further calls to reset or next fail.
     *
     * @throws IOException if closing the underlying data fails
     */
    @Override
    void close() throws IOException;

    /**
     * Returns a source over an in-memory data set whose every pass is a full shuffle: the pass
     * started by {@code reset(seed)} visits the rows in the order {@code Split.shuffledIndices(size, seed)}.
     *
     * @param data the data set; it is immutable, so it is shared rather than copied
     * @return a new source, which must be reset before the first batch
     */
    static BatchSource of(Dataset data) {
        return new DatasetBatchSource(Objects.requireNonNull(data, "data"));
    }
}
