package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GradientsTest {

    @Test
    void clipsALongGradientToTheMaximumNorm() {
        double[] g = {3.0, -4.0};
        // ‖g‖ = √(9 + 16) = 5 > 1, so g ← g·(1/5) = (0.6, −0.8)
        double norm = Gradients.clipByNorm(g, 1.0);
        assertThat(norm).isEqualTo(5.0);
        assertThat(g).containsExactly(new double[] {0.6, -0.8}, within(1e-15));
        assertThat(Gradients.norm(g)).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void leavesAShortGradientAlone() {
        double[] g = {3.0, -4.0};
        assertThat(Gradients.clipByNorm(g, 5.0)).isEqualTo(5.0);      // ‖g‖ = 5, not above 5
        assertThat(g).containsExactly(3.0, -4.0);
        assertThat(Gradients.clipByNorm(g, 10.0)).isEqualTo(5.0);
        assertThat(g).containsExactly(3.0, -4.0);
    }

    @Test
    void normSurvivesHugeEntries() {
        double[] g = {3e200, 4e200};
        // Σ gᵢ² overflows, but the rescaled norm is 5e200
        assertThat(Gradients.norm(g)).isCloseTo(5e200, within(1e186));
        assertThat(Gradients.clipByNorm(g, 1.0)).isCloseTo(5e200, within(1e186));
        assertThat(g).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
    }

    @Test
    void nonFiniteGradientsAreReportedNotClipped() {
        double[] withNaN = {1.0, Double.NaN};
        assertThat(Gradients.clipByNorm(withNaN, 1.0)).isNaN();
        assertThat(withNaN[0]).isEqualTo(1.0);
        double[] withInfinity = {1.0, Double.NEGATIVE_INFINITY};
        assertThat(Gradients.clipByNorm(withInfinity, 1.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(withInfinity[0]).isEqualTo(1.0);
        assertThat(Gradients.norm(new double[] {Double.MAX_VALUE, Double.NaN})).isNaN();
    }

    @Test
    void addL2AddsLambdaTimesTheParameters() {
        double[] g = {1.0, -1.0, 0.0};
        double[] theta = {2.0, 4.0, -10.0};
        // g + λθ with λ = 0.5: (1 + 1, −1 + 2, 0 − 5) = (2, 1, −5)
        Gradients.addL2(g, theta, 0.5);
        assertThat(g).containsExactly(2.0, 1.0, -5.0);
        assertThat(theta).containsExactly(2.0, 4.0, -10.0);
        // (λ/2)·‖θ‖² = 0.25·(4 + 16 + 100) = 30
        assertThat(Gradients.l2Penalty(theta, 0.5)).isEqualTo(30.0);
    }

    @Test
    void addL2IsTheGradientOfThePenalty() {
        double[] theta = OptimizerFixtures.theta(4);
        double lambda = 0.3;
        double[] g = new double[4];
        Gradients.addL2(g, theta, lambda);
        double h = 1e-5;
        for (int i = 0; i < 4; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Gradients.l2Penalty(plus, lambda) - Gradients.l2Penalty(minus, lambda)) / (2 * h);
            assertThat(g[i]).as("parameter %d", i).isCloseTo(numeric, within(1e-9));
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Gradients.clipByNorm(new double[2], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxNorm must be positive and finite, but was 0.0");
        assertThatThrownBy(() -> Gradients.clipByNorm(new double[2], Double.NaN))
                .hasMessageContaining("but was NaN");
        assertThatThrownBy(() -> Gradients.clipByNorm(null, 1.0))
                .isInstanceOf(NullPointerException.class).hasMessage("gradient");
        assertThatThrownBy(() -> Gradients.addL2(new double[2], new double[3], 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradient has 2 values but theta has 3");
        assertThatThrownBy(() -> Gradients.addL2(new double[2], new double[2], -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda must be finite and at least 0, but was -0.1");
        assertThatThrownBy(() -> Gradients.l2Penalty(new double[2], Double.NaN))
                .hasMessageContaining("lambda must be finite and at least 0, but was NaN");
    }
}
