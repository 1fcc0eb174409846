package io.github.mlp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import org.junit.jupiter.api.Test;

/** {@link Kernels} against plain triple loops, and their row-grouping invariance. */
class KernelsTest {
    private static double[][] random(Rng rng, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = rng.nextDouble(-1, 1);
            }
        }
        return m;
    }

    @Test
    void handComputedForward() {
        // x = [1, 2], W = [[1, 0, -1], [0.5, 2, 1]], b = [0.1, 0, -5]
        // z = [1 + 1 + 0.1, 0 + 4 + 0, -1 + 2 - 5] = [2.1, 4, -4]; relu: [2.1, 4, 0]
        double[][] z = new double[1][3];
        double[][] a = new double[1][3];
        Kernels.forward(new double[][] {{1, 0, -1}, {0.5, 2, 1}}, new double[] {0.1, 0, -5}, 2, 3,
                new double[][] {{1, 2}}, z, Activation.relu(), a, 0, 1);
        assertThat(z[0]).containsExactly(new double[] {2.1, 4, -4}, within(1e-15));
        assertThat(a[0]).containsExactly(new double[] {2.1, 4, 0}, within(1e-15));
    }

    @Test
    void kernelsMatchTripleLoops() {
        Rng rng = new Rng(1);
        int rows = 11;                                                       // not a multiple of 4 or 2
        int in = 37;                                                         // spans 3 blocks of K_BLOCK, odd
        int out = 13;
        double[][] w = random(rng, in, out);
        double[] b = random(rng, 1, out)[0];
        double[][] x = random(rng, rows, in);
        double[][] delta = random(rng, rows, out);
        double[][] z = new double[rows][out];
        double[][] a = new double[rows][out];
        Kernels.forward(w, b, in, out, x, z, Activation.identity(), a, 0, rows);
        double[][] dW = new double[in][out];
        Kernels.weightGradient(x, delta, rows, out, dW, 0, in);
        double[] db = new double[out];
        Kernels.biasGradient(delta, rows, out, db);
        double[][] gradIn = new double[rows][in];
        Kernels.inputGradient(w, in, out, delta, gradIn, 0, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int k = 0; k < in; k++) {
                    s += x[i][k] * w[k][j];                                  // z = x·W + b
                }
                assertThat(z[i][j]).isCloseTo(s, within(1e-12));
                assertThat(a[i][j]).isEqualTo(z[i][j]);
            }
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int j = 0; j < out; j++) {
                    s += delta[i][j] * w[k][j];                              // δ·Wᵀ
                }
                assertThat(gradIn[i][k]).isCloseTo(s, within(1e-12));
            }
        }
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += x[i][k] * delta[i][j];                              // xᵀ·δ
                }
                assertThat(dW[k][j]).isCloseTo(s, within(1e-12));
            }
        }
        for (int j = 0; j < out; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += delta[i][j];
            }
            assertThat(db[j]).isCloseTo(s, within(1e-12));
        }
    }

    @Test
    void skippingGroupsOfZeroInputsKeepsEveryBit() {
        // inputs with runs of zeros (like an image's border) and scattered zeros (like ReLU outputs)
        Rng rng = new Rng(3);
        int rows = 10;
        int in = 45;
        int out = 7;
        double[][] w = random(rng, in, out);
        double[] b = random(rng, 1, out)[0];
        double[][] x = random(rng, rows, in);
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < in; k++) {
                if (k < 12 || k > 40 || rng.nextDouble() < 0.4 || i == 3) {
                    x[i][k] = 0.0;
                }
            }
        }
        double[][] delta = random(rng, rows, out);
        double[][] z = new double[rows][out];
        double[][] a = new double[rows][out];
        Kernels.forward(w, b, in, out, x, z, Activation.identity(), a, 0, rows);
        double[][] dW = new double[in][out];
        Kernels.weightGradient(x, delta, rows, out, dW, 0, in);
        // the same sums, grouped as the kernels group them (four terms, blocks of K_BLOCK), zeros added
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int k0 = 0; k0 < in; k0 += Kernels.K_BLOCK) {
                    int k1 = Math.min(in, k0 + Kernels.K_BLOCK);
                    int k = k0;
                    for (; k + 4 <= k1; k += 4) {
                        s += x[i][k] * w[k][j] + x[i][k + 1] * w[k + 1][j] + x[i][k + 2] * w[k + 2][j]
                                + x[i][k + 3] * w[k + 3][j];
                    }
                    for (; k < k1; k++) {
                        s += x[i][k] * w[k][j];
                    }
                }
                assertThat(z[i][j] == s).as("z[%d][%d] = %s, expected %s", i, j, z[i][j], s).isTrue();
            }
        }
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                double s = 0.0;
                int i = 0;
                for (; i + 4 <= rows; i += 4) {
                    s += x[i][k] * delta[i][j] + x[i + 1][k] * delta[i + 1][j] + x[i + 2][k] * delta[i + 2][j]
                            + x[i + 3][k] * delta[i + 3][j];
                }
                for (; i < rows; i++) {
                    s += x[i][k] * delta[i][j];
                }
                assertThat(dW[k][j] == s).as("dW[%d][%d] = %s, expected %s", k, j, dW[k][j], s).isTrue();
            }
        }
        assertThat(z[3]).containsExactly(b);                                  // an all-zero row gives z = b
    }

    @Test
    void resultsDoNotDependOnHowRowsOrColumnsAreSplit() {
        Rng rng = new Rng(2);
        int rows = 9;
        int in = 21;
        int out = 7;
        double[][] w = random(rng, in, out);
        double[] b = random(rng, 1, out)[0];
        double[][] x = random(rng, rows, in);
        double[][] delta = random(rng, rows, out);
        double[][] whole = new double[rows][out];
        double[][] pieces = new double[rows][out];
        double[][] a = new double[rows][out];
        Kernels.forward(w, b, in, out, x, whole, Activation.tanh(), a, 0, rows);
        for (int i = 0; i < rows; i++) {                                     // one row at a time
            Kernels.forward(w, b, in, out, x, pieces, Activation.tanh(), a, i, i + 1);
        }
        assertThat(pieces).isDeepEqualTo(whole);
        double[][] dW = new double[in][out];
        double[][] dWPieces = new double[in][out];
        Kernels.weightGradient(x, delta, rows, out, dW, 0, in);
        Kernels.weightGradient(x, delta, rows, out, dWPieces, 0, 5);         // three uneven k ranges
        Kernels.weightGradient(x, delta, rows, out, dWPieces, 5, 6);
        Kernels.weightGradient(x, delta, rows, out, dWPieces, 6, in);
        assertThat(dWPieces).isDeepEqualTo(dW);
        double[][] g = new double[rows][in];
        double[][] gPieces = new double[rows][in];
        Kernels.inputGradient(w, in, out, delta, g, 0, rows);
        Kernels.inputGradient(w, in, out, delta, gPieces, 0, 3);
        Kernels.inputGradient(w, in, out, delta, gPieces, 3, rows);
        assertThat(gPieces).isDeepEqualTo(g);
    }

    @Test
    void weightStepWritesTheDescentStepOfTheGradientAndLeavesTheWeights() {
        Rng rng = new Rng(4);
        int rows = 10;
        int in = 9;
        int out = 6;
        double[][] w = random(rng, in, out);
        double[][] x = random(rng, rows, in);
        double[][] delta = random(rng, rows, out);
        double[][] original = Checks.copy(w);
        double[][] dW = new double[in][out];
        Kernels.weightGradient(x, delta, rows, out, dW, 0, in);
        double[][] next = new double[in][out];
        double[][] scratch = new double[Kernels.K_BLOCK][out];
        double[] check = new double[out];
        Kernels.weightStep(x, delta, rows, out, w, next, 0.25, scratch, check, 0, 4);   // two k ranges
        Kernels.weightStep(x, delta, rows, out, w, next, 0.25, scratch, check, 4, in);
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                assertThat(next[k][j]).isEqualTo(w[k][j] - 0.25 * dW[k][j]);   // the same bits
            }
        }
        assertThat(w).isDeepEqualTo(original);
        assertThat(check).containsOnly(0.0);
        Kernels.weightStep(x, delta, rows, out, w, next, Double.MAX_VALUE, scratch, check, 0, in);
        assertThat(check).contains(Double.NaN);                              // some |ε·dW| overflowed
    }

    @Test
    void weightUpdateStepsInPlaceWithTheBitsOfWeightStepAndLeavesZeroInputRowsUntouched() {
        // 40 inputs cross three blocks of K_BLOCK = 16 rows from k = 3; 10 batch rows leave a
        // group of two after the groups of four. Inputs 5 and 20 are zero in every row, so their
        // rows of W get no gradient (weightUpdate skips them; the values must still match).
        Rng rng = new Rng(12);
        int rows = 10;
        int in = 40;
        int out = 5;
        double[][] w = random(rng, in, out);
        double[][] x = random(rng, rows, in);
        double[][] delta = random(rng, rows, out);
        for (double[] row : x) {
            row[5] = 0.0;
            row[20] = 0.0;
        }
        double[][] next = new double[in][out];
        double[][] scratch = new double[Kernels.K_BLOCK][out];
        Kernels.weightStep(x, delta, rows, out, w, next, 0.5, scratch, new double[out], 3, 37);
        double[][] updated = Checks.copy(w);
        Kernels.weightUpdate(x, delta, rows, out, updated, 0.5, scratch, 3, 37);
        for (int k = 0; k < in; k++) {
            double[] expected = k == 5 || k == 20 || k < 3 || k >= 37 ? w[k] : next[k];
            for (int j = 0; j < out; j++) {
                assertThat(Double.doubleToRawLongBits(updated[k][j])).as("W[%d][%d]", k, j)
                        .isEqualTo(Double.doubleToRawLongBits(expected[j]));
            }
        }
        assertThat(updated[5]).containsExactly(w[5]);
        assertThat(updated[4]).doesNotContain(w[4][0]);                     // a row with inputs did move
    }

    @Test
    void partialSumsOverInputChunksAddUpToTheProduct() {
        Rng rng = new Rng(5);
        int rows = 7;
        int in = 50;
        int out = 9;
        int[] starts = {0, 16, 32, 50};                                       // three chunks
        double[][] w = random(rng, in, out);
        double[] b = random(rng, 1, out)[0];
        double[][] x = random(rng, rows, in);
        double[][][] partials = new double[3][rows][out];
        for (int c = 0; c < 3; c++) {
            Kernels.forwardPartial(w, out, x, starts[c], starts[c + 1], partials[c], 0, rows);
        }
        double[][] z = new double[rows][out];
        Kernels.sumPartials(b, partials, 3, out, z, 0, rows);
        double[][] plain = new double[rows][out];
        Kernels.forward(w, b, in, out, x, plain, Activation.identity(), new double[rows][out], 0, rows);
        for (int i = 0; i < rows; i++) {
            assertThat(z[i]).containsExactly(plain[i], within(1e-13));      // ((b + p⁰) + p¹) + p² ≈ b + x·W
            double chunk = 0.0;
            for (int k = 16; k < 32; k++) {
                chunk += x[i][k] * w[k][4];                                  // chunk 1 alone, column 4
            }
            assertThat(partials[1][i][4]).isCloseTo(chunk, within(1e-14));
        }
        double[][] rowByRow = new double[rows][out];
        double[][][] alone = new double[3][rows][out];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 3; c++) {
                Kernels.forwardPartial(w, out, x, starts[c], starts[c + 1], alone[c], i, i + 1);
            }
            Kernels.sumPartials(b, alone, 3, out, rowByRow, i, i + 1);
        }
        assertThat(rowByRow).isDeepEqualTo(z);                               // a row's bits do not depend on the batch
    }

    @Test
    void nonFiniteValuesTurnTheAccumulatorNaN() {
        double[] acc = new double[3];
        Kernels.accumulateNonFinite(acc, new double[] {1e308, -2, 0}, 3);
        assertThat(acc).containsExactly(0, 0, 0);
        Kernels.accumulateNonFinite(acc, new double[] {1, Double.POSITIVE_INFINITY, 0}, 3);
        assertThat(acc[1]).isNaN();
    }
}
