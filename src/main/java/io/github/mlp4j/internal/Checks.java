package io.github.mlp4j.internal;

import java.util.Objects;

/**
 * Argument checks shared by every public entry point, so that each kind of bad input gets the
 * same clear message everywhere: what was expected, what was given, and what to do.
 *
 * <p>Checks run once, at the public boundary, never in inner loops.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks that {@code m} is a non-empty rectangular matrix of finite values and returns its
     * width.
     *
     * @param m the matrix, rows = samples; not modified
     * @param name the argument's name in messages, such as {@code "x"}
     * @return the number of columns
     * @throws NullPointerException if {@code m} or one of its rows is null
     * @throws IllegalArgumentException if {@code m} is empty, ragged, or holds NaN or infinity
     */
    public static int matrix(double[][] m, String name) {
        int width = shape(m, name);
        finite(m, name);
        return width;
    }

    /**
     * Checks that {@code m} is a non-empty rectangular matrix and returns its width, as
     * {@link #matrix} does, without looking at the values.
     *
     * @param m the matrix, rows = samples; not modified
     * @param name the argument's name in messages
     * @return the number of columns
     * @throws NullPointerException if {@code m} or one of its rows is null
     * @throws IllegalArgumentException if {@code m} is empty or ragged
     */
    public static int shape(double[][] m, String name) {
        Objects.requireNonNull(m, name);
        if (m.length == 0) {
            throw new IllegalArgumentException(name + " has no rows; pass at least one row.");
        }
        double[] first = m[0];
        if (first == null) {
            throw new NullPointerException("row 0 of " + name + " is null");    // no message lambda: nothing allocated
        }
        int width = first.length;
        if (width == 0) {
            throw new IllegalArgumentException(
                    "Row 0 of " + name + " has no values; every row needs at least one column.");
        }
        for (int i = 0; i < m.length; i++) {
            double[] row = m[i];
            if (row == null) {
                throw new NullPointerException("row " + i + " of " + name + " is null");
            }
            if (row.length != width) {
                throw new IllegalArgumentException("Row " + i + " of " + name + " has " + row.length
                        + " values but row 0 has " + width + "; every row must have the same length.");
            }
        }
        return width;
    }

    /**
     * Checks that every value of the rectangular matrix {@code m} is finite, naming the first one
     * that is not.
     *
     * @param m the matrix, already checked by {@link #shape}; not modified
     * @param name the argument's name in messages
     * @throws IllegalArgumentException if {@code m} holds NaN or infinity
     */
    public static void finite(double[][] m, String name) {
        for (int i = 0; i < m.length; i++) {
            double[] row = m[i];
            if (allFinite(row)) {
                continue;
            }
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw notFinite(name + "[" + i + "][" + j + "]", row[j]);
                }
            }
        }
    }

    /**
     * Checks, as {@link #finite(double[][], String)} does, that every value of the rectangular
     * matrix {@code m} is finite, faster: each row adds {@code v·0} into {@code scratch} column by
     * column (a loop C2 vectorises), and only if a column turned NaN ({@code ±∞·0} and
     * {@code NaN·0} are NaN) is the matrix searched for the first bad value.
     *
     * @param m the matrix, already checked by {@link #shape}; not modified
     * @param name the argument's name in messages
     * @param scratch at least as many values as a row of {@code m}; overwritten
     * @throws IllegalArgumentException if {@code m} holds NaN or infinity
     */
    public static void finite(double[][] m, String name, double[] scratch) {
        int width = m[0].length;
        java.util.Arrays.fill(scratch, 0, width, 0.0);
        for (double[] row : m) {
            Kernels.accumulateNonFinite(scratch, row, width);                 // stays 0 while the row is finite
        }
        for (int j = 0; j < width; j++) {
            if (scratch[j] != 0.0) {
                finite(m, name);                                              // names the first bad value
            }
        }
    }

    /** Returns the error for a value that is NaN or infinite, {@code where} naming it ({@code "x[2][5]"}). */
    private static IllegalArgumentException notFinite(String where, double value) {
        return new IllegalArgumentException(where + " is " + value
                + "; every value must be finite. Remove or impute missing values first.");
    }

    /**
     * Returns whether every value of {@code v} is finite. Each value adds {@code v·0} to one of four
     * sums, which stay 0 unless a value is NaN or infinite ({@code ±∞·0} is NaN): no branch per
     * value, and four independent sums for the processor to overlap, a loop the JIT vectorises
     * (unlike one that tests each value with {@link Double#isFinite} and returns early).
     */
    public static boolean allFinite(double[] v) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int n = v.length;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += v[j] * 0.0;
            s1 += v[j + 1] * 0.0;
            s2 += v[j + 2] * 0.0;
            s3 += v[j + 3] * 0.0;
        }
        for (; j < n; j++) {
            s0 += v[j] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    /**
     * Checks that {@code v} is a non-empty vector of finite values and returns its length.
     *
     * @throws NullPointerException if {@code v} is null
     * @throws IllegalArgumentException if {@code v} is empty or holds NaN or infinity
     */
    public static int vector(double[] v, String name) {
        Objects.requireNonNull(v, name);
        if (v.length == 0) {
            throw new IllegalArgumentException(name + " is empty; pass at least one value.");
        }
        if (!allFinite(v)) {
            for (int j = 0; j < v.length; j++) {
                if (!Double.isFinite(v[j])) {
                    throw notFinite(name + "[" + j + "]", v[j]);
                }
            }
        }
        return v.length;
    }

    /**
     * Checks that a matrix or vector has the width the network expects.
     *
     * @param actual the width given
     * @param expected the width expected
     * @param name the argument's name, such as {@code "x"}
     * @param what what the expected width is, such as {@code "inputs (the input size)"}
     */
    public static void width(int actual, int expected, String name, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " columns but the network has "
                    + expected + " " + what + "; pass rows with " + expected
                    + " values, or build the network to match.");
        }
    }

    /** Checks that x and y hold the same number of rows. */
    public static void sameRows(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length
                    + "; pass one target row per input row.");
        }
    }

    /** Returns {@code value} if it is positive and finite, else throws naming {@code name}. */
    public static double positiveFinite(double value, String name, String suggestion) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, but was " + value
                    + "; try a value such as " + suggestion + ".");
        }
        return value;
    }

    /** Returns {@code value} if it is finite and at least zero, else throws naming {@code name}. */
    public static double nonNegativeFinite(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and at least 0, but was " + value + ".");
        }
        return value;
    }

    /** Returns {@code value} if it is at least {@code min}, else throws naming {@code name}. */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + value + ".");
        }
        return value;
    }

    /** Returns a deep copy of a rectangular matrix. */
    public static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
