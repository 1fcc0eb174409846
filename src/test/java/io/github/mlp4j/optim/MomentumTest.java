package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MomentumTest {

    @Test
    void classicalMomentumByHand() {
        Optimizer.State state = Optimizer.momentum(0.9).start(1);
        double[] theta = {0.0};
        double[] g = {1.0};
        // β = 0.9, ε = 0.1, g = 1 every step
        // v1 = 1,              θ1 = 0 − 0.1·1      = −0.1
        // v2 = 0.9 + 1 = 1.9,  θ2 = −0.1 − 0.19    = −0.29
        // v3 = 1.71 + 1 = 2.71, θ3 = −0.29 − 0.271 = −0.561
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(-0.1, within(1e-15));
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(-0.29, within(1e-15));
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(-0.561, within(1e-15));
        assertThat(state.steps()).isEqualTo(3);
    }

    @Test
    void nesterovMomentumByHand() {
        Optimizer.State state = Optimizer.nesterov(0.9).start(1);
        double[] theta = {0.0};
        double[] g = {1.0};
        // β = 0.9, ε = 0.1, g = 1 every step; θ ← θ − ε(g + βv) with the updated v
        // v1 = 1,    θ1 = 0 − 0.1·(1 + 0.9)       = −0.19
        // v2 = 1.9,  θ2 = −0.19 − 0.1·(1 + 1.71)  = −0.461
        // v3 = 2.71, θ3 = −0.461 − 0.1·(1 + 2.439) = −0.8049
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(-0.19, within(1e-15));
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(-0.461, within(1e-15));
        state.update(theta, g, 0.1);
        assertThat(theta[0]).isCloseTo(-0.8049, within(1e-15));
    }

    @Test
    void matchesTheFormulaOverSeveralSteps() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double beta = 0.8;
            double[][] gradients = OptimizerFixtures.gradients(7, 4);
            double[] rates = OptimizerFixtures.rates(7);
            double[] theta = OptimizerFixtures.theta(4);
            double[] expected = theta.clone();
            double[] v = new double[4];
            Optimizer.State state = new Momentum(beta, nesterov).start(4);
            for (int t = 0; t < gradients.length; t++) {
                double[] g = gradients[t];
                for (int i = 0; i < 4; i++) {
                    v[i] = beta * v[i] + g[i];
                    expected[i] -= rates[t] * (nesterov ? g[i] + beta * v[i] : v[i]);
                }
                double[] copy = g.clone();
                state.update(theta, g, rates[t]);
                assertThat(g).containsExactly(copy);
                assertThat(theta).as("nesterov=%s, step %d", nesterov, t + 1)
                        .containsExactly(expected, within(1e-14));
            }
        }
    }

    @Test
    void zeroBetaIsPlainSgd() {
        double[] a = {0.3, -0.7};
        double[] b = a.clone();
        Optimizer.State momentum = Optimizer.momentum(0).start(2);
        Optimizer.State sgd = Optimizer.sgd().start(2);
        for (double[] g : OptimizerFixtures.gradients(3, 2)) {
            momentum.update(a, g, 0.1);
            sgd.update(b, g, 0.1);
        }
        assertThat(a).containsExactly(b);
    }

    @Test
    void startGivesAFreshIndependentState() {
        Optimizer optimizer = Optimizer.momentum(0.9);
        Optimizer.State used = optimizer.start(1);
        double[] ignored = {0.0};
        used.update(ignored, new double[] {5.0}, 0.1);
        used.update(ignored, new double[] {5.0}, 0.1);

        Optimizer.State fresh = optimizer.start(1);
        double[] theta = {0.0};
        fresh.update(theta, new double[] {1.0}, 0.1);
        // a fresh velocity is zero, so the first step is −ε·g = −0.1
        assertThat(theta[0]).isCloseTo(-0.1, within(1e-15));
        assertThat(fresh.steps()).isEqualTo(1);
        assertThat(used.steps()).isEqualTo(2);
    }

    @Test
    void describesItself() {
        assertThat(Optimizer.momentum(0.9).name()).isEqualTo("momentum");
        assertThat(Optimizer.nesterov(0.9).name()).isEqualTo("nesterov");
        assertThat(Optimizer.nesterov(0.9)).isEqualTo(new Momentum(0.9, true));
        assertThat(((Momentum) Optimizer.momentum(0.5)).beta()).isEqualTo(0.5);
    }

    @Test
    void rejectsBetaOutsideZeroToOne() {
        assertThatThrownBy(() -> Optimizer.momentum(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta must be in [0, 1), but was 1.0")
                .hasMessageContaining("0.9");
        assertThatThrownBy(() -> Optimizer.nesterov(-0.1)).hasMessageContaining("but was -0.1");
        assertThatThrownBy(() -> Optimizer.momentum(Double.NaN)).hasMessageContaining("but was NaN");
    }
}
