package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RmsPropTest {

    @Test
    void stepsByHand() {
        Optimizer.State state = Optimizer.rmsProp(0.75, 1e-7).start(1);
        double[] theta = {1.0};
        // ρ = 0.75, ε = 0.1, ε̂ = 1e-7
        // g1 = 4:  s1 = 0.25·16        = 4, θ1 = 1 − 0.1·4/(2 + ε̂)     ≈ 0.8
        // g2 = 2:  s2 = 0.75·4 + 0.25·4 = 4, θ2 = θ1 − 0.1·2/(2 + ε̂)   ≈ 0.7
        // g3 = −2: s3 = 0.75·4 + 0.25·4 = 4, θ3 = θ2 + 0.1·2/(2 + ε̂)   ≈ 0.8
        state.update(theta, new double[] {4.0}, 0.1);
        assertThat(theta[0]).isCloseTo(1 - 0.4 / (2 + 1e-7), within(1e-15));
        assertThat(theta[0]).isCloseTo(0.8, within(1e-7));
        state.update(theta, new double[] {2.0}, 0.1);
        assertThat(theta[0]).isCloseTo(0.7, within(1e-7));
        state.update(theta, new double[] {-2.0}, 0.1);
        assertThat(theta[0]).isCloseTo(0.8, within(1e-7));
        assertThat(state.steps()).isEqualTo(3);
    }

    @Test
    void matchesTheFormulaOverSeveralSteps() {
        double rho = 0.9;
        double eps = 1e-7;
        double[][] gradients = OptimizerFixtures.gradients(6, 5);
        double[] rates = OptimizerFixtures.rates(6);
        double[] theta = OptimizerFixtures.theta(5);
        double[] expected = theta.clone();
        double[] s = new double[5];
        Optimizer.State state = Optimizer.rmsProp().start(5);
        for (int t = 0; t < gradients.length; t++) {
            double[] g = gradients[t];
            for (int i = 0; i < 5; i++) {
                s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                expected[i] -= rates[t] * g[i] / (Math.sqrt(s[i]) + eps);
            }
            double[] copy = g.clone();
            state.update(theta, g, rates[t]);
            assertThat(g).containsExactly(copy);
            assertThat(theta).as("step %d", t + 1).containsExactly(expected, within(1e-14));
        }
    }

    @Test
    void aZeroGradientFromAFreshStateDoesNotMove() {
        Optimizer.State state = Optimizer.rmsProp().start(2);
        double[] theta = {0.5, -0.5};
        // s = 0 and g = 0: θ ← θ − ε·0/(0 + ε̂) = θ, no division by zero
        state.update(theta, new double[2], 0.1);
        assertThat(theta).containsExactly(0.5, -0.5);
    }

    @Test
    void hasKerasDefaults() {
        RmsProp defaults = RmsProp.defaults();
        assertThat(defaults.rho()).isEqualTo(0.9);
        assertThat(defaults.epsilon()).isEqualTo(1e-7);
        assertThat(Optimizer.rmsProp()).isEqualTo(defaults);
        assertThat(defaults.name()).isEqualTo("rmsprop");
    }

    @Test
    void rejectsBadHyperParameters() {
        assertThatThrownBy(() -> Optimizer.rmsProp(1.0, 1e-7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rho must be in [0, 1), but was 1.0");
        assertThatThrownBy(() -> Optimizer.rmsProp(0.9, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon must be positive and finite, but was 0.0");
        assertThatThrownBy(() -> Optimizer.rmsProp(0.9, Double.NaN))
                .hasMessageContaining("epsilon must be positive and finite, but was NaN");
    }
}
