package io.github.mlp4j.loss;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.internal.RowDelta;

/**
 * Mean squared error {@code C = (1 / (n·m)) Σ_i Σ_j (ŷ_ij − y_ij)²}, the mean over n rows and
 * m outputs, with gradient {@code ∂C/∂ŷ_ij = 2(ŷ_ij − y_ij) / (n·m)}.
 *
 * <p>It goes with any output activation; the output layer's {@code δ} follows by the chain rule.
 * The instance is immutable and thread-safe.
 */
public final class MeanSquaredError implements Loss, RowDelta {
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
        gradient(yHat, y, rows, 0, rows, width, gradient);
    }

    /** Computes {@code ∂C/∂ŷ} of the mean cost over {@code rows} rows for rows {@code from..to−1}. */
    private static void gradient(double[][] yHat, double[][] y, int rows, int from, int to, int width,
            double[][] gradient) {
        double scale = 2.0 / ((double) rows * width);
        for (int i = from; i < to; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            double[] g = gradient[i];
            for (int j = 0; j < width; j++) {
                g[j] = scale * (p[j] - t[j]);                     // ∂C/∂ŷ = 2(ŷ − y) / (n·m)
            }
        }
    }

    /**
     * Computes {@code δ = ∂C/∂z = ∂C/∂ŷ ⊙ f'(z)} by the chain rule for rows {@code from..to−1}, as
     * {@link Loss#delta} does for all the rows.
     */
    @Override
    public void delta(Activation head, double[][] z, double[][] yHat, double[][] y, int rows, int from, int to,
            int width, double[][] delta) {
        gradient(yHat, y, rows, from, to, width, delta);
        head.backward(z, yHat, delta, delta, from, to, width);
    }

    @Override
    public String toString() {
        return name();
    }
}
