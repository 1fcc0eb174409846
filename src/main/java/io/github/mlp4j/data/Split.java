package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seeded train/test splits and k-fold partitions of a {@link Dataset}.
 *
 * <p>Every method draws its shuffle from {@code new Rng(seed)}, so the same seed gives the same
 * split, bit for bit. Rows inside each part are in shuffled order, so a data set sorted by class
 * (like iris) comes out mixed.
 */
public final class Split {
    private Split() {
    }

    /**
     * A training part and a test part of one data set; every row of the original is in exactly
     * one of them.
     *
     * @param train the rows to fit on
     * @param test the held-out rows to evaluate on
     */
    public record Result(Dataset train, Dataset test) {
        /**
         * Checks that both parts are present.
         *
         * @param train the rows to fit on
         * @param test the held-out rows to evaluate on
         * @throws NullPointerException if a part is null
         */
        public Result {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    /**
     * Returns a random split that holds out {@code round(n · testFraction)} rows for testing.
     *
     * @param data the data set; not modified
     * @param testFraction the share of rows to hold out, strictly between 0 and 1, such as 0.2
     * @param seed the seed of the shuffle
     * @return the train and test parts, each with at least one row
     * @throws NullPointerException if data is null
     * @throws IllegalArgumentException if testFraction is not in (0, 1) or leaves a part empty
     */
    public static Result trainTest(Dataset data, double testFraction, long seed) {
        Objects.requireNonNull(data, "data");
        checkFraction(testFraction);
        int n = data.size();
        int testSize = (int) Math.round(n * testFraction);
        checkSizes(n, testSize, testFraction);
        int[] order = identity(n);
        new Rng(seed).shuffle(order);
        int[] test = new int[testSize];
        int[] train = new int[n - testSize];
        System.arraycopy(order, 0, test, 0, testSize);
        System.arraycopy(order, testSize, train, 0, n - testSize);
        return new Result(data.rows(train), data.rows(test));
    }

    /**
     * Returns a random split in which every class keeps its share of rows in both parts.
     *
     * <p>Class {@code c} with {@code n_c} rows puts {@code round(n_c · testFraction)} of them in
     * the test part, so the test size may differ by a row or two from {@code round(n · testFraction)}.
     * Classes come from {@link Dataset#labels()}: the argmax of one-hot targets or a 0/1 column.
     *
     * @param data a classification data set; not modified
     * @param testFraction the share of each class to hold out, strictly between 0 and 1
     * @param seed the seed of the shuffle
     * @return the train and test parts, each with at least one row
     * @throws NullPointerException if data is null
     * @throws IllegalArgumentException if testFraction is not in (0, 1) or leaves a part empty
     * @throws IllegalStateException if the targets are not class targets (see {@link Dataset#labels()})
     */
    public static Result stratified(Dataset data, double testFraction, long seed) {
        Objects.requireNonNull(data, "data");
        checkFraction(testFraction);
        int[] labels = data.labels();
        int classes = 0;
        for (int c : labels) {
            classes = Math.max(classes, c + 1);
        }
        // Group row indices by class, in row order.
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Rng rng = new Rng(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> members : byClass) {
            int[] rows = toArray(members);
            rng.shuffle(rows);
            int testSize = (int) Math.round(rows.length * testFraction);
            for (int k = 0; k < rows.length; k++) {
                (k < testSize ? test : train).add(rows[k]);
            }
        }
        checkSizes(data.size(), test.size(), testFraction);
        int[] trainRows = toArray(train);
        int[] testRows = toArray(test);
        rng.shuffle(trainRows);                            // mix the classes inside each part
        rng.shuffle(testRows);
        return new Result(data.rows(trainRows), data.rows(testRows));
    }

    /**
     * Returns the k train/test splits of k-fold cross-validation: the rows are shuffled once and
     * cut into k folds of nearly equal size, and split {@code i} tests on fold {@code i} and trains
     * on the rest.
     *
     * <p>The first {@code n mod k} folds have one row more than the others.
     *
     * @param data the data set; not modified
     * @param k the number of folds, 2 ≤ k ≤ data.size()
     * @param seed the seed of the shuffle
     * @return k splits; every row is in the test part of exactly one
     * @throws NullPointerException if data is null
     * @throws IllegalArgumentException if k is out of range
     */
    public static List<Result> kFold(Dataset data, int k, long seed) {
        Objects.requireNonNull(data, "data");
        int n = data.size();
        Checks.atLeast(k, 2, "k");
        if (k > n) {
            throw new IllegalArgumentException("k is " + k + " but the data set has only " + n
                    + " rows; pass k ≤ " + n + " so that every fold has a row.");
        }
        int[] order = identity(n);
        new Rng(seed).shuffle(order);
        List<Result> splits = new ArrayList<>(k);
        int start = 0;
        for (int fold = 0; fold < k; fold++) {
            int size = n / k + (fold < n % k ? 1 : 0);
            int[] test = new int[size];
            int[] train = new int[n - size];
            System.arraycopy(order, start, test, 0, size);
            System.arraycopy(order, 0, train, 0, start);
            System.arraycopy(order, start + size, train, start, n - start - size);
            splits.add(new Result(data.rows(train), data.rows(test)));
            start += size;
        }
        return List.copyOf(splits);
    }

    /**
     * Returns the numbers 0..n-1 in an order shuffled by the seed (Fisher–Yates).
     *
     * @param n how many indices, at least 0
     * @param seed the seed of the shuffle
     * @return a new permutation of 0..n-1
     * @throws IllegalArgumentException if n is negative
     */
    public static int[] shuffledIndices(int n, long seed) {
        Checks.atLeast(n, 0, "n");
        int[] order = identity(n);
        new Rng(seed).shuffle(order);
        return order;
    }

    private static void checkFraction(double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must lie strictly between 0 and 1, but was "
                    + testFraction + "; try 0.2 to hold out a fifth of the rows.");
        }
    }

    private static void checkSizes(int n, int testSize, double testFraction) {
        if (testSize < 1 || testSize > n - 1) {
            throw new IllegalArgumentException("testFraction " + testFraction + " of " + n + " rows gives "
                    + testSize + " test rows and " + (n - testSize)
                    + " training rows; both parts need at least one row. Pass more rows or another fraction.");
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static int[] toArray(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
