package io.github.mlp4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A k×k table of counts whose entry (a, p) is the number of samples of actual class {@code a}
 * that were predicted as class {@code p}: rows = actual, columns = predicted.
 *
 * <p>The diagonal holds the correct predictions; row {@code a} sums to the number of samples of
 * class {@code a} (its support) and column {@code p} to the number of predictions of class
 * {@code p}. {@link #toString()} prints an aligned table with the class names:
 * <pre>
 * actual \ predicted  cat  dog  bird
 * cat                   2    1     0
 * dog                   0    2     1
 * bird                  1    0     2
 * </pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConfusionMatrix {
    private final int[][] counts;
    private final List<String> classNames;
    private final int total;

    private ConfusionMatrix(int[][] counts, List<String> classNames, int total) {
        this.counts = counts;
        this.classNames = classNames;
        this.total = total;
    }

    /**
     * Counts predictions against the truth for classes {@code 0 … classCount − 1}, named
     * {@code "0"}, {@code "1"}, ….
     *
     * @param actual the true class of each sample; not modified
     * @param predicted the predicted class of each sample; not modified
     * @param classCount the number of classes {@code k}, at least 1
     * @return the k×k confusion matrix
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a label is
     *     outside [0, k), or {@code classCount < 1}
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classCount) {
        MetricChecks.classCount(classCount);
        List<String> names = new ArrayList<>(classCount);
        for (int c = 0; c < classCount; c++) {
            names.add(Integer.toString(c));
        }
        return count(actual, predicted, List.copyOf(names));
    }

    /**
     * Counts predictions against the truth for the classes named in {@code classNames}, where
     * label {@code c} is the class {@code classNames.get(c)}.
     *
     * @param actual the true class of each sample; not modified
     * @param predicted the predicted class of each sample; not modified
     * @param classNames one name per class, at least one; copied
     * @return the confusion matrix with {@code classNames.size()} classes
     * @throws NullPointerException if an array, the list or a name is null
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a label is
     *     outside [0, classNames.size()), or the list is empty
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        Objects.requireNonNull(classNames, "classNames");
        for (int c = 0; c < classNames.size(); c++) {
            int index = c;
            Objects.requireNonNull(classNames.get(c), () -> "classNames[" + index + "] is null");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames is empty; pass one name per class.");
        }
        return count(actual, predicted, List.copyOf(classNames));
    }

    /**
     * Counts predictions against the truth, taking the number of classes to be one more than the
     * largest label in either array.
     *
     * <p>Prefer {@link #of(int[], int[], int)} when the number of classes is known: a class that
     * happens to be absent from both arrays would otherwise be left out.
     *
     * @param actual the true class of each sample, at least 0; not modified
     * @param predicted the predicted class of each sample, at least 0; not modified
     * @return the confusion matrix
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a
     *     negative label
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted) {
        MetricChecks.labels(actual, "actual");
        MetricChecks.labels(predicted, "predicted");
        int largest = 0;
        for (int a : actual) {
            largest = Math.max(largest, a);
        }
        for (int p : predicted) {
            largest = Math.max(largest, p);
        }
        return of(actual, predicted, largest + 1);
    }

    private static ConfusionMatrix count(int[] actual, int[] predicted, List<String> classNames) {
        int n = MetricChecks.labels(actual, "actual");
        MetricChecks.sameLength(n, "actual", MetricChecks.labels(predicted, "predicted"), "predicted");
        int k = classNames.size();
        MetricChecks.labelRange(actual, "actual", k);
        MetricChecks.labelRange(predicted, "predicted", k);
        int[][] counts = new int[k][k];
        for (int i = 0; i < n; i++) {
            counts[actual[i]][predicted[i]]++;                           // row = actual, column = predicted
        }
        return new ConfusionMatrix(counts, classNames, n);
    }

    /**
     * Returns the number of classes {@code k}.
     *
     * @return the number of rows, equal to the number of columns
     */
    public int classCount() {
        return counts.length;
    }

    /**
     * Returns the number of samples of class {@code actual} that were predicted as
     * {@code predicted}.
     *
     * @param actual the row, a class in [0, k)
     * @param predicted the column, a class in [0, k)
     * @return the count, at least 0
     * @throws IllegalArgumentException if a class is outside [0, k)
     */
    public int count(int actual, int predicted) {
        checkClass(actual, "actual");
        checkClass(predicted, "predicted");
        return counts[actual][predicted];
    }

    /**
     * Returns the number of samples counted.
     *
     * @return the sum of all entries
     */
    public int total() {
        return total;
    }

    /**
     * Returns the number of correct predictions.
     *
     * @return the sum of the diagonal
     */
    public int correct() {
        int correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    /**
     * Returns the accuracy, the diagonal's share of all samples.
     *
     * @return {@link #correct()} / {@link #total()}, in [0, 1]
     */
    public double accuracy() {
        return (double) correct() / total;
    }

    /**
     * Returns the number of samples whose actual class is {@code c}: the support of {@code c}.
     *
     * @param c a class in [0, k)
     * @return the sum of row {@code c}
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public int actualCount(int c) {
        checkClass(c, "c");
        int sum = 0;
        for (int p = 0; p < counts.length; p++) {
            sum += counts[c][p];
        }
        return sum;
    }

    /**
     * Returns the number of samples predicted as class {@code c}.
     *
     * @param c a class in [0, k)
     * @return the sum of column {@code c}
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public int predictedCount(int c) {
        checkClass(c, "c");
        int sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /**
     * Returns the name of class {@code c}: the name given, or {@code "c"} in decimal.
     *
     * @param c a class in [0, k)
     * @return the class's name
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public String className(int c) {
        checkClass(c, "c");
        return classNames.get(c);
    }

    /**
     * Returns the class names, one per class.
     *
     * @return an unmodifiable list of {@code k} names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns a copy of the counts, rows = actual, columns = predicted.
     *
     * @return a new k×k array
     */
    public int[][] toArray() {
        int[][] copy = new int[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            copy[a] = counts[a].clone();
        }
        return copy;
    }

    /**
     * Returns the per-class precision, recall and F1 of this matrix.
     *
     * @return the classification report
     */
    public ClassificationReport report() {
        return ClassificationReport.from(this);
    }

    private void checkClass(int c, String name) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException(name + " is " + c + " but this matrix has " + counts.length
                    + " classes; pass a class in [0, " + (counts.length - 1) + "].");
        }
    }

    /**
     * Returns the matrix as an aligned table with a header row of predicted class names and a
     * first column of actual class names.
     *
     * @return a multi-line table ending with a line separator
     */
    @Override
    public String toString() {
        String corner = "actual \\ predicted";
        int k = counts.length;
        int firstWidth = corner.length();
        for (String name : classNames) {
            firstWidth = Math.max(firstWidth, name.length());
        }
        int[] widths = new int[k];
        for (int p = 0; p < k; p++) {
            widths[p] = classNames.get(p).length();
            for (int[] row : counts) {
                widths[p] = Math.max(widths[p], Integer.toString(row[p]).length());
            }
        }
        StringBuilder table = new StringBuilder();
        pad(table, corner, firstWidth, false);
        for (int p = 0; p < k; p++) {
            table.append("  ");
            pad(table, classNames.get(p), widths[p], true);
        }
        table.append(System.lineSeparator());
        for (int a = 0; a < k; a++) {
            pad(table, classNames.get(a), firstWidth, false);
            for (int p = 0; p < k; p++) {
                table.append("  ");
                pad(table, Integer.toString(counts[a][p]), widths[p], true);
            }
            table.append(System.lineSeparator());
        }
        return table.toString();
    }

    private static void pad(StringBuilder out, String text, int width, boolean right) {
        if (!right) {
            out.append(text);
        }
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
        if (right) {
            out.append(text);
        }
    }

    /**
     * Returns whether {@code other} is a confusion matrix with the same counts and class names.
     *
     * @param other the object to compare with
     * @return true if the counts and names are equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that
                && Arrays.deepEquals(counts, that.counts)
                && classNames.equals(that.classNames);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the counts and names
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(counts) + classNames.hashCode();
    }
}
