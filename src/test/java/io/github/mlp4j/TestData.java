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

    /** The fraction of rows whose predicted class equals the actual class: Σ [actualᵢ = predictedᵢ] / n. */
    public static double accuracy(int[] actual, int[] predicted) {
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += actual[i] == predicted[i] ? 1 : 0;
        }
        return (double) correct / actual.length;
    }
}
