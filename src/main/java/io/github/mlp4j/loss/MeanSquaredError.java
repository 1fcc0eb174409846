package io.github.mlp4j.loss;

import io.github.mlp4j.Loss;

/**
 * Mean squared error {@code C = (1 / (n·m)) Σ_i Σ_j (ŷ_ij − y_ij)²}, the mean over n rows and
 * m outputs, with gradient {@code ∂C/∂ŷ_ij = 2(ŷ_ij − y_ij) / (n·m)}.
 *
 * <p>It goes with any output activation; the output layer's {@code δ} follows by the chain rule.
 * The instance is immutable and thread-safe.
 */
public final class MeanSquaredError implements Loss {
    /** The single instance; see {@link Loss#mse()}. */
    public static final MeanSquaredError INSTANCE = new MeanSquaredError();

    private MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double cost(double[][] z, double[][] yHat, double[][] y, int rows, int width) {
        double sum = 0.0;
        for (int i = 0; i < rows; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            for (int j = 0; j < width; j++) {
                double d = p[j] - t[j];
                sum += d * d;                                     // (ŷ − y)²
            }
        }
        return sum / ((double) rows * width);
    }

    @Override
    public void gradient(double[][] yHat, double[][] y, int rows, int width, double[][] gradient) {
        double scale = 2.0 / ((double) rows * width);
        for (int i = 0; i < rows; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            double[] g = gradient[i];
            for (int j = 0; j < width; j++) {
                g[j] = scale * (p[j] - t[j]);                     // ∂C/∂ŷ = 2(ŷ − y) / (n·m)
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
