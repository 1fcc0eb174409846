package io.github.mlp4j.data;

/**
 * A fitted, column-wise feature transformation with an exact inverse, such as
 * {@link MinMaxScaler} or {@link StandardScaler}.
 *
 * <p>Fit a scaler on the training inputs only, then apply the same fitted scaler to training,
 * validation and test inputs and to every input given to the trained model. Implementations are
 * immutable and thread-safe.
 */
public interface Scaler {

    /**
     * Returns the number of columns the scaler was fitted on.
     *
     * @return the width every transformed matrix must have
     */
    int inputSize();

    /**
     * Returns the scaled copy of a matrix.
     *
     * @param x rows of inputSize() values, shape (n, inputSize()); not modified
     * @return a new array of the same shape
     * @throws IllegalArgumentException if x is empty, ragged, holds NaN or infinity, or has
     *     another width than inputSize()
     */
    double[][] transform(double[][] x);

    /**
     * Returns the scaled copy of one row.
     *
     * @param row inputSize() values; not modified
     * @return a new array of the same length
     * @throws IllegalArgumentException if row has another length than inputSize() or holds NaN or infinity
     */
    double[] transform(double[] row);

    /**
     * Returns the unscaled copy of a matrix, undoing {@link #transform(double[][])}.
     *
     * @param x scaled rows, shape (n, inputSize()); not modified
     * @return a new array of the same shape
     * @throws IllegalArgumentException if x is empty, ragged, holds NaN or infinity, or has
     *     another width than inputSize()
     */
    double[][] inverseTransform(double[][] x);

    /**
     * Returns a data set whose inputs are scaled and whose targets and class names are unchanged.
     *
     * @param data the data set; not modified
     * @return a new data set
     * @throws IllegalArgumentException if data.inputSize() differs from inputSize()
     */
    default Dataset transform(Dataset data) {
        return data.withX(transform(data.x()));
    }
}
