package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A gradient holding NaN or infinity anywhere, not only at its first entry, fails the check. */
class GradientCheckNonFiniteTest {

    /** The identity, whose backward writes {@code bad} at entry (0, 1) instead of the true derivative. */
    private static Activation brokenAt01(double bad) {
        return new Activation() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void forward(double[][] z, double[][] a, int from, int to, int width) {
                for (int i = from; i < to; i++) {
                    System.arraycopy(z[i], 0, a[i], 0, width);
                }
            }

            @Override
            public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to,
                    int width) {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < width; j++) {
                        gradZ[i][j] = i == 0 && j == 1 ? bad : gradA[i][j];
                    }
                }
            }
        };
    }

    @Test
    void aNonFiniteAnalyticEntryAfterTheFirstFails() {
        double[][] z = {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}};
        // the identity's derivative is the upstream gradient; writing it back at (0, 1) passes
        assertThat(GradientCheck.activation(brokenAt01(0.0), z).passes(1e-6)).isFalse();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            GradientCheck.Result result = GradientCheck.activation(brokenAt01(bad), z);
            assertThat(result.passes(1e-6)).as("%s", bad).isFalse();
            assertThat(result.passes(Double.MAX_VALUE)).as("%s", bad).isFalse();
            assertThat(result.worstIndex()).isEqualTo(1);
            assertThat(result.maxRelativeError()).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void aNonFiniteNumericEntryFails() {
        // f(z) = z²: at z = 1e200 the cost overflows, so the numeric derivative is not finite
        Activation square = new Activation() {
            @Override
            public String name() {
                return "square";
            }

            @Override
            public void forward(double[][] z, double[][] a, int from, int to, int width) {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < width; j++) {
                        a[i][j] = z[i][j] * z[i][j];
                    }
                }
            }

            @Override
            public void backward(double[][] z, double[][] a, double[][] gradA, double[][] gradZ, int from, int to,
                    int width) {
                for (int i = from; i < to; i++) {
                    for (int j = 0; j < width; j++) {
                        gradZ[i][j] = gradA[i][j] * 2 * z[i][j];
                    }
                }
            }
        };
        assertThat(GradientCheck.activation(square, new double[][] {{0.5, -2.0}}).passes(1e-6)).isTrue();
        GradientCheck.Result result = GradientCheck.activation(square, new double[][] {{0.5}, {1e200}});  // each row is its own cost
        assertThat(result.passes(1e-6)).isFalse();
        assertThat(result.worstIndex()).isEqualTo(1);
    }
}
