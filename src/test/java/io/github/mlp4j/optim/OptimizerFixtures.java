package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Rng;

/** Seeded inputs shared by the optimizer tests: gradients with mixed signs and sizes. */
final class OptimizerFixtures {
    private OptimizerFixtures() {
    }

    /** Returns {@code steps} gradients of {@code n} values in [−2, 2), seeded. */
    static double[][] gradients(int steps, int n) {
        Rng rng = new Rng(42);
        double[][] g = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                g[t][i] = rng.nextDouble(-2, 2);
            }
        }
        return g;
    }

    /** Returns {@code n} parameters in [−1, 1), seeded. */
    static double[] theta(int n) {
        Rng rng = new Rng(7);
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = rng.nextDouble(-1, 1);
        }
        return theta;
    }

    /** Returns a learning rate per step that changes from step to step, as a schedule would. */
    static double[] rates(int steps) {
        double[] rates = new double[steps];
        for (int t = 0; t < steps; t++) {
            rates[t] = 0.1 / (1 + t);
        }
        return rates;
    }
}
