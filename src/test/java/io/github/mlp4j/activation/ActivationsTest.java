package io.github.mlp4j.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import io.github.mlp4j.GradientCheck;
import io.github.mlp4j.TestData;
import io.github.mlp4j.internal.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void sigmoidAtKnownPoints() {
        Activation f = Activation.sigmoid();
        assertThat(f.value(0)).isEqualTo(0.5);
        assertThat(f.derivative(0)).isEqualTo(0.25);                     // σ'(0) = 0.5·0.5
        // σ(2) = 1 / (1 + e^−2) = 0.8807970779778823
        assertThat(f.value(2)).isCloseTo(0.8807970779778823, within(1e-15));
        assertThat(f.value(-2)).isCloseTo(1 - 0.8807970779778823, within(1e-15));
        // σ'(2) = σ(2)(1 − σ(2)) = 0.10499358540350652
        assertThat(f.derivative(2)).isCloseTo(0.10499358540350652, within(1e-15));
    }

    @Test
    void sigmoidNeverOverflows() {
        Activation f = Activation.sigmoid();
        assertThat(f.value(1000)).isEqualTo(1.0);
        assertThat(f.value(-1000)).isEqualTo(0.0);
        assertThat(f.derivative(1000)).isEqualTo(0.0);
        assertThat(f.derivative(-1000)).isEqualTo(0.0);
        assertThat(f.value(-745)).isGreaterThan(0.0).isLessThan(1e-300);
    }

    @Test
    void tanhDerivativeIsTakenAtZNotAtTheActivation() {
        Activation f = Activation.tanh();
        assertThat(f.value(0)).isEqualTo(0.0);
        assertThat(f.derivative(0)).isEqualTo(1.0);
        // tanh(1) = 0.7615941559557649, tanh'(1) = 1 − tanh²(1) = 0.41997434161402614
        assertThat(f.value(1)).isCloseTo(0.7615941559557649, within(1e-15));
        assertThat(f.derivative(1)).isCloseTo(0.41997434161402614, within(1e-15));
        // the tutorial's mistake, 1 − tanh²(a) with a = tanh(1), would give 0.5870...
        assertThat(f.derivative(1)).isNotCloseTo(1 - Math.pow(Math.tanh(Math.tanh(1)), 2), within(0.1));
        assertThat(f.value(1000)).isEqualTo(1.0);
        assertThat(f.derivative(-1000)).isEqualTo(0.0);
    }

    @Test
    void reluAndItsDerivativeAtZeroIsZero() {
        Activation f = Activation.relu();
        assertThat(f.value(-3)).isEqualTo(0.0);
        assertThat(f.value(2.5)).isEqualTo(2.5);
        assertThat(f.derivative(0.0)).isEqualTo(0.0);
        assertThat(f.derivative(-0.0)).isEqualTo(0.0);
        assertThat(f.derivative(1e-300)).isEqualTo(1.0);
        assertThat(f.derivative(-1)).isEqualTo(0.0);
        double[][] z = {{0.0, -1.0, 2.0}};
        double[][] g = new double[1][3];
        f.backward(z, new double[][] {{0, 0, 2}}, new double[][] {{5, 5, 5}}, g, 0, 1, 3);
        assertThat(g[0]).containsExactly(0.0, 0.0, 5.0);
    }

    @Test
    void leakyReluUsesItsSlopeBelowZero() {
        Activation f = Activation.leakyRelu(0.1);
        assertThat(f.value(-2)).isCloseTo(-0.2, within(1e-15));
        assertThat(f.value(3)).isEqualTo(3.0);
        assertThat(f.derivative(-2)).isEqualTo(0.1);
        assertThat(f.derivative(0)).isEqualTo(0.1);
        assertThat(f.derivative(2)).isEqualTo(1.0);
        assertThat(f.name()).isEqualTo("leakyRelu(0.1)");
        assertThatThrownBy(() -> Activation.leakyRelu(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)").hasMessageContaining("1.5");
        assertThatThrownBy(() -> Activation.leakyRelu(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityPassesValuesThrough() {
        Activation f = Activation.identity();
        assertThat(f.value(-7.25)).isEqualTo(-7.25);
        assertThat(f.derivative(123)).isEqualTo(1.0);
    }

    @Test
    void softmaxRowsSumToOneAndNeverOverflow() {
        Activation f = Activation.softmax();
        double[][] a = new double[3][3];
        f.forward(new double[][] {{1, 2, 3}, {1000, -1000, 0}, {-1000, -1000, -1000}}, a, 0, 3, 3);
        // e^1, e^2, e^3 over their sum 30.19287485057736
        assertThat(a[0][0]).isCloseTo(0.09003057317038046, within(1e-15));
        assertThat(a[0][1]).isCloseTo(0.24472847105479764, within(1e-15));
        assertThat(a[0][2]).isCloseTo(0.6652409557748219, within(1e-15));
        assertThat(a[1]).containsExactly(1.0, 0.0, 0.0);
        assertThat(a[2][0]).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(f.isElementwise()).isFalse();
        assertThatThrownBy(() -> f.value(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void softmaxBackwardIsTheTransposedJacobian() {
        // a = softmax([0, ln 2]) = [1/3, 2/3]; with ∂C/∂a = [1, 0]:
        // Σ g·a = 1/3, so ∂C/∂z = [1/3 (1 − 1/3), 2/3 (0 − 1/3)] = [2/9, −2/9]
        Activation f = Activation.softmax();
        double[][] z = {{0, Math.log(2)}};
        double[][] a = new double[1][2];
        f.forward(z, a, 0, 1, 2);
        double[][] g = new double[1][2];
        f.backward(z, a, new double[][] {{1, 0}}, g, 0, 1, 2);
        assertThat(g[0][0]).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(g[0][1]).isCloseTo(-2.0 / 9, within(1e-15));
    }

    @Test
    void everyBackwardMatchesCentralDifferences() {
        Rng rng = new Rng(7);
        double[][] z = TestData.uniform(rng, 6, 4, -3, 3);
        for (Activation f : List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
                Activation.leakyRelu(0.05), Activation.identity(), Activation.softmax())) {
            GradientCheck.Result r = GradientCheck.activation(f, z);
            assertThat(r.maxRelativeError()).as(f.name() + ": " + r).isLessThan(1e-7);
            assertThat(r.checked()).as(f.name()).isEqualTo(24);
        }
    }

    @Test
    void scalarDerivativeMatchesCentralDifferencesAcrossTheRange() {
        double h = 1e-5;
        for (Activation f : List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
                Activation.leakyRelu(0.2), Activation.identity())) {
            for (double z = -6.05; z < 6; z += 0.5) {
                double numeric = (f.value(z + h) - f.value(z - h)) / (2 * h);
                assertThat(f.derivative(z)).as(f.name() + " at " + z).isCloseTo(numeric, within(1e-8));
            }
        }
    }

    @Test
    void sigmoidLiesStrictlyBetweenZeroAndOneForModerateInputs() {
        Rng rng = new Rng(3);
        for (int i = 0; i < 10_000; i++) {
            double z = rng.nextDouble(-30, 30);
            assertThat(Activation.sigmoid().value(z)).isGreaterThan(0.0).isLessThan(1.0);
        }
    }
}
