package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.internal.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/**
 * Seeded generators of the usual two-dimensional teaching data sets: two circles, two moons,
 * XOR, two spirals, Gaussian blobs and Gaussian quantiles.
 *
 * <p>Target layout: the two-class generators ({@link #circles}, {@link #moons}, {@link #xor},
 * {@link #spirals}) return y as a single column of 0 or 1, ready for one sigmoid output. The
 * generators that take a class count ({@link #blobs}, {@link #gaussianQuantiles}) always return
 * one-hot rows, one column per class, even for two classes, so the shape does not depend on the
 * count. Every data set carries class names.
 *
 * <p>Each generator draws every number from {@code new Rng(seed)}: the same arguments give
 * bit-identical data on every JVM (the trigonometry uses {@link StrictMath}). Noise is Gaussian with standard deviation {@code noise}, added
 * to each coordinate. Unless a method says otherwise, the rows come in shuffled order.
 */
public final class Generators {
    private Generators() {
    }

    /**
     * Returns two concentric circles, as scikit-learn's {@code make_circles} does: a large circle
     * of class 0 around a small circle of class 1.
     *
     * <p>{@code nOuter = n / 2} points (integer division) lie on the circle of radius 1 at angles
     * {@code 2π·i / nOuter}, and the other {@code nInner = n − nOuter} points lie on the circle of
     * radius {@code factor} at angles {@code 2π·i / nInner}; then Gaussian noise is added to both
     * coordinates and the rows are shuffled.
     *
     * @param n the number of points, at least 2
     * @param noise the standard deviation of the noise, at least 0
     * @param factor the inner radius relative to the outer, 0 ≤ factor &lt; 1
     * @param seed the seed of the noise and the shuffle
     * @return n rows with 2 inputs and a 0/1 target; classes {@code ["outer", "inner"]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Dataset circles(int n, double noise, double factor, long seed) {
        Checks.atLeast(n, 2, "n");
        Checks.nonNegativeFinite(noise, "noise");
        if (!(factor >= 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must satisfy 0 ≤ factor < 1, but was " + factor
                    + "; try 0.5 (the inner circle's radius relative to the outer one).");
        }
        int nOuter = n / 2;
        int nInner = n - nOuter;
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < nOuter; i++) {
            double angle = 2 * Math.PI * i / nOuter;
            x[i][0] = StrictMath.cos(angle);
            x[i][1] = StrictMath.sin(angle);
        }
        for (int i = 0; i < nInner; i++) {
            double angle = 2 * Math.PI * i / nInner;
            x[nOuter + i][0] = factor * StrictMath.cos(angle);
            x[nOuter + i][1] = factor * StrictMath.sin(angle);
            labels[nOuter + i] = 1;
        }
        Rng rng = new Rng(seed);
        addNoise(x, noise, rng);
        return binary(x, labels, rng, List.of("outer", "inner"));
    }

    /**
     * Returns the data set of the mlp4j tutorial: two copies of the two circles side by side,
     * scaled to [-1, 1], 1,600 rows in all.
     *
     * <p>It is made in three steps:
     * <ol>
     *   <li>{@code circles(800, 0.04, 0.3, seed)};</li>
     *   <li>those 800 rows followed by a copy of them shifted by +3 on both axes, with the same
     *       labels (the copies never overlap, since every point lies within about 1.2 of its
     *       circle's centre);</li>
     *   <li>each column min-max scaled to [-1, 1], so each column's smallest value is exactly −1
     *       and its largest exactly 1.</li>
     * </ol>
     * Rows 0–799 are the first copy and rows 800–1599 the shifted one, in the same order.
     *
     * @param seed the seed passed to {@link #circles}
     * @return 1,600 rows with 2 inputs in [-1, 1] and a 0/1 target; classes {@code ["outer", "inner"]}
     */
    public static Dataset tutorialCircles(long seed) {
        Dataset base = circles(800, 0.04, 0.3, seed);
        int n = base.size();
        double[][] x = new double[2 * n][];
        double[][] y = new double[2 * n][];
        for (int i = 0; i < n; i++) {
            double[] p = base.inputRow(i);
            x[i] = p.clone();
            x[n + i] = new double[] {p[0] + 3, p[1] + 3};
            y[i] = base.targetRow(i).clone();
            y[n + i] = base.targetRow(i).clone();
        }
        double[][] scaled = MinMaxScaler.fit(x, -1, 1).transform(x);
        return Dataset.wrap(scaled, y, base.classNames());
    }

    /**
     * Returns two interleaving half circles, as scikit-learn's {@code make_moons} does.
     *
     * <p>{@code nUpper = n / 2} points of class 0 lie at {@code (cos t, sin t)} and the other
     * {@code nLower = n − nUpper} points of class 1 at {@code (1 − cos t, 0.5 − sin t)}, with
     * {@code t} evenly spaced over [0, π] (both ends included); then noise is added and the rows
     * are shuffled.
     *
     * @param n the number of points, at least 2
     * @param noise the standard deviation of the noise, at least 0
     * @param seed the seed of the noise and the shuffle
     * @return n rows with 2 inputs and a 0/1 target; classes {@code ["upper", "lower"]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Dataset moons(int n, double noise, long seed) {
        Checks.atLeast(n, 2, "n");
        Checks.nonNegativeFinite(noise, "noise");
        int nUpper = n / 2;
        int nLower = n - nUpper;
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < nUpper; i++) {
            double t = nUpper == 1 ? 0 : Math.PI * i / (nUpper - 1);
            x[i][0] = StrictMath.cos(t);
            x[i][1] = StrictMath.sin(t);
        }
        for (int i = 0; i < nLower; i++) {
            double t = nLower == 1 ? 0 : Math.PI * i / (nLower - 1);
            x[nUpper + i][0] = 1 - StrictMath.cos(t);
            x[nUpper + i][1] = 0.5 - StrictMath.sin(t);
            labels[nUpper + i] = 1;
        }
        Rng rng = new Rng(seed);
        addNoise(x, noise, rng);
        return binary(x, labels, rng, List.of("upper", "lower"));
    }

    /**
     * Returns the four points of the XOR truth table, in order: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0.
     *
     * @return 4 rows with 2 inputs and a 0/1 target; classes {@code ["0", "1"]}
     */
    public static Dataset xor() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        return Dataset.wrap(x, y, List.of("0", "1"));
    }

    /**
     * Returns a noisy XOR cloud: point {@code i} starts at corner {@code i mod 4} of the unit
     * square, in the order of {@link #xor()}, takes that corner's label, and gets Gaussian noise;
     * then the rows are shuffled.
     *
     * <p>When n is a multiple of 4 each corner has exactly n/4 points, so the classes are balanced.
     *
     * @param n the number of points, at least 4
     * @param noise the standard deviation of the noise, at least 0; 0.15 keeps the clouds apart
     * @param seed the seed of the noise and the shuffle
     * @return n rows with 2 inputs and a 0/1 target; classes {@code ["0", "1"]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Dataset xor(int n, double noise, long seed) {
        Checks.atLeast(n, 4, "n");
        Checks.nonNegativeFinite(noise, "noise");
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int corner = i % 4;
            int a = corner >> 1;
            int b = corner & 1;
            x[i][0] = a;
            x[i][1] = b;
            labels[i] = a ^ b;
        }
        Rng rng = new Rng(seed);
        addNoise(x, noise, rng);
        return binary(x, labels, rng, List.of("0", "1"));
    }

    /**
     * Returns two interleaved spirals, each winding one and a half turns out from the centre.
     *
     * <p>Class {@code c} has {@code m} points ({@code n / 2} for class 0, the rest for class 1);
     * its point {@code i} has {@code t = i / m} and lies at
     * <pre>
     *   r = 0.1 + 0.9·t,   θ = 3π·t + c·π,   (r·cos θ, r·sin θ)
     * </pre>
     * so the second spiral is the first turned by half a turn, and every noiseless point lies
     * within the unit disc. Then noise is added and the rows are shuffled.
     *
     * @param n the number of points, at least 2
     * @param noise the standard deviation of the noise, at least 0; about 0.02 keeps the arms apart
     * @param seed the seed of the noise and the shuffle
     * @return n rows with 2 inputs and a 0/1 target; classes {@code ["first", "second"]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Dataset spirals(int n, double noise, long seed) {
        Checks.atLeast(n, 2, "n");
        Checks.nonNegativeFinite(noise, "noise");
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        int first = n / 2;
        for (int i = 0; i < n; i++) {
            int c = i < first ? 0 : 1;
            int m = c == 0 ? first : n - first;
            int k = c == 0 ? i : i - first;
            double t = (double) k / m;
            double r = 0.1 + 0.9 * t;
            double theta = 3 * Math.PI * t + c * Math.PI;
            x[i][0] = r * StrictMath.cos(theta);
            x[i][1] = r * StrictMath.sin(theta);
            labels[i] = c;
        }
        Rng rng = new Rng(seed);
        addNoise(x, noise, rng);
        return binary(x, labels, rng, List.of("first", "second"));
    }

    /**
     * Returns Gaussian blobs around the given centres: class {@code c} is drawn around
     * {@code centers[c]} with standard deviation {@code std} on every axis.
     *
     * <p>Each class gets {@code n / k} points and the first {@code n mod k} classes one more,
     * where {@code k = centers.length}. The rows are shuffled.
     *
     * @param n the number of points, at least k
     * @param centers the k centres, each of the same length (the number of features); not modified
     * @param std the standard deviation of each blob, at least 0
     * @param seed the seed of the points and the shuffle
     * @return n rows with centers[0].length inputs and one-hot targets of width k; classes
     *     {@code ["0", …, "k-1"]}
     * @throws NullPointerException if centers is null
     * @throws IllegalArgumentException if centers is empty, ragged or not finite, or an argument
     *     is out of range
     */
    public static Dataset blobs(int n, double[][] centers, double std, long seed) {
        return blobs(n, centers, std, new Rng(seed));
    }

    /**
     * Returns {@code k} Gaussian blobs in the plane around random centres, as scikit-learn's
     * {@code make_blobs} does: the centres are drawn uniformly from the square [-10, 10)², then
     * the points as in {@link #blobs(int, double[][], double, long)}.
     *
     * @param n the number of points, at least k
     * @param k the number of blobs (classes), at least 1
     * @param std the standard deviation of each blob, at least 0; try 1.0
     * @param seed the seed of the centres, the points and the shuffle
     * @return n rows with 2 inputs and one-hot targets of width k; classes {@code ["0", …, "k-1"]}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Dataset blobs(int n, int k, double std, long seed) {
        Checks.atLeast(k, 1, "k");
        Rng rng = new Rng(seed);
        double[][] centers = new double[k][2];
        for (double[] c : centers) {
            c[0] = rng.nextDouble(-10, 10);
            c[1] = rng.nextDouble(-10, 10);
        }
        return blobs(n, centers, std, rng);
    }

    private static Dataset blobs(int n, double[][] centers, double std, Rng rng) {
        int features = Checks.matrix(centers, "centers");
        int k = centers.length;
        Checks.atLeast(n, k, "n");
        Checks.nonNegativeFinite(std, "std");
        double[][] x = new double[n][features];
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < k; c++) {
            int count = n / k + (c < n % k ? 1 : 0);
            for (int s = 0; s < count; s++, i++) {
                for (int j = 0; j < features; j++) {
                    x[i][j] = centers[c][j] + std * rng.nextGaussian();
                }
                labels[i] = c;
            }
        }
        int[] order = identity(n);
        rng.shuffle(order);
        return oneHot(permute(x, order), permute(labels, order), k);
    }

    /**
     * Returns classes made by quantiles of a standard Gaussian, as scikit-learn's
     * {@code make_gaussian_quantiles} does: nested shells around the origin.
     *
     * <p>n points are drawn from the standard normal distribution in {@code features} dimensions
     * and ranked by their distance from the origin; with {@code step = n / classes}, the point of
     * rank {@code r} (0 = nearest) gets class {@code min(r / step, classes − 1)}, so every class
     * has {@code step} points and the last also takes the remainder. The rows keep the order in
     * which they were drawn, which is already random.
     *
     * @param n the number of points, at least classes
     * @param features the number of dimensions, at least 1
     * @param classes the number of classes, at least 1
     * @param seed the seed of the points
     * @return n rows with {@code features} inputs and one-hot targets of width classes;
     *     classes {@code ["0", …, "classes-1"]}, from the innermost shell out
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Dataset gaussianQuantiles(int n, int features, int classes, long seed) {
        Checks.atLeast(features, 1, "features");
        Checks.atLeast(classes, 1, "classes");
        Checks.atLeast(n, classes, "n");
        Rng rng = new Rng(seed);
        double[][] x = new double[n][features];
        double[] squaredDistance = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                double v = rng.nextGaussian();
                x[i][j] = v;
                squaredDistance[i] += v * v;
            }
        }
        Integer[] byDistance = new Integer[n];
        for (int i = 0; i < n; i++) {
            byDistance[i] = i;
        }
        Arrays.sort(byDistance, (a, b) -> Double.compare(squaredDistance[a], squaredDistance[b]));
        int step = n / classes;
        int[] labels = new int[n];
        for (int rank = 0; rank < n; rank++) {
            labels[byDistance[rank]] = Math.min(rank / step, classes - 1);
        }
        return oneHot(x, labels, classes);
    }

    private static void addNoise(double[][] x, double noise, Rng rng) {
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] += noise * rng.nextGaussian();
            }
        }
    }

    /** Shuffles the rows with rng and returns them with a single 0/1 target column. */
    private static Dataset binary(double[][] x, int[] labels, Rng rng, List<String> classNames) {
        int[] order = identity(x.length);
        rng.shuffle(order);
        double[][] sx = permute(x, order);
        double[][] y = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            y[i][0] = labels[order[i]];
        }
        return Dataset.wrap(sx, y, classNames);
    }

    private static Dataset oneHot(double[][] x, int[] labels, int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return Dataset.wrap(x, OneHot.encode(labels, classes), List.copyOf(names));
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static double[][] permute(double[][] rows, int[] order) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < order.length; i++) {
            out[i] = rows[order[i]];
        }
        return out;
    }

    private static int[] permute(int[] values, int[] order) {
        int[] out = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }
}
