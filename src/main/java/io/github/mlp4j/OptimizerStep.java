package io.github.mlp4j;

import io.github.mlp4j.internal.Kernels;
import io.github.mlp4j.internal.ScaledUpdate;
import io.github.mlp4j.optim.Gradients;

/**
 * A built-in optimizer's step {@code θ' = update(θ, s·g + λ·θ, ε)} taken straight from the
 * gradient a {@link Workspace} holds in the layers' own arrays, and the norm {@code ‖g‖} that
 * clipping needs (exact, or a quick test that it is below a bound), read from the same arrays.
 *
 * <p>The optimizer's buffers are {@linkplain ScaledUpdate#shape shaped} like the parameters, one
 * segment per row of {@code W}, per {@code b} and per other layer, so each segment's update reads
 * {@code θ}, {@code g} and the buffers from index 0 (a loop C2 vectorises). The new parameters
 * go into the workspace's next arrays, by rows of {@code W} on the engine's threads, are checked
 * for NaN and infinity while they are still in the cache, and swap places with the network's
 * only if all are finite (see {@link #build}). Neither {@code g} nor {@code θ} is
 * copied into a flat vector, and {@code g} is left as it was.
 */
final class OptimizerStep {
    private OptimizerStep() {
    }

    /**
     * Builds {@code θ' = update(θ, s·g + λ·θ, ε)} of a built-in optimizer from the gradient in
     * {@code w}'s layer arrays into its next arrays, by rows of {@code W} on the engine's threads
     * ({@link #buildPart}), without changing the parameters; {@link Parameters#swapDense} and
     * {@link Parameters#swapOther} with the next arrays then make them the network's. Every new
     * parameter is computed by one expression whatever the split, so the bits do not depend on
     * the threads. On first use the optimizer's buffers are shaped like the parameters and
     * {@code w} gets its next arrays.
     *
     * @return whether every new parameter is finite (the optimizer's buffers are updated either way)
     */
    static boolean build(Engine engine, Parameters params, Workspace w, ScaledUpdate optimizer,
            double learningRate, double gradientScale, double weightDecay) {
        optimizer.shape(params.segments);
        allocateNext(params, w);
        w.optimizer = optimizer;
        w.learningRate = learningRate;
        w.gradientScale = gradientScale;
        w.weightDecay = weightDecay;
        for (double[] c : w.partCheck) {
            java.util.Arrays.fill(c, 0.0);                                   // parts that do not run leave 0
        }
        optimizer.beginUpdate();
        try {
            engine.runSplit(w, w.optimizerTask, w.rows);                     // θ' by rows of W
        } finally {
            w.optimizer = null;
        }
        optimizer.endUpdate();
        for (double[] c : w.partCheck) {
            for (double v : c) {
                if (v != 0.0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Builds part {@code part} of {@code θ' = update(θ, s·g + λ·θ, ε)} of {@code w.optimizer}
     * from the gradient in {@code w} into {@code w}'s next arrays, by rows of {@code W} (the
     * split of the weight gradient), and accumulates their finiteness into the part's check row.
     * It does not change the parameters; different parts write different rows.
     */
    static void buildPart(Parameters params, WorkSplit split, Workspace w, int part, int parts) {
        ScaledUpdate optimizer = w.optimizer;
        double rate = w.learningRate;
        double scale = w.gradientScale;
        double decay = w.weightDecay;
        double[] check = w.partCheck[part];
        for (int l = 0; l < params.layers.length; l++) {
            int segment = params.firstSegment[l];
            if (params.dense(l)) {
                double[][] theta = params.weights[l];
                double[][] g = w.weightGradient[l];
                double[][] next = w.weightNext[l];
                int out = params.layers[l].outputSize();
                for (int k = split.firstWeightRow(l, part, parts); k < split.firstWeightRow(l, part + 1, parts); k++) {
                    optimizer.updateSegment(theta[k], g[k], next[k], segment + k, rate, scale, decay);   // W'_k
                    Kernels.accumulateNonFinite(check, next[k], out);
                }
                if (l % parts == part) {
                    optimizer.updateSegment(params.biases[l], w.biasGradient[l], w.biasNext[l], segment + theta.length,
                            rate, scale, decay);                            // b'
                    Kernels.accumulateNonFinite(check, w.biasNext[l], out);
                }
            } else if (l % parts == part) {
                double[] next = w.ownNext[l];
                optimizer.updateSegment(params.own[l], w.ownGradient[l], next, segment, rate, scale, decay);
                double nonFinite = 0.0;
                for (double v : next) {
                    nonFinite += v * 0.0;                                   // NaN or ±∞ times 0 is NaN
                }
                check[0] += nonFinite;
            }
        }
    }

    /** Gives {@code w} its next arrays for the dense layers, on its first update. */
    private static void allocateNext(Parameters params, Workspace w) {
        if (w.weightNext != null) {
            return;
        }
        int depth = params.layers.length;
        double[][][] weights = new double[depth][][];
        double[][] biases = new double[depth][];
        for (int l = 0; l < depth; l++) {
            if (params.dense(l)) {
                weights[l] = new double[params.layers[l].inputSize()][params.layers[l].outputSize()];
                biases[l] = new double[params.layers[l].outputSize()];
            }
        }
        w.weightNext = weights;
        w.biasNext = biases;
    }

    /**
     * The relative margin by which {@link #normBelow} wants the quick sum of squares under the
     * bound's square: far above the relative error of any sum of at most 2³¹ squares in any order
     * (about 2.4·10⁻⁷), so the exact norm is below the bound whenever the quick one is this far.
     */
    private static final double MARGIN = 1e-6;

    /**
     * Returns whether the gradient in {@code w}'s layer arrays certainly has a norm below
     * {@code bound}, from a quick sum of its squares: column by column into a scratch row per part
     * (a loop C2 vectorises; the parts run on the engine's threads), then across. All the terms are squares, so any order of adding them is
     * within a relative {@code n·2⁻⁵³} of the exact sum, as the four running sums of
     * {@link #norm} are; the answer is true only when the quick sum is below {@code bound²} by the
     * margin, so that {@link #norm} is then below {@code bound} too (and every entry finite). It
     * is false when in doubt: near the bound, for NaN or infinite entries, for a sum that
     * overflows, and for a bound whose square would leave the normal range. The sum's last bits
     * depend on the split, so the answer can too when the norm is within rounding of the
     * margin; the clipping factor cannot: when the answer is true the exact norm is below the
     * bound and the factor is 1, and when it is false the exact norm gives 1 as well.
     */
    static boolean normBelow(Engine engine, Workspace w, double bound) {
        if (!(bound > 1e-100 && bound < 1e100)) {
            return false;
        }
        for (double[] c : w.partScratch) {
            java.util.Arrays.fill(c, 0.0);                                   // parts that do not run leave 0
        }
        engine.runSplit(w, w.squaresTask, w.rows);                           // by rows of W, in any order
        double sum = 0.0;
        for (double[] c : w.partScratch) {
            for (double v : c) {
                sum += v;
            }
        }
        return sum <= bound * bound * (1 - MARGIN);                         // false for NaN
    }

    /**
     * Adds the squares of part {@code part} of the gradient in {@code w}'s layer arrays (by rows
     * of {@code W}, the split of the weight gradient) column by column into the part's scratch
     * row, the squares of a layer that is not dense into its first column.
     */
    static void squaresPart(Parameters params, WorkSplit split, Workspace w, int part, int parts) {
        double[] columns = w.partScratch[part];
        for (int l = 0; l < params.layers.length; l++) {
            if (params.dense(l)) {
                double[][] g = w.weightGradient[l];
                int out = params.layers[l].outputSize();
                for (int k = split.firstWeightRow(l, part, parts); k < split.firstWeightRow(l, part + 1, parts); k++) {
                    Kernels.accumulateSquares(columns, g[k], out);
                }
                if (l % parts == part) {
                    Kernels.accumulateSquares(columns, w.biasGradient[l], out);
                }
            } else if (l % parts == part) {
                double other = 0.0;
                for (double g : w.ownGradient[l]) {
                    other += g * g;
                }
                columns[0] += other;
            }
        }
    }

    /**
     * Returns {@code ‖g‖} of the gradient in {@code w}'s layer arrays with the same bits as
     * {@link Gradients#norm} of it in θ's order: entry {@code p} of θ's order goes into partial sum
     * {@code p mod 4} (the last {@code count mod 4} entries into sum 0), each sum in θ's order.
     */
    static double norm(Parameters params, Workspace w) {
        double[] sums = w.partScratch[0];                                    // four partial sums
        java.util.Arrays.fill(sums, 0, 4, 0.0);
        int lastOfFours = params.count & ~3;                                 // entries from here go to sum 0
        int p = 0;
        for (int l = 0; l < params.layers.length; l++) {
            if (params.dense(l)) {
                for (double[] row : w.weightGradient[l]) {
                    addSquares(row, p, lastOfFours, sums);
                    p += row.length;
                }
                addSquares(w.biasGradient[l], p, lastOfFours, sums);
                p += w.biasGradient[l].length;
            } else {
                addSquares(w.ownGradient[l], p, lastOfFours, sums);
                p += w.ownGradient[l].length;
            }
        }
        double sumOfSquares = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        if (Double.isFinite(sumOfSquares)) {
            return Math.sqrt(sumOfSquares);                                  // ‖g‖ = √(Σ gᵢ²)
        }
        double[] flat = new double[params.count];                           // NaN, ∞ or overflow: rare
        params.toFlat(w.weightGradient, w.biasGradient, w.ownGradient, flat);
        return Gradients.norm(flat);
    }

    /** Adds the squares of {@code g}, entries {@code start..} of θ's order, into their partial sums. */
    private static void addSquares(double[] g, int start, int lastOfFours, double[] sums) {
        int n = g.length;
        int j = 0;
        for (; j < n && ((start + j) & 3) != 0 && start + j < lastOfFours; j++) {
            sums[(start + j) & 3] += g[j] * g[j];                            // up to the next multiple of 4
        }
        double s0 = sums[0];
        double s1 = sums[1];
        double s2 = sums[2];
        double s3 = sums[3];
        int fours = Math.max(j, Math.min(n, lastOfFours - start));
        for (; j + 4 <= fours; j += 4) {
            s0 += g[j] * g[j];                                               // four partial sums, as Gradients.norm
            s1 += g[j + 1] * g[j + 1];
            s2 += g[j + 2] * g[j + 2];
            s3 += g[j + 3] * g[j + 3];
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        for (; j < n; j++) {
            int q = start + j;
            sums[q < lastOfFours ? q & 3 : 0] += g[j] * g[j];
        }
    }
}
