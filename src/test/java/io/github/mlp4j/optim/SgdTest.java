package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SgdTest {

    @Test
    void stepsAgainstTheGradientByHand() {
        Optimizer.State state = Optimizer.sgd().start(2);
        double[] theta = {1.0, -2.0};
        // step 1: g = (0.5, −1), ε = 0.1: θ = (1 − 0.05, −2 + 0.1) = (0.95, −1.9)
        state.update(theta, new double[] {0.5, -1.0}, 0.1);
        assertThat(theta[0]).isCloseTo(0.95, within(1e-15));
        assertThat(theta[1]).isCloseTo(-1.9, within(1e-15));
        // step 2: g = (−1, 2), ε = 0.05: θ = (0.95 + 0.05, −1.9 − 0.1) = (1.0, −2.0)
        state.update(theta, new double[] {-1.0, 2.0}, 0.05);
        assertThat(theta[0]).isCloseTo(1.0, within(1e-15));
        assertThat(theta[1]).isCloseTo(-2.0, within(1e-15));
        // step 3: g = (4, 0), ε = 0.25: θ = (1 − 1, −2) = (0, −2)
        state.update(theta, new double[] {4.0, 0.0}, 0.25);
        assertThat(theta[0]).isCloseTo(0.0, within(1e-15));
        assertThat(theta[1]).isCloseTo(-2.0, within(1e-15));
        assertThat(state.steps()).isEqualTo(3);
    }

    @Test
    void matchesTheFormulaOverSeveralStepsAndLeavesTheGradientAlone() {
        double[][] gradients = OptimizerFixtures.gradients(6, 5);
        double[] rates = OptimizerFixtures.rates(6);
        double[] theta = OptimizerFixtures.theta(5);
        double[] expected = theta.clone();
        Optimizer.State state = Optimizer.sgd().start(5);
        for (int t = 0; t < gradients.length; t++) {
            double[] g = gradients[t];
            double[] copy = g.clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = expected[i] - rates[t] * g[i];
            }
            state.update(theta, g, rates[t]);
            assertThat(g).containsExactly(copy);
            assertThat(theta).containsExactly(expected, within(1e-14));
        }
        assertThat(state.steps()).isEqualTo(6);
    }

    @Test
    void describesItself() {
        assertThat(Optimizer.sgd().name()).isEqualTo("sgd");
        assertThat(Optimizer.sgd()).isEqualTo(new Sgd());
        assertThat(Optimizer.sgd().start(3).parameterCount()).isEqualTo(3);
        assertThat(Optimizer.sgd().start(3).steps()).isZero();
    }

    @Test
    void rejectsBadUpdates() {
        Optimizer.State state = Optimizer.sgd().start(2);
        assertThatThrownBy(() -> state.update(new double[3], new double[3], 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("theta has 3 values")
                .hasMessageContaining("started for 2 parameters")
                .hasMessageContaining("start(3)");
        assertThatThrownBy(() -> state.update(new double[2], new double[1], 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradient has 1 values but theta has 2");
        assertThatThrownBy(() -> state.update(new double[2], new double[2], Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate must be positive and finite, but was NaN");
        assertThatThrownBy(() -> state.update(new double[2], new double[2], 0.0))
                .hasMessageContaining("but was 0.0");
        assertThatThrownBy(() -> state.update(new double[2], new double[2], Double.POSITIVE_INFINITY))
                .hasMessageContaining("but was Infinity");
        assertThatThrownBy(() -> state.update(null, new double[2], 0.1))
                .isInstanceOf(NullPointerException.class).hasMessage("theta");
        assertThatThrownBy(() -> state.update(new double[2], null, 0.1))
                .isInstanceOf(NullPointerException.class).hasMessage("gradient");
        assertThat(state.steps()).as("rejected updates are not counted").isZero();
        assertThatThrownBy(() -> Optimizer.sgd().start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameterCount must be at least 1, but was 0");
    }
}
