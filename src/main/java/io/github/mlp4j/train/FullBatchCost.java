package io.github.mlp4j.train;

import io.github.mlp4j.Network;
import io.github.mlp4j.Workspace;
import io.github.mlp4j.internal.Checks;
import io.github.mlp4j.optim.DifferentiableFunction;
import io.github.mlp4j.optim.Gradients;
import java.util.Arrays;
import java.util.Objects;

/**
 * A network's cost over all its training rows as a {@link DifferentiableFunction} of the flat
 * parameters, for full-batch optimizers such as {@link io.github.mlp4j.optim.Lbfgs}:
 * <pre>
 *   f(θ) = (1/n)·Σᵢ Cᵢ(θ) + (λ/2)·‖θ‖²      ∇f(θ) = (1/n)·Σᵢ ∂Cᵢ/∂θ + λ·θ
 * </pre>
 * where {@code Cᵢ} is the loss of row i and {@code λ} the weight decay (every parameter decayed,
 * biases included, as in {@link Trainer}).
 *
 * <p>Each evaluation sets the network's parameters to θ and walks the rows in chunks of at most
 * {@link #CHUNK} rows through {@link Network#computeGradient}; the chunk means are combined
 * weighted by their row counts, so the result is the mean over all rows whatever the chunking.
 * A θ holding NaN or infinity gives {@code +∞} (and a zero gradient), so a line search steps back.
 * The buffers are allocated once, in the constructor.
 *
 * <p>To spread the rows over machines, give each worker a {@code FullBatchCost} over its rows and
 * combine the workers' values and gradients weighted by their row counts ({@link #rows()}), with
 * the weight decay on one side only.
 *
 * <p>Instances are not thread-safe; the network's parameters are overwritten by every
 * evaluation.
 */
public final class FullBatchCost implements DifferentiableFunction {
    /** The most rows passed to one {@link Network#computeGradient} call. */
    public static final int CHUNK = 1024;

    private final Network network;
    private final double[][] x;
    private final double[][] y;
    private final double weightDecay;
    private final Workspace workspace;
    private final double[][] chunkX;
    private final double[][] chunkY;
    private double lastCost = Double.NaN;

    /**
     * Creates the cost of {@code network} on the rows of {@code x} and {@code y}.
     *
     * @param network the network whose parameters θ are; overwritten by each evaluation
     * @param x the inputs, (n × inputSize); not modified, rows referenced (not copied)
     * @param y the targets, (n × outputSize); not modified, rows referenced
     * @param weightDecay {@code λ}, finite and at least 0
     * @throws IllegalArgumentException if the shapes do not suit the network, a value is not
     *     finite, a target does not suit the loss, or {@code λ} is out of range
     */
    public FullBatchCost(Network network, double[][] x, double[][] y, double weightDecay) {
        this.network = Objects.requireNonNull(network, "network");
        Checks.width(Checks.matrix(x, "x"), network.inputSize(), "x", "inputs (the first layer's inputSize)");
        Checks.width(Checks.matrix(y, "y"), network.outputSize(), "y", "outputs (the last layer's outputSize)");
        Checks.sameRows(x, y);
        Checks.finite(x, "x");
        Checks.finite(y, "y");
        network.lossFunction().checkTargets(y, "y");
        this.weightDecay = Checks.nonNegativeFinite(weightDecay, "weightDecay");
        this.x = x;
        this.y = y;
        int capacity = Math.min(CHUNK, x.length);
        this.workspace = network.workspace(capacity);
        this.chunkX = new double[capacity][];
        this.chunkY = new double[capacity][];
    }

    /**
     * Returns the regularised mean cost at θ and writes its gradient.
     *
     * @param theta the parameters, of length {@link Network#parameterCount()}; not modified
     * @param gradientOut of the same length; overwritten with {@code ∇f(θ)}
     * @return {@code f(θ)}, or {@code +∞} if θ holds NaN or infinity
     * @throws IllegalArgumentException if an array's length differs from the parameter count
     */
    @Override
    public double valueAndGradient(double[] theta, double[] gradientOut) {
        int p = network.parameterCount();
        if (theta.length != p || gradientOut.length != p) {
            throw new IllegalArgumentException("theta has " + theta.length + " and gradientOut " + gradientOut.length
                    + " values but the network has " + p + " parameters; pass arrays of parameterCount() values.");
        }
        Arrays.fill(gradientOut, 0.0);
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                lastCost = Double.POSITIVE_INFINITY;
                return Double.POSITIVE_INFINITY;
            }
        }
        network.setParameters(theta);
        int n = x.length;
        double costSum = 0;
        double[] g = workspace.gradient();
        for (int start = 0; start < n; start += chunkX.length) {
            int rows = Math.min(chunkX.length, n - start);
            System.arraycopy(x, start, chunkX, 0, rows);                     // row references
            System.arraycopy(y, start, chunkY, 0, rows);
            double cost = network.computeGradient(chunkX, chunkY, rows, workspace);   // chunk mean C and ∂C/∂θ
            costSum += rows * cost;
            for (int i = 0; i < p; i++) {
                gradientOut[i] += rows * g[i];                               // Σ rows·g, row-weighted
            }
        }
        Arrays.fill(chunkX, null);
        Arrays.fill(chunkY, null);
        double inverse = 1.0 / n;
        for (int i = 0; i < p; i++) {
            gradientOut[i] *= inverse;                                       // mean over all rows
        }
        lastCost = costSum / n;
        if (weightDecay > 0) {
            Gradients.addL2(gradientOut, theta, weightDecay);                // + λ·θ
            return lastCost + Gradients.l2Penalty(theta, weightDecay);       // + (λ/2)·‖θ‖²
        }
        return lastCost;
    }

    /**
     * Returns the mean cost of the rows, without the weight-decay term, at the θ of the last
     * evaluation.
     *
     * @return the unregularised mean cost, NaN before the first evaluation
     */
    public double lastCost() {
        return lastCost;
    }

    /** {@return the number of rows n} */
    public int rows() {
        return x.length;
    }
}
