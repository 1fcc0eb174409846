package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamWTest {

    @Test
    void decoupledDecayByHand() {
        Optimizer.State state = Optimizer.adamW(0.1).start(1);
        double[] theta = {2.0};
        double[] g = {1.0};
        // λ = 0.1, ε = 0.1, g = 1 every step, so m̂ = v̂ = 1 and m̂/(√v̂ + ε̂) ≈ 1
        // θ1 = 2 − 0.1·(1 + 0.1·2)         = 1.88
        // θ2 = 1.88 − 0.1·(1 + 0.188)      = 1.7612
        // θ3 = 1.7612 − 0.1·(1 + 0.17612)  = 1.643588
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(1.88, within(1e-8));
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(1.7612, within(1e-8));
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(1.643588, within(1e-8));
        assertThat(state.steps()).isEqualTo(3);
    }

    @Test
    void matchesTheFormulaOverSeveralSteps() {
        double beta1 = 0.85;
        double beta2 = 0.99;
        double eps = 1e-7;
        double lambda = 0.05;
        double[][] gradients = OptimizerFixtures.gradients(6, 4);
        double[] rates = OptimizerFixtures.rates(6);
        double[] theta = OptimizerFixtures.theta(4);
        double[] expected = theta.clone();
        double[] m = new double[4];
        double[] v = new double[4];
        Optimizer.State state = Optimizer.adamW(beta1, beta2, eps, lambda).start(4);
        for (int t = 1; t <= gradients.length; t++) {
            double[] g = gradients[t - 1];
            for (int i = 0; i < 4; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                expected[i] -= rates[t - 1] * (mHat / (Math.sqrt(vHat) + eps) + lambda * expected[i]);
            }
            double[] copy = g.clone();
            state.update(theta, g, rates[t - 1]);
            assertThat(g).containsExactly(copy);
            assertThat(theta).as("step %d", t).containsExactly(expected, within(1e-14));
        }
    }

    @Test
    void zeroDecayIsAdam() {
        double[] a = OptimizerFixtures.theta(3);
        double[] b = a.clone();
        Optimizer.State adamW = Optimizer.adamW(0.0).start(3);
        Optimizer.State adam = Optimizer.adam().start(3);
        for (double[] g : OptimizerFixtures.gradients(4, 3)) {
            adamW.update(a, g, 0.01);
            adam.update(b, g, 0.01);
        }
        assertThat(a).containsExactly(b, within(1e-15));
    }

    @Test
    void decayDiffersFromL2AddedToTheGradientOfAdam() {
        // AdamW's decay bypasses v̂; adding λθ to Adam's gradient does not, so they part ways.
        double[] decoupled = {2.0};
        double[] coupled = {2.0};
        Optimizer.State adamW = Optimizer.adamW(0.1).start(1);
        Optimizer.State adam = Optimizer.adam().start(1);
        for (int t = 0; t < 3; t++) {
            adamW.update(decoupled, new double[] {1.0}, 0.1);
            double[] g = {1.0};
            Gradients.addL2(g, coupled, 0.1);
            adam.update(coupled, g, 0.1);
        }
        // coupled: g = 1 + 0.1θ stays ≈ 1.2 > 0 and Adam normalises it, so ≈ −0.1 per step: ≈ 1.7
        assertThat(coupled[0]).isCloseTo(1.7, within(1e-3));
        assertThat(decoupled[0]).isCloseTo(1.643588, within(1e-8));
    }

    @Test
    void hasTheUsualDefaults() {
        AdamW defaults = AdamW.defaults();
        assertThat(defaults.beta1()).isEqualTo(0.9);
        assertThat(defaults.beta2()).isEqualTo(0.999);
        assertThat(defaults.epsilon()).isEqualTo(1e-8);
        assertThat(defaults.weightDecay()).isEqualTo(0.01);
        assertThat(Optimizer.adamW(0.01)).isEqualTo(defaults);
        assertThat(defaults.name()).isEqualTo("adamw");
    }

    @Test
    void rejectsBadHyperParameters() {
        assertThatThrownBy(() -> Optimizer.adamW(-0.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weightDecay must be finite and at least 0, but was -0.01");
        assertThatThrownBy(() -> Optimizer.adamW(Double.POSITIVE_INFINITY))
                .hasMessageContaining("but was Infinity");
        assertThatThrownBy(() -> Optimizer.adamW(0.9, 1.5, 1e-8, 0.01))
                .hasMessageContaining("beta2 must be in [0, 1), but was 1.5");
        assertThatThrownBy(() -> Optimizer.adamW(0.9, 0.999, 0, 0.01))
                .hasMessageContaining("epsilon must be positive and finite, but was 0.0");
    }
}
