package io.github.mlp4j.loss;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.activation.Sigmoid;
import io.github.mlp4j.internal.RowDelta;

/**
 * Binary cross-entropy {@code C = −(1 / (n·m)) Σ_i Σ_j [y log ŷ + (1 − y) log(1 − ŷ)]}, fused with
 * the sigmoid output that it requires.
 *
 * <p>The cost is computed from the logits {@code z}, where {@code ŷ = σ(z)}:
 * {@code −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|))}, which is
 * exact and never takes {@code log(0)}, even for {@code z = ±1000}.
 *
 * <p>The local gradient of the output layer is the fused {@code δ = ∂C/∂z = (ŷ − y) / (n·m)}: the
 * sigmoid's derivative {@code ŷ(1 − ŷ)} cancels the loss's denominator. Targets must lie in
 * [0, 1]. The instance is immutable and thread-safe.
 */
public final class BinaryCrossEntropy implements Loss, RowDelta {
    /** The single instance; see {@link Loss#binaryCrossEntropy()}. */
    public static final BinaryCrossEntropy INSTANCE = new BinaryCrossEntropy();

    /** The smallest probability used by {@link #gradient}, which works on probabilities. */
    private static final double EPSILON = 1e-15;

    private BinaryCrossEntropy() {
    }

    @Override
    public String name() {
        return "binaryCrossEntropy";
    }

    @Override
    public double cost(double[][] z, double[][] yHat, double[][] y, int rows, int width) {
        double sum = 0.0;
        for (int i = 0; i < rows; i++) {
            double[] zi = z[i];
            double[] t = y[i];
            for (int j = 0; j < width; j++) {
                double v = zi[j];
                // −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|))
                sum += Math.max(v, 0.0) - v * t[j] + Math.log1p(Math.exp(-Math.abs(v)));
            }
        }
        return sum / ((double) rows * width);
    }

    /**
     * Computes {@code ∂C/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)·n·m)}, with {@code ŷ} clamped to
     * [1e−15, 1 − 1e−15]. The network does not use it: it uses the fused {@link #delta}.
     */
    @Override
    public void gradient(double[][] yHat, double[][] y, int rows, int width, double[][] gradient) {
        double scale = 1.0 / ((double) rows * width);
        for (int i = 0; i < rows; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            double[] g = gradient[i];
            for (int j = 0; j < width; j++) {
                double q = Math.min(Math.max(p[j], EPSILON), 1.0 - EPSILON);
                g[j] = scale * (q - t[j]) / (q * (1.0 - q));
            }
        }
    }

    @Override
    public void delta(Activation head, double[][] z, double[][] yHat, double[][] y, int rows, int width,
            double[][] delta) {
        delta(head, z, yHat, y, rows, 0, rows, width, delta);
    }

    /**
     * As {@link #delta(Activation, double[][], double[][], double[][], int, int, double[][])}, for
     * rows {@code from..to−1} of a batch of {@code rows}.
     */
    @Override
    public void delta(Activation head, double[][] z, double[][] yHat, double[][] y, int rows, int from, int to,
            int width, double[][] delta) {
        double scale = 1.0 / ((double) rows * width);
        for (int i = from; i < to; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            double[] d = delta[i];
            for (int j = 0; j < width; j++) {
                d[j] = scale * (p[j] - t[j]);                     // δ = (ŷ − y) / (n·m)
            }
        }
    }

    @Override
    public void checkHead(Activation head, int outputs) {
        if (!(head instanceof Sigmoid)) {
            throw new IllegalArgumentException("binaryCrossEntropy needs a sigmoid output layer, but the output"
                    + " layer uses " + head.name() + ". Use Activation.sigmoid() on the last layer, or use"
                    + (head.name().equals("softmax") ? " Loss.crossEntropy() with softmax." : " Loss.mse()."));
        }
    }

    @Override
    public void checkTargets(double[][] y, String name) {
        for (int i = 0; i < y.length; i++) {
            double[] row = y[i];
            for (int j = 0; j < row.length; j++) {
                if (!(row[j] >= 0.0 && row[j] <= 1.0)) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + row[j]
                            + " but binaryCrossEntropy needs targets in [0, 1]; encode the classes as 0 and 1.");
                }
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
