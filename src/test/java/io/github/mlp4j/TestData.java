package io.github.mlp4j;

import io.github.mlp4j.internal.Rng;

/** Seeded data sets that the core tests generate for themselves. */
public final class TestData {
    private TestData() {
    }

    /** A matrix of {@code rows × cols} values uniform in [lo, hi). */
    public static double[][] uniform(Rng rng, int rows, int cols, double lo, double hi) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = rng.nextDouble(lo, hi);
            }
        }
        return m;
    }

    /** One-hot rows of random classes. */
    public static double[][] oneHot(Rng rng, int rows, int classes) {
        double[][] y = new double[rows][classes];
        for (double[] row : y) {
            row[rng.nextInt(classes)] = 1.0;
        }
        return y;
    }

    /**
     * The tutorial's two circles: make-circles with 800 points (noise 0.04, factor 0.3), the
     * second copy shifted by +3 on both axes, labels 0 (outer) and 1 (inner), all scaled to
     * [-1, 1] per feature: 1,600 rows; x is {@code [0]}, y is {@code [1]}.
     */
    public static double[][][] tutorialCircles(long seed) {
        Rng rng = new Rng(seed);
        int n = 800;
        int outer = n / 2;
        double[][] x = new double[2 * n][2];
        double[][] y = new double[2 * n][1];
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < n; i++) {
                boolean inner = i >= outer;
                int k = inner ? i - outer : i;
                int count = inner ? n - outer : outer;
                double angle = 2 * Math.PI * k / count;
                double r = inner ? 0.3 : 1.0;
                int row = copy * n + i;
                x[row][0] = r * Math.cos(angle) + 0.04 * rng.nextGaussian() + 3 * copy;
                x[row][1] = r * Math.sin(angle) + 0.04 * rng.nextGaussian() + 3 * copy;
                y[row][0] = inner ? 1 : 0;
            }
        }
        for (int j = 0; j < 2; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            for (double[] row : x) {
                row[j] = -1 + 2 * (row[j] - min) / (max - min);
            }
        }
        return new double[][][] {x, y};
    }

    /** Splits rows into a seeded shuffled training part and test part: {x_train, y_train, x_test, y_test}. */
    public static double[][][] split(double[][] x, double[][] y, double testFraction, long seed) {
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new Rng(seed).shuffle(order);
        int test = (int) Math.round(n * testFraction);
        double[][][] parts = {new double[n - test][], new double[n - test][], new double[test][], new double[test][]};
        for (int i = 0; i < n; i++) {
            int r = order[i];
            if (i < test) {
                parts[2][i] = x[r];
                parts[3][i] = y[r];
            } else {
                parts[0][i - test] = x[r];
                parts[1][i - test] = y[r];
            }
        }
        return parts;
    }

    /** Accuracy of predicted classes against single-column 0/1 targets or one-hot rows. */
    public static double accuracy(int[] predicted, double[][] y) {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            int actual;
            if (y[i].length == 1) {
                actual = (int) y[i][0];
            } else {
                actual = 0;
                for (int j = 1; j < y[i].length; j++) {
                    if (y[i][j] > y[i][actual]) {
                        actual = j;
                    }
                }
            }
            if (predicted[i] == actual) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }
}
