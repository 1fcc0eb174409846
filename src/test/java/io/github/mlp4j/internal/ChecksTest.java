package io.github.mlp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Checks}: the finiteness scans find a bad value wherever it is, and only a bad value. */
class ChecksTest {
    private static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void aNonFiniteValueIsNamedAtEveryPositionOfEveryRowWidth() {
        for (int width = 1; width <= 9; width++) {                          // the unrolled loop and its remainder
            for (int j = 0; j < width; j++) {
                for (double bad : BAD) {
                    double[][] m = new double[3][width];
                    m[2][j] = bad;
                    assertThatThrownBy(() -> Checks.finite(m, "x")).as("width %d, column %d", width, j)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageStartingWith("x[2][" + j + "] is " + bad + "; every value must be finite.");
                    double[] scratch = {Double.NaN, 7.0, Double.NaN, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0};   // old garbage
                    assertThatThrownBy(() -> Checks.finite(m, "x", scratch)).as("width %d, column %d", width, j)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageStartingWith("x[2][" + j + "] is " + bad + "; every value must be finite.");
                    double[] v = m[2].clone();
                    assertThatThrownBy(() -> Checks.vector(v, "v")).as("width %d, index %d", width, j)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageStartingWith("v[" + j + "] is " + bad + ";");
                }
            }
        }
    }

    @Test
    void extremeFiniteValuesAndSignedZerosPass() {
        double[] row = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0, 1e300, -1e-300};
        assertThatCode(() -> Checks.finite(new double[][] {row, row}, "x")).doesNotThrowAnyException();
        double[] scratch = new double[row.length + 1];
        java.util.Arrays.fill(scratch, Double.NaN);                           // whatever a previous call left
        assertThatCode(() -> Checks.finite(new double[][] {row, row}, "x", scratch)).doesNotThrowAnyException();
        assertThat(Checks.vector(row, "v")).isEqualTo(row.length);
    }
}
