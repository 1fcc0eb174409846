package io.github.mlp4j.internal;

import io.github.mlp4j.Activation;

/**
 * The matrix kernels of a dense layer on {@code double[][]}, written so that HotSpot's C2
 * compiler turns their inner loops into SIMD instructions.
 *
 * <p>Matrices have one row per sample; {@code W} is (in × out), held as {@code in} row arrays of
 * length {@code out}. Every inner loop runs over a column index {@code j} and touches only arrays
 * indexed by exactly {@code j}: on JDK 17, C2 does not vectorise a loop that mixes array
 * accesses with different loop-invariant offsets (such as {@code theta[offset + j]}), so the
 * kernels take row arrays and never an offset into a flat vector.
 *
 * <p>Determinism: each output element is computed by one fixed expression that depends neither on
 * which rows are processed together nor on how the work is split between threads. Forward sums run
 * over {@code k} in blocks of {@link #K_BLOCK} (four terms at a time), so a row gives the same bits
 * alone or in a batch; weight gradients sum over rows {@code 0..rows−1} in order, four at a time,
 * whatever range of {@code k} a thread is given.
 *
 * <p>Zeros: a group of products whose inputs are all zero (pixels of an image's border, ReLU
 * units that are off, one-hot columns) adds only zeros, so the forward kernels ({@link #forward},
 * {@link #forwardPartial}) and the weight-gradient kernels ({@link #weightGradient},
 * {@link #weightStep}, {@link #weightUpdate}) skip it. The sums keep their bits (adding ±0
 * changes no non-zero sum; at most the sign of an exact zero differs from a kernel that adds
 * them), and whether a group is skipped depends on the data alone, never on the batch or the
 * thread split. The weights are finite (checked when set), so no {@code 0·∞} is skipped.
 *
 * <p>No method allocates.
 */
public final class Kernels {
    /**
     * Rows of {@code W} per cache block in {@link #forward} (16 rows of 128 doubles, 16 KiB, stay in
     * the level-1 cache while every row of the batch streams past them), and rows of {@code dW}
     * per block in the weight-gradient kernels (each group of {@code δ} rows is read once for
     * them all).
     */
    public static final int K_BLOCK = 16;

    private Kernels() {
    }

    /**
     * Computes {@code z = x·W + b} and {@code a = f(z)} for rows {@code from..to−1}.
     *
     * <pre>
     *   z_i = b + Σ_k x_ik · W_k      (loop i-k-j: each step adds a multiple of a row of W)
     * </pre>
     * The sum over {@code k} is blocked: for each block of {@link #K_BLOCK} rows of {@code W}, every
     * row of the batch adds {@code x_ik·W_k + x_i,k+1·W_k+1 + x_i,k+2·W_k+2 + x_i,k+3·W_k+3} (four
     * terms per pass, one store per four products), then single terms for the block's remainder.
     * The bias is the sums' starting value, and the activation is applied to each row as soon as
     * its last block is done, while the row is still in cache.
     *
     * @param w the weights, {@code in} rows of at least {@code out} values; not modified
     * @param b the biases, at least {@code out} values; not modified
     * @param in the number of inputs
     * @param out the number of outputs
     * @param x the inputs, rows of at least {@code in} values; not modified
     * @param z the weighted sums; overwritten in rows {@code from..to−1}, columns {@code 0..out−1}
     * @param f the activation
     * @param a the activations {@code f(z)}; overwritten in the same rows and columns
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     */
    public static void forward(double[][] w, double[] b, int in, int out, double[][] x, double[][] z,
            Activation f, double[][] a, int from, int to) {
        for (int i = from; i < to; i++) {
            System.arraycopy(b, 0, z[i], 0, out);                             // z = b
        }
        for (int k0 = 0; k0 < in; k0 += K_BLOCK) {
            int k1 = Math.min(in, k0 + K_BLOCK);
            for (int i = from; i < to; i++) {
                addProducts(w, out, x[i], z[i], k0, k1);                      // z_i += Σ_k x_ik·W_k, this block
                if (k1 == in) {
                    f.forward(z, a, i, i + 1, out);                           // a = f(z), fused
                }
            }
        }
    }

    /**
     * Computes the partial sums {@code p_i = Σ_k x_ik · W_k} over {@code k = kFrom..kTo−1} for rows
     * {@code from..to−1}: the part of {@code x·W} that one chunk of the inputs contributes. The sum
     * starts at 0 and runs as in {@link #forward}, in blocks and groups of four from {@code kFrom};
     * {@link #sumPartials} adds the chunks to the bias in order.
     *
     * @param w the weights, rows of at least {@code out} values; not modified
     * @param out the number of outputs
     * @param x the inputs, rows of at least {@code kTo} values; not modified
     * @param kFrom the first input of the chunk, inclusive
     * @param kTo the last input of the chunk, exclusive
     * @param p the partial sums; overwritten in rows {@code from..to−1}, columns {@code 0..out−1}
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     */
    public static void forwardPartial(double[][] w, int out, double[][] x, int kFrom, int kTo, double[][] p,
            int from, int to) {
        for (int i = from; i < to; i++) {
            java.util.Arrays.fill(p[i], 0, out, 0.0);                        // p = 0
        }
        for (int k0 = kFrom; k0 < kTo; k0 += K_BLOCK) {
            int k1 = Math.min(kTo, k0 + K_BLOCK);
            for (int i = from; i < to; i++) {
                addProducts(w, out, x[i], p[i], k0, k1);                      // p_i += Σ_k x_ik·W_k, this block
            }
        }
    }

    /**
     * Computes {@code z = ((b + p⁰) + p¹) + …} from the partial sums of {@code chunks} chunks, in
     * chunk order, for rows {@code from..to−1}.
     *
     * @param b the biases, at least {@code out} values; not modified
     * @param partials the partial sums of each chunk, {@code partials[c][i][j]}; not modified
     * @param chunks the number of chunks
     * @param out the number of outputs
     * @param z the weighted sums; overwritten in rows {@code from..to−1}, columns {@code 0..out−1}
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     */
    public static void sumPartials(double[] b, double[][][] partials, int chunks, int out, double[][] z, int from,
            int to) {
        for (int i = from; i < to; i++) {
            double[] zi = z[i];
            System.arraycopy(b, 0, zi, 0, out);                               // z = b
            for (int c = 0; c < chunks; c++) {
                double[] pi = partials[c][i];
                for (int j = 0; j < out; j++) {
                    zi[j] += pi[j];                                           // z += pᶜ
                }
            }
        }
    }

    /**
     * Adds {@code Σ_k x_k · W_k} over {@code k = k0..k1−1} to {@code z}: four terms per pass
     * ({@code z += x_k·W_k + x_k+1·W_k+1 + x_k+2·W_k+2 + x_k+3·W_k+3}), then single terms; a group
     * of zero inputs adds only zeros and is skipped.
     */
    private static void addProducts(double[][] w, int out, double[] xi, double[] zi, int k0, int k1) {
        int k = k0;
        for (; k + 4 <= k1; k += 4) {
            double x0 = xi[k];
            double x1 = xi[k + 1];
            double x2 = xi[k + 2];
            double x3 = xi[k + 3];
            if (x0 == 0.0 && x1 == 0.0 && x2 == 0.0 && x3 == 0.0) {
                continue;                                                     // adds only zeros: skip
            }
            double[] w0 = w[k];
            double[] w1 = w[k + 1];
            double[] w2 = w[k + 2];
            double[] w3 = w[k + 3];
            for (int j = 0; j < out; j++) {
                zi[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];   // z += x·W, 4 rows of W
            }
        }
        for (; k < k1; k++) {
            double xk = xi[k];
            if (xk == 0.0) {
                continue;
            }
            double[] wk = w[k];
            for (int j = 0; j < out; j++) {
                zi[j] += xk * wk[j];                                          // z += x_k·W_k
            }
        }
    }

    /**
     * Computes rows {@code kFrom..kTo−1} of the weight gradient {@code dW = xᵀ·δ} over rows
     * {@code 0..rows−1} of the batch, without forming {@code xᵀ}.
     *
     * <pre>
     *   dW_k = Σ_i x_ik · δ_i        (rows k in blocks of K_BLOCK; per block, loop i-k-j)
     * </pre>
     * The rows are added four at a time, {@code dW_k += x_ik·δ_i + … + x_i+3,k·δ_i+3}, in order
     * from row 0, then one at a time; so every element has the same bits whatever {@code k} range a
     * thread computes. The {@link #K_BLOCK} rows of {@code dW} of a block stay in the level-1
     * cache while each group of four rows of {@code δ} is read once for all of them (not once per
     * row of {@code dW}): a large batch's {@code δ} does not fit in that cache.
     *
     * @param x the layer's inputs, rows of at least {@code kTo} values; not modified
     * @param delta {@code δ = ∂C/∂z}, rows of at least {@code out} values; not modified
     * @param rows the number of rows of the batch
     * @param out the number of outputs
     * @param dW the weight gradient, rows of at least {@code out} values; overwritten in rows
     *     {@code kFrom..kTo−1}
     * @param kFrom the first row of {@code dW}, inclusive
     * @param kTo the last row of {@code dW}, exclusive
     */
    public static void weightGradient(double[][] x, double[][] delta, int rows, int out, double[][] dW,
            int kFrom, int kTo) {
        for (int k0 = kFrom; k0 < kTo; k0 += K_BLOCK) {
            gradientRows(x, delta, rows, out, k0, Math.min(kTo, k0 + K_BLOCK), dW, 0);
        }
    }

    /**
     * Computes rows {@code kFrom..kTo−1} of the weight gradient {@code dW = xᵀ·δ}, as
     * {@link #weightGradient} does, and takes the gradient-descent step with each row at once,
     * writing the new weights into a second matrix: {@code next_k = W_k − ε·dW_k}. The gradient
     * rows live only in {@code scratch}, one block of {@link #K_BLOCK} at a time (they stay in the
     * level-1 cache), and {@code W} is left unchanged, so a caller can keep the old weights if the
     * step turns out not to be finite.
     *
     * <p>{@code check} accumulates {@code 0·next}: it turns NaN if a new weight is NaN or infinite
     * (a non-finite gradient, or a finite one too large for the step).
     *
     * @param x the layer's inputs, rows of at least {@code kTo} values; not modified
     * @param delta {@code δ = ∂C/∂z}, rows of at least {@code out} values; not modified
     * @param rows the number of rows of the batch
     * @param out the number of outputs
     * @param w the weights {@code W}; not modified
     * @param next receives {@code W − ε·dW} in rows {@code kFrom..kTo−1}; overwritten there
     * @param learningRate ε
     * @param scratch {@link #K_BLOCK} rows of at least {@code out} values; overwritten
     * @param check at least {@code out} values; stays 0 while every new weight is finite
     * @param kFrom the first row, inclusive
     * @param kTo the last row, exclusive
     */
    public static void weightStep(double[][] x, double[][] delta, int rows, int out, double[][] w,
            double[][] next, double learningRate, double[][] scratch, double[] check, int kFrom, int kTo) {
        for (int k0 = kFrom; k0 < kTo; k0 += K_BLOCK) {
            int k1 = Math.min(kTo, k0 + K_BLOCK);
            gradientRows(x, delta, rows, out, k0, k1, scratch, k0);           // dW_k = Σ_i x_ik·δ_i
            for (int k = k0; k < k1; k++) {
                step(w[k], scratch[k - k0], next[k], out, learningRate);      // next_k = W_k − ε·dW_k
                accumulateNonFinite(check, next[k], out);
            }
        }
    }

    /**
     * Computes rows {@code kFrom..kTo−1} of the weight gradient {@code dW = xᵀ·δ}, as
     * {@link #weightGradient} does, and takes the gradient-descent step with each row in place:
     * {@code W_k ← W_k − ε·dW_k}, with the same bits as {@link #weightStep}. A row whose inputs
     * are all zero in this batch has a zero gradient and is not written at all, so a sparse batch
     * (an image's blank border, ReLU units that are off) leaves most of a large {@code W}
     * untouched.
     *
     * @param x the layer's inputs, rows of at least {@code kTo} values; not modified
     * @param delta {@code δ = ∂C/∂z}, rows of at least {@code out} values; not modified
     * @param rows the number of rows of the batch
     * @param out the number of outputs
     * @param w the weights {@code W}; rows {@code kFrom..kTo−1} are updated
     * @param learningRate ε
     * @param scratch {@link #K_BLOCK} rows of at least {@code out} values; overwritten
     * @param kFrom the first row, inclusive
     * @param kTo the last row, exclusive
     */
    public static void weightUpdate(double[][] x, double[][] delta, int rows, int out, double[][] w,
            double learningRate, double[][] scratch, int kFrom, int kTo) {
        for (int k0 = kFrom; k0 < kTo; k0 += K_BLOCK) {
            int k1 = Math.min(kTo, k0 + K_BLOCK);
            int added = gradientRows(x, delta, rows, out, k0, k1, scratch, k0);   // dW_k = Σ_i x_ik·δ_i
            for (int k = k0; k < k1; k++) {
                if ((added & 1 << (k - k0)) != 0) {
                    step(w[k], scratch[k - k0], w[k], out, learningRate);     // W_k ← W_k − ε·dW_k
                }
            }
        }
    }

    /**
     * Returns the largest absolute value in rows {@code from..to−1}, columns {@code 0..cols−1} of
     * {@code m}: NaN if one of them is NaN, infinity if one is infinite (and no NaN), 0 for no
     * values. The maxima are taken column by column into {@code scratch} (a loop C2 vectorises),
     * then across the columns.
     *
     * @param m the matrix; not modified
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     * @param cols the number of columns
     * @param scratch at least {@code cols} values; overwritten
     * @return {@code max |m_ij|}
     */
    public static double maxAbs(double[][] m, int from, int to, int cols, double[] scratch) {
        java.util.Arrays.fill(scratch, 0, cols, 0.0);
        for (int i = from; i < to; i++) {
            double[] r = m[i];
            for (int j = 0; j < cols; j++) {
                scratch[j] = Math.max(scratch[j], Math.abs(r[j]));           // NaN stays NaN
            }
        }
        return maxAbs(scratch, cols);
    }

    /**
     * Returns the largest absolute value in {@code v[0..n−1]}: NaN if one of them is NaN,
     * infinity if one is infinite (and no NaN), 0 for no values.
     *
     * @param v the values; not modified
     * @param n the number of values
     * @return {@code max |v_j|}
     */
    public static double maxAbs(double[] v, int n) {
        double max = 0.0;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, Math.abs(v[j]));                              // NaN stays NaN
        }
        return max;
    }

    /**
     * Writes rows {@code k0..k1−1} (at most 32) of {@code dW = xᵀ·δ} into {@code g[k − gOffset]}:
     * for each group of four rows of the batch, in order from row 0, every row {@code k} of the
     * block adds {@code x_ik·δ_i + … + x_i+3,k·δ_i+3} (then the last rows one at a time), so that
     * the group's {@code δ} rows are read once for the whole block; a group whose four inputs
     * {@code x_·k} are zero is skipped for that {@code k}. Returns a mask with bit {@code k − k0}
     * set if row {@code k} added anything (else its gradient is all zeros).
     */
    private static int gradientRows(double[][] x, double[][] delta, int rows, int out, int k0, int k1,
            double[][] g, int gOffset) {
        for (int k = k0; k < k1; k++) {
            java.util.Arrays.fill(g[k - gOffset], 0, out, 0.0);
        }
        int added = 0;
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            double[] xa = x[i];
            double[] xb = x[i + 1];
            double[] xc = x[i + 2];
            double[] xd = x[i + 3];
            double[] d0 = delta[i];
            double[] d1 = delta[i + 1];
            double[] d2 = delta[i + 2];
            double[] d3 = delta[i + 3];
            for (int k = k0; k < k1; k++) {
                double x0 = xa[k];
                double x1 = xb[k];
                double x2 = xc[k];
                double x3 = xd[k];
                if (x0 == 0.0 && x1 == 0.0 && x2 == 0.0 && x3 == 0.0) {
                    continue;                                                 // adds only zeros: skip
                }
                added |= 1 << (k - k0);
                double[] gk = g[k - gOffset];
                for (int j = 0; j < out; j++) {
                    gk[j] += x0 * d0[j] + x1 * d1[j] + x2 * d2[j] + x3 * d3[j];   // dW_k += Σ x_ik·δ_i, 4 rows
                }
            }
        }
        for (; i < rows; i++) {
            double[] xi = x[i];
            double[] d = delta[i];
            for (int k = k0; k < k1; k++) {
                double xk = xi[k];
                if (xk == 0.0) {
                    continue;
                }
                added |= 1 << (k - k0);
                double[] gk = g[k - gOffset];
                for (int j = 0; j < out; j++) {
                    gk[j] += xk * d[j];                                       // dW_k += x_ik·δ_i
                }
            }
        }
        return added;
    }

    /**
     * Computes the bias gradient {@code db = Σ_i δ_i} over rows {@code 0..rows−1}, in row order.
     *
     * @param delta {@code δ = ∂C/∂z}; not modified
     * @param rows the number of rows
     * @param out the number of outputs
     * @param db the result, at least {@code out} values; overwritten in {@code 0..out−1}
     */
    public static void biasGradient(double[][] delta, int rows, int out, double[] db) {
        java.util.Arrays.fill(db, 0, out, 0.0);
        for (int i = 0; i < rows; i++) {
            double[] d = delta[i];
            for (int j = 0; j < out; j++) {
                db[j] += d[j];                                                // db = Σ_i δ_i
            }
        }
    }

    /**
     * Computes {@code ∂C/∂x = δ·Wᵀ} for rows {@code from..to−1}, reading {@code W} by rows instead
     * of forming {@code Wᵀ}.
     *
     * <pre>
     *   gradIn_ik = Σ_j δ_ij · W_kj = δ_i · W_k      (a dot product of two rows)
     * </pre>
     * Each dot product runs over {@code j} in order with one accumulator; four rows and two
     * {@code k} at a time give eight independent sums for the processor to overlap. Every element
     * has the same bits whatever block it falls in.
     *
     * @param w the weights, {@code in} rows of at least {@code out} values; not modified
     * @param in the number of inputs
     * @param out the number of outputs
     * @param delta {@code δ = ∂C/∂z}; not modified
     * @param gradIn the result, rows of at least {@code in} values; overwritten in rows
     *     {@code from..to−1}
     * @param from the first row, inclusive
     * @param to the last row, exclusive
     */
    public static void inputGradient(double[][] w, int in, int out, double[][] delta, double[][] gradIn,
            int from, int to) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double[] d0 = delta[i];
            double[] d1 = delta[i + 1];
            double[] d2 = delta[i + 2];
            double[] d3 = delta[i + 3];
            double[] g0 = gradIn[i];
            double[] g1 = gradIn[i + 1];
            double[] g2 = gradIn[i + 2];
            double[] g3 = gradIn[i + 3];
            int k = 0;
            for (; k + 2 <= in; k += 2) {
                double[] wa = w[k];
                double[] wb = w[k + 1];
                double s0a = 0.0;
                double s0b = 0.0;
                double s1a = 0.0;
                double s1b = 0.0;
                double s2a = 0.0;
                double s2b = 0.0;
                double s3a = 0.0;
                double s3b = 0.0;
                for (int j = 0; j < out; j++) {
                    double p = wa[j];
                    double q = wb[j];
                    s0a += d0[j] * p;                                         // (δ·Wᵀ)_ik = δ_i·W_k
                    s0b += d0[j] * q;
                    s1a += d1[j] * p;
                    s1b += d1[j] * q;
                    s2a += d2[j] * p;
                    s2b += d2[j] * q;
                    s3a += d3[j] * p;
                    s3b += d3[j] * q;
                }
                g0[k] = s0a;
                g0[k + 1] = s0b;
                g1[k] = s1a;
                g1[k + 1] = s1b;
                g2[k] = s2a;
                g2[k + 1] = s2b;
                g3[k] = s3a;
                g3[k + 1] = s3b;
            }
            for (; k < in; k++) {
                g0[k] = dot(d0, w[k], out);
                g1[k] = dot(d1, w[k], out);
                g2[k] = dot(d2, w[k], out);
                g3[k] = dot(d3, w[k], out);
            }
        }
        for (; i < to; i++) {
            double[] d = delta[i];
            double[] g = gradIn[i];
            for (int k = 0; k < in; k++) {
                g[k] = dot(d, w[k], out);
            }
        }
    }

    /** Returns {@code Σ_j u_j·v_j} over {@code j = 0..n−1}, in order. */
    private static double dot(double[] u, double[] v, int n) {
        double s = 0.0;
        for (int j = 0; j < n; j++) {
            s += u[j] * v[j];
        }
        return s;
    }

    /**
     * Writes a gradient-descent step of a vector into another, or into itself:
     * {@code next = v − ε·g}.
     *
     * @param v the parameters; not modified unless {@code next} is {@code v}
     * @param g the gradient; not modified
     * @param next receives the new parameters, and may be {@code v} itself; overwritten in
     *     {@code 0..n−1}
     * @param n the number of values
     * @param learningRate ε
     */
    public static void step(double[] v, double[] g, double[] next, int n, double learningRate) {
        for (int j = 0; j < n; j++) {
            next[j] = v[j] - learningRate * g[j];                             // θ' = θ − ε·g
        }
    }

    /**
     * Adds {@code v_j²} to {@code acc_j} element-wise: sums of squares by column, a loop C2
     * vectorises (a running sum would be a chain of dependent additions).
     *
     * @param acc the sums, at least {@code n} values; modified
     * @param v the values; not modified
     * @param n the number of values
     */
    public static void accumulateSquares(double[] acc, double[] v, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] += v[j] * v[j];
        }
    }

    /**
     * Adds {@code 0·g} to {@code acc} element-wise, so that {@code acc} turns NaN if {@code g}
     * holds a NaN or an infinity (since {@code ±∞·0} is NaN) and stays 0 otherwise; a
     * vectorisable finiteness test.
     *
     * @param acc the accumulator, at least {@code n} values; modified
     * @param g the values to test; not modified
     * @param n the number of values
     */
    public static void accumulateNonFinite(double[] acc, double[] g, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] += g[j] * 0.0;                                             // NaN or ±∞ times 0 is NaN
        }
    }
}
