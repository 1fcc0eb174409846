package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamTest {

    @Test
    void constantGradientMovesByTheLearningRateEachStep() {
        Optimizer.State state = Optimizer.adam().start(1);
        double[] theta = {1.0};
        // g = 1 every step: m_t = 1 − 0.9^t and v_t = 1 − 0.999^t, so bias correction gives
        // m̂ = 1 and v̂ = 1 exactly, and each step is ε·1/(1 + 1e-8).
        for (int t = 1; t <= 3; t++) {
            state.update(theta, new double[] {1.0}, 0.01);
            assertThat(theta[0]).as("step %d", t).isCloseTo(1.0 - t * 0.01 / (1 + 1e-8), within(1e-15));
        }
        assertThat(state.steps()).isEqualTo(3);
    }

    @Test
    void signChangeByHand() {
        Optimizer.State state = Optimizer.adam().start(1);
        double[] theta = {0.0};
        // ε = 0.1
        // g1 = 1:  m1 = 0.1, v1 = 0.001; m̂ = 1, v̂ = 1;  θ1 = −0.1/(1 + 1e-8) ≈ −0.1
        // g2 = −1: m2 = 0.09 − 0.1 = −0.01,       m̂ = −0.01/(1 − 0.81)   = −0.0526315789…
        //          v2 = 0.000999 + 0.001 = 0.001999, v̂ = 0.001999/0.001999 = 1
        //          θ2 = θ1 + 0.1·0.0526315789…/(1 + 1e-8) ≈ −0.0947368421
        state.update(theta, new double[] {1.0}, 0.1);
        assertThat(theta[0]).isCloseTo(-0.1, within(1e-8));
        state.update(theta, new double[] {-1.0}, 0.1);
        assertThat(theta[0]).isCloseTo(-0.1 + 0.1 * 0.01 / 0.19, within(1e-8));
        assertThat(theta[0]).isCloseTo(-0.0947368421, within(1e-8));
        // g3 = −1: m3 = −0.009 − 0.1 = −0.109,     m̂ = −0.109/(1 − 0.729) = −0.402214…
        //          v3 = 0.001997001 + 0.001 = 0.002997001, v̂ = v3/(1 − 0.997002999) = 1
        //          θ3 = θ2 + 0.1·0.402214… ≈ −0.0545154
        state.update(theta, new double[] {-1.0}, 0.1);
        assertThat(theta[0]).isCloseTo(-0.0947368421 + 0.1 * 0.109 / 0.271, within(1e-8));
    }

    @Test
    void firstStepMovesEachParameterByAboutTheLearningRateTimesTheSign() {
        double[] g = {3.0, -0.002, 1e3, -50.0, 0.0};
        double[] theta = new double[5];
        Optimizer.adam().start(5).update(theta, g, 0.01);
        // step = ε·g/(|g| + 1e-8) = ε·sign(g)·(1 − 1e-8/|g| + …): off by at most ε·1e-8/|g|,
        // e.g. g = −0.002 moves by 0.01·(1 − 5e-6) = 0.00999995
        assertThat(theta[1]).isCloseTo(0.00999995, within(1e-12));
        for (int i = 0; i < 4; i++) {
            double exact = -0.01 * g[i] / (Math.abs(g[i]) + 1e-8);
            assertThat(theta[i]).as("parameter %d", i).isCloseTo(exact, within(1e-17));
            assertThat(theta[i]).as("parameter %d", i)
                    .isCloseTo(-0.01 * Math.signum(g[i]), within(0.01 * 1e-8 / Math.abs(g[i]) * 1.001));
        }
        assertThat(theta[4]).as("a zero gradient does not move").isEqualTo(0.0);
    }

    @Test
    void matchesTheFormulaOverSeveralSteps() {
        double beta1 = 0.8;
        double beta2 = 0.95;
        double eps = 1e-6;
        double[][] gradients = OptimizerFixtures.gradients(8, 6);
        double[] rates = OptimizerFixtures.rates(8);
        double[] theta = OptimizerFixtures.theta(6);
        double[] expected = theta.clone();
        double[] m = new double[6];
        double[] v = new double[6];
        Optimizer.State state = Optimizer.adam(beta1, beta2, eps).start(6);
        for (int t = 1; t <= gradients.length; t++) {
            double[] g = gradients[t - 1];
            for (int i = 0; i < 6; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                expected[i] -= rates[t - 1] * mHat / (Math.sqrt(vHat) + eps);
            }
            double[] copy = g.clone();
            state.update(theta, g, rates[t - 1]);
            assertThat(g).containsExactly(copy);
            assertThat(theta).as("step %d", t).containsExactly(expected, within(1e-14));
        }
        assertThat(state.steps()).isEqualTo(8);
    }

    @Test
    void startResetsTheMoments() {
        Optimizer optimizer = Optimizer.adam();
        Optimizer.State first = optimizer.start(1);
        double[] theta = {0.0};
        first.update(theta, new double[] {1.0}, 0.1);
        first.update(theta, new double[] {1.0}, 0.1);

        Optimizer.State second = optimizer.start(1);
        double[] fresh = {0.0};
        second.update(fresh, new double[] {-1.0}, 0.1);
        // zero moments and t = 1 again: the first step is ε·sign(g) = +0.1, not a damped step
        assertThat(fresh[0]).isCloseTo(0.1, within(1e-8));
        assertThat(second.steps()).isEqualTo(1);
    }

    @Test
    void hasTheUsualDefaults() {
        Adam defaults = Adam.defaults();
        assertThat(defaults.beta1()).isEqualTo(0.9);
        assertThat(defaults.beta2()).isEqualTo(0.999);
        assertThat(defaults.epsilon()).isEqualTo(1e-8);
        assertThat(Optimizer.adam()).isEqualTo(defaults);
        assertThat(defaults.name()).isEqualTo("adam");
    }

    @Test
    void rejectsBadHyperParameters() {
        assertThatThrownBy(() -> Optimizer.adam(1.0, 0.999, 1e-8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta1 must be in [0, 1), but was 1.0");
        assertThatThrownBy(() -> Optimizer.adam(0.9, -0.5, 1e-8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta2 must be in [0, 1), but was -0.5")
                .hasMessageContaining("0.999");
        assertThatThrownBy(() -> Optimizer.adam(0.9, 0.999, -1e-8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon must be positive and finite, but was -1.0E-8");
        Optimizer.State state = Optimizer.adam().start(1);
        assertThatThrownBy(() -> state.update(new double[1], new double[1], -0.1))
                .hasMessageContaining("learningRate must be positive and finite, but was -0.1");
    }

    @Test
    void theBiasCorrectionByRepeatedSquaringMatchesStrictMathPow() {
        for (double beta : new double[] {0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999}) {
            for (long t = 1; t < 3_000_000; t += t < 5_000 ? 1 : 997) {
                double exact = 1 / (1 - StrictMath.pow(beta, t));
                double squared = 1 / (1 - AdamState.power(beta, t));
                assertThat(squared).as("β = %s, t = %d", beta, t).isCloseTo(exact, within(1e-11 * exact));
            }
        }
        assertThat(AdamState.power(0.9, 1)).isEqualTo(0.9);
        assertThat(AdamState.power(0.5, 10)).isEqualTo(0x1p-10);
        assertThat(AdamState.power(0.9, Long.MAX_VALUE)).isEqualTo(0.0);
    }
}
