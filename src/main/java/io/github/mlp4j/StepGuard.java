package io.github.mlp4j;

import io.github.mlp4j.internal.Kernels;

/**
 * Proves, before a training step writes the dense layers' parameters in place, that every new
 * parameter will be finite; so a step never leaves a network half-updated with an infinity in it.
 *
 * <p>With {@code n} rows, {@code |∂C/∂W_kj| = |Σ_i a_ik·δ_ij| ≤ n·max|a|·max|δ|} and
 * {@code |∂C/∂b_j| ≤ n·max|δ|}: every gradient, and every partial sum on the way to it, is at
 * most {@code g = n·max|δ|·max(max|a|, 1)} (times {@code 1 + 2⁻²⁰}, room for rounding), and no
 * parameter moves by more than {@code ε·g}. The step is safe while {@code g} and the layer's bound
 * on {@code |w|} plus {@code ε·g} both stay below {@link #SAFE_BOUND}; a NaN or infinite
 * {@code a} or {@code δ} fails the test. The bounds are exact when the parameters are set, and
 * are raised by {@code ε·g} at each step (recomputed when they come near the limit).
 *
 * <p>When the proof fails (in practice only for a step that really diverges) the engine builds the
 * new parameters apart, checks them, and swaps them in only if all are finite.
 */
final class StepGuard {
    /**
     * Parameters below this size leave room for any step that {@link #allows} accepts: far below
     * overflow ({@code 2¹⁰⁰⁰ ≈ 10³⁰¹}; {@link Double#MAX_VALUE} is about {@code 2¹⁰²⁴}).
     */
    static final double SAFE_BOUND = 0x1p1000;

    private final Parameters params;
    /** Per dense layer, an upper bound on {@code |w|} over its weights and biases. */
    private final double[] bounds;
    /** Whether the parameters were set since {@link #bounds} was last computed from them. */
    private boolean stale = true;

    StepGuard(Parameters params) {
        this.params = params;
        this.bounds = new double[params.layers.length];
    }

    /** Marks the bounds out of date: the parameters were set or swapped. */
    void invalidate() {
        stale = true;
    }

    /**
     * Returns whether an in-place step on this batch certainly leaves every dense parameter
     * finite, and if so raises the bounds by the most the step can change a parameter.
     *
     * @param w the step's workspace, with {@code inputMax} and the parts' maxima of {@code a} and
     *     {@code δ} ({@code partMax}) filled in by the forward and backward passes
     * @param rows the number of rows of the batch
     * @param learningRate ε
     */
    boolean allows(Workspace w, int rows, double learningRate) {
        Layer[] layers = params.layers;
        if (stale) {
            exactBounds(w);
        }
        double[] change = w.boundChange;
        int last = layers.length - 1;
        for (int l = 0; l < layers.length; l++) {
            change[l] = 0.0;
            if (!params.dense(l)) {
                continue;                                                    // checked apart, see Engine.step
            }
            double inputs = l == 0 ? w.inputMax : slotMax(w.partMax, 2 * l - 2);
            double d = l == last ? Kernels.maxAbs(w.delta[l], 0, rows, layers[l].outputSize(), w.partScratch[0])
                    : slotMax(w.partMax, 2 * l + 1);
            double gradient = rows * d * Math.max(inputs, 1.0) * (1.0 + 0x1p-20);
            if (!(gradient <= SAFE_BOUND)) {
                return false;                                                // the gradient itself might overflow
            }
            change[l] = learningRate * gradient;
            if (!(bounds[l] + change[l] <= SAFE_BOUND)) {
                exactBounds(w);
                if (!(bounds[l] + change[l] <= SAFE_BOUND)) {
                    return false;
                }
            }
        }
        for (int l = 0; l < layers.length; l++) {
            bounds[l] += change[l];
        }
        return true;
    }

    /** Sets the bounds to the largest {@code |w|} of each dense layer's current weights and biases. */
    private void exactBounds(Workspace w) {
        Layer[] layers = params.layers;
        for (int l = 0; l < layers.length; l++) {
            if (params.dense(l)) {
                int out = layers[l].outputSize();
                bounds[l] = Math.max(
                        Kernels.maxAbs(params.weights[l], 0, layers[l].inputSize(), out, w.partScratch[0]),
                        Kernels.maxAbs(params.biases[l], out));
            }
        }
        stale = false;
    }

    /** Returns the largest of the parts' maxima in slot {@code slot} (NaN if one is NaN). */
    static double slotMax(double[][] parts, int slot) {
        double max = 0.0;
        for (double[] part : parts) {
            max = Math.max(max, part[slot]);
        }
        return max;
    }
}
