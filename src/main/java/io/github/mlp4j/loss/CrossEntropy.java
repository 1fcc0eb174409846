package io.github.mlp4j.loss;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.activation.Softmax;
import io.github.mlp4j.internal.RowDelta;

/**
 * Categorical cross-entropy {@code C = −(1 / n) Σ_i Σ_j y_ij log ŷ_ij}, fused with the softmax
 * output that it requires, for one-hot targets.
 *
 * <p>The cost is computed from the logits {@code z}, where {@code ŷ = softmax(z)}:
 * {@code log ŷ_j = z_j − m − log Σ_k e^(z_k − m)} with {@code m = max_k z_k}, so it never takes
 * {@code log(0)}. The local gradient of the output layer is the fused
 * {@code δ = ∂C/∂z = (ŷ − y) / n}. The instance is immutable and thread-safe.
 */
public final class CrossEntropy implements Loss, RowDelta {
    /** The single instance; see {@link Loss#crossEntropy()}. */
    public static final CrossEntropy INSTANCE = new CrossEntropy();

    /** The smallest probability used by {@link #gradient}, which works on probabilities. */
    private static final double EPSILON = 1e-15;

    private CrossEntropy() {
    }

    @Override
    public String name() {
        return "crossEntropy";
    }

    @Override
    public double cost(double[][] z, double[][] yHat, double[][] y, int rows, int width) {
        double sum = 0.0;
        for (int i = 0; i < rows; i++) {
            double[] zi = z[i];
            double[] t = y[i];
            double max = zi[0];
            for (int j = 1; j < width; j++) {
                max = Math.max(max, zi[j]);
            }
            double s = 0.0;
            for (int j = 0; j < width; j++) {
                s += Math.exp(zi[j] - max);
            }
            double logSum = max + Math.log(s);                    // log Σ_k e^(z_k)
            for (int j = 0; j < width; j++) {
                if (t[j] != 0.0) {
                    sum -= t[j] * (zi[j] - logSum);               // −y_j log ŷ_j
                }
            }
        }
        return sum / rows;
    }

    /**
     * Computes {@code ∂C/∂ŷ = −y / (ŷ·n)}, with {@code ŷ} clamped to at least 1e−15. The network
     * does not use it: it uses the fused {@link #delta}.
     */
    @Override
    public void gradient(double[][] yHat, double[][] y, int rows, int width, double[][] gradient) {
        double scale = 1.0 / rows;
        for (int i = 0; i < rows; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            double[] g = gradient[i];
            for (int j = 0; j < width; j++) {
                g[j] = -scale * t[j] / Math.max(p[j], EPSILON);
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
        double scale = 1.0 / rows;
        for (int i = from; i < to; i++) {
            double[] p = yHat[i];
            double[] t = y[i];
            double[] d = delta[i];
            for (int j = 0; j < width; j++) {
                d[j] = scale * (p[j] - t[j]);                     // δ = (ŷ − y) / n
            }
        }
    }

    @Override
    public void checkHead(Activation head, int outputs) {
        if (!(head instanceof Softmax)) {
            throw new IllegalArgumentException("crossEntropy needs a softmax output layer, but the output layer uses "
                    + head.name() + ". Use Activation.softmax() on the last layer"
                    + (head.name().equals("sigmoid") ? ", or Loss.binaryCrossEntropy() with sigmoid." : "."));
        }
        if (outputs < 2) {
            throw new IllegalArgumentException("crossEntropy needs at least 2 outputs (one per class), but the output"
                    + " layer has " + outputs + ". For two classes use 2 softmax outputs, or 1 sigmoid output"
                    + " with Loss.binaryCrossEntropy().");
        }
    }

    @Override
    public void checkTargets(double[][] y, String name) {
        for (int i = 0; i < y.length; i++) {
            double[] row = y[i];
            int ones = 0;
            for (int j = 0; j < row.length; j++) {
                if (row[j] == 1.0) {
                    ones++;
                } else if (row[j] != 0.0) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + row[j]
                            + " but crossEntropy needs one-hot rows (a single 1, zeros elsewhere);"
                            + " encode class k as a row with 1 in column k.");
                }
            }
            if (ones != 1) {
                throw new IllegalArgumentException("Row " + i + " of " + name + " has " + ones
                        + " ones but crossEntropy needs one-hot rows (exactly one 1);"
                        + " encode class k as a row with 1 in column k.");
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
