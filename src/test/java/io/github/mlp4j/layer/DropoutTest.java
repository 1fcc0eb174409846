package io.github.mlp4j.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Pass;
import io.github.mlp4j.PassFixtures;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static final double[][] X = {{0.5, -1.0, 2.0, 0.25, -0.75, 1.5}, {1.0, 2.0, -3.0, 0.5, 0.0, -0.5}};

    private static double[][] forward(Dropout d, double[][] x, Pass pass) {
        double[][] z = new double[x.length][d.outputSize()];
        double[][] a = new double[x.length][d.outputSize()];
        d.forward(new double[0], 0, x, z, a, 0, x.length, pass);
        return a;
    }

    @Test
    void trainingKeepsOrScalesEachUnitAndInferencePassesThrough() {
        Dropout d = new Dropout(6, 0.5);
        double[][] a = forward(d, X, PassFixtures.training(1, 99));
        int dropped = 0;
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(a[i][j]).isIn(0.0, -0.0, 2.0 * X[i][j]);
                dropped += a[i][j] == 0.0 && X[i][j] != 0.0 ? 1 : 0;
            }
        }
        assertThat(dropped).isBetween(1, 10);
        assertThat(forward(d, X, Pass.INFERENCE)).isDeepEqualTo(X);
        assertThat(forward(d, X, PassFixtures.training(1, 99))).isDeepEqualTo(a);   // same step, same mask
        assertThat(forward(d, X, PassFixtures.training(1, 100))).isNotEqualTo(a);   // next step, new mask
    }

    @Test
    void keepsOnAverageTheInputsExpectedValue() {
        Dropout d = new Dropout(1000, 0.2);
        double[][] ones = new double[1][1000];
        java.util.Arrays.fill(ones[0], 1.0);
        double sum = 0;
        for (double v : forward(d, ones, PassFixtures.training(0, 7))[0]) {
            sum += v;
        }
        assertThat(sum / 1000).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void backwardMatchesFiniteDifferencesOfTheSameMask() {
        Dropout d = new Dropout(6, 0.4);
        Pass pass = PassFixtures.training(2, 5);
        double[][] delta = {{0.3, -0.2, 0.1, 0.7, -0.4, 0.9}, {-0.6, 0.5, 0.2, -0.1, 0.8, 0.3}};
        double[][] gradIn = new double[2][6];
        d.backward(new double[0], 0, X, delta, 0, 2, new double[0], 0, gradIn, pass);
        double h = 1e-6;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 6; j++) {
                double[][] plus = copy(X);
                double[][] minus = copy(X);
                plus[i][j] += h;
                minus[i][j] -= h;
                double numeric = (dot(forward(d, plus, pass), delta) - dot(forward(d, minus, pass), delta)) / (2 * h);
                assertThat(gradIn[i][j]).isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-8));
            }
        }
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> new Dropout(3, 1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Dropout(3, Double.NaN)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Dropout(0, 0.5)).hasMessageContaining("at least 1 unit");
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += a[i][j] * b[i][j];
            }
        }
        return s;
    }
}
