package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * An immutable set of samples: inputs {@code x} of shape (n, inputs) and targets {@code y} of
 * shape (n, outputs), with optional class names.
 *
 * <p>Both matrices are copied when the data set is made and again whenever they are returned, so
 * no caller can change a data set after it exists. Every value is finite and there is at least
 * one row. Instances are immutable and thread-safe.
 *
 * <p>The class names, when present, name the classes in target order: for one-hot targets the
 * name of column {@code j} is {@code classNames().get(j)}; for a single 0/1 column they name
 * class 0 and class 1. Regression data sets have no class names.
 */
public final class Dataset {
    private final double[][] x;
    private final double[][] y;
    private final List<String> classNames;

    private Dataset(double[][] x, double[][] y, List<String> classNames) {
        this.x = x;
        this.y = y;
        this.classNames = classNames;
    }

    /**
     * Returns a data set of the given inputs and targets, without class names.
     *
     * @param x inputs, shape (n, inputs); copied, not modified
     * @param y targets, shape (n, outputs); copied, not modified
     * @return the data set
     * @throws NullPointerException if an argument or one of its rows is null
     * @throws IllegalArgumentException if a matrix is empty, ragged or holds NaN or infinity, or
     *     if x and y have different row counts
     */
    public static Dataset of(double[][] x, double[][] y) {
        return of(x, y, List.of());
    }

    /**
     * Returns a data set of the given inputs, targets and class names.
     *
     * @param x inputs, shape (n, inputs); copied, not modified
     * @param y targets, shape (n, outputs); copied, not modified
     * @param classNames the names of the classes in target order, or an empty list; copied
     * @return the data set
     * @throws NullPointerException if an argument, one of its rows or a class name is null
     * @throws IllegalArgumentException if a matrix is empty, ragged or holds NaN or infinity, if
     *     x and y have different row counts, or if there are class names but their count does
     *     not fit y (one per column for one-hot targets, at most two for a single column)
     */
    public static Dataset of(double[][] x, double[][] y, List<String> classNames) {
        Checks.matrix(x, "x");
        int outputs = Checks.matrix(y, "y");
        Checks.sameRows(x, y);
        List<String> names = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        checkClassNames(names, outputs);
        return new Dataset(Checks.copy(x), Checks.copy(y), names);
    }

    /** Makes a data set from arrays that are already checked and owned by the caller. */
    static Dataset wrap(double[][] x, double[][] y, List<String> classNames) {
        return new Dataset(x, y, classNames);
    }

    private static void checkClassNames(List<String> names, int outputs) {
        if (names.isEmpty()) {
            return;
        }
        if (outputs > 1 && names.size() != outputs) {
            throw new IllegalArgumentException("y has " + outputs + " one-hot columns but "
                    + names.size() + " class names were given " + names
                    + "; pass one name per column, or none.");
        }
        if (outputs == 1 && names.size() > 2) {
            throw new IllegalArgumentException("y has a single 0/1 column but " + names.size()
                    + " class names were given " + names
                    + "; pass at most two names, or use one-hot targets for more classes.");
        }
    }

    /**
     * Returns the number of samples (rows).
     *
     * @return n, at least 1
     */
    public int size() {
        return x.length;
    }

    /**
     * Returns the number of input features, the width of {@code x}.
     *
     * @return the number of columns of x
     */
    public int inputSize() {
        return x[0].length;
    }

    /**
     * Returns the number of target columns, the width of {@code y}.
     *
     * @return the number of columns of y
     */
    public int outputSize() {
        return y[0].length;
    }

    /**
     * Returns a copy of the inputs.
     *
     * @return a new array of shape (size(), inputSize()); changing it does not change this data set
     */
    public double[][] x() {
        return Checks.copy(x);
    }

    /**
     * Returns a copy of the targets.
     *
     * @return a new array of shape (size(), outputSize()); changing it does not change this data set
     */
    public double[][] y() {
        return Checks.copy(y);
    }

    /**
     * Returns a copy of one input row.
     *
     * @param row the row index, 0 ≤ row &lt; size()
     * @return a new array of length inputSize()
     * @throws IndexOutOfBoundsException if row is out of range
     */
    public double[] x(int row) {
        return x[Objects.checkIndex(row, x.length)].clone();
    }

    /**
     * Returns a copy of one target row.
     *
     * @param row the row index, 0 ≤ row &lt; size()
     * @return a new array of length outputSize()
     * @throws IndexOutOfBoundsException if row is out of range
     */
    public double[] y(int row) {
        return y[Objects.checkIndex(row, y.length)].clone();
    }

    /** Returns input row {@code i} itself, not a copy; callers in this package must not modify it. */
    double[] inputRow(int i) {
        return x[i];
    }

    /** Returns target row {@code i} itself, not a copy; callers in this package must not modify it. */
    double[] targetRow(int i) {
        return y[i];
    }

    /**
     * Returns the class names in target order, or an empty list when there are none.
     *
     * @return an unmodifiable list
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the class index of every row: the argmax of a one-hot row, or the value of a single
     * 0/1 column.
     *
     * <p>For one-hot rows a tie goes to the lowest column, as in {@link OneHot#decode(double[][])}.
     *
     * @return a new array of length size()
     * @throws IllegalStateException if y is a single column holding a value other than 0 or 1
     *     (a regression target has no classes)
     */
    public int[] labels() {
        int[] labels = new int[y.length];
        if (outputSize() > 1) {
            for (int i = 0; i < y.length; i++) {
                labels[i] = OneHot.argmax(y[i]);
            }
            return labels;
        }
        for (int i = 0; i < y.length; i++) {
            double v = y[i][0];
            if (v != 0.0 && v != 1.0) {
                throw new IllegalStateException("y[" + i + "][0] is " + v + " but class labels need a "
                        + "single column of 0 or 1, or one-hot rows; this looks like a regression target.");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /**
     * Returns a new data set holding the given rows, in the given order.
     *
     * <p>An index may repeat (as in a bootstrap sample). The class names are kept.
     *
     * @param indices row indices, each 0 ≤ i &lt; size(); not modified
     * @return the subset, with indices.length rows
     * @throws NullPointerException if indices is null
     * @throws IllegalArgumentException if indices is empty or an index is out of range
     */
    public Dataset rows(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("indices is empty; a data set needs at least one row.");
        }
        double[][] sx = new double[indices.length][];
        double[][] sy = new double[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= x.length) {
                throw new IllegalArgumentException("indices[" + k + "] is " + i
                        + " but the data set has " + x.length + " rows; use indices 0 to " + (x.length - 1) + ".");
            }
            sx[k] = x[i].clone();
            sy[k] = y[i].clone();
        }
        return new Dataset(sx, sy, classNames);
    }

    /**
     * Returns a new data set with the same targets and class names but other inputs, such as the
     * output of a scaler.
     *
     * @param newX inputs of shape (size(), any width); copied, not modified
     * @return the new data set
     * @throws IllegalArgumentException if newX is empty, ragged, holds NaN or infinity or has a
     *     different row count
     */
    public Dataset withX(double[][] newX) {
        Checks.matrix(newX, "x");
        Checks.sameRows(newX, y);
        return new Dataset(Checks.copy(newX), y, classNames);
    }

    /**
     * Returns a short description such as {@code Dataset[150 rows, 4 inputs, 3 outputs, classes [a, b, c]]}.
     *
     * @return the description; the values themselves are not listed
     */
    @Override
    public String toString() {
        return "Dataset[" + size() + " rows, " + inputSize() + " inputs, " + outputSize() + " outputs"
                + (classNames.isEmpty() ? "" : ", classes " + classNames) + "]";
    }
}
