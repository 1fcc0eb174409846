package io.github.mlp4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    static final double[] PREDICTED = {2.5, 0.0, 2.0, 8.0};
    static final double[] ACTUAL = {3.0, -0.5, 2.0, 7.0};

    @Test
    void oneOutputByHand() {
        // errors ŷ − y: −0.5, 0.5, 0, 1
        // MSE = (0.25 + 0.25 + 0 + 1)/4 = 0.375; MAE = (0.5 + 0.5 + 0 + 1)/4 = 0.5
        assertThat(RegressionMetrics.meanSquaredError(ACTUAL, PREDICTED)).isEqualTo(0.375);
        assertThat(RegressionMetrics.meanAbsoluteError(ACTUAL, PREDICTED)).isEqualTo(0.5);
        // ȳ = 11.5/4 = 2.875; SS_tot = 0.125² + 3.375² + 0.875² + 4.125² = 29.1875; SS_res = 1.5
        // R² = 1 − 1.5/29.1875 = 0.9486081370…
        assertThat(RegressionMetrics.rSquared(ACTUAL, PREDICTED)).isCloseTo(1 - 1.5 / 29.1875, within(1e-15));
        assertThat(RegressionMetrics.rSquared(ACTUAL, PREDICTED)).isCloseTo(0.948608137, within(1e-9));
    }

    @Test
    void rSquaredReferencePoints() {
        double[] y = {1, 2, 3, 4};
        assertThat(RegressionMetrics.rSquared(y, y)).as("perfect").isEqualTo(1.0);
        assertThat(RegressionMetrics.rSquared(y, new double[] {2.5, 2.5, 2.5, 2.5})).as("the mean").isEqualTo(0.0);
        // predicting in reverse: SS_res = 9 + 1 + 1 + 9 = 20, SS_tot = 5 → 1 − 4 = −3
        assertThat(RegressionMetrics.rSquared(y, new double[] {4, 3, 2, 1})).isEqualTo(-3.0);
    }

    @Test
    void rSquaredOfAConstantTarget() {
        double[] constant = {0.1, 0.1, 0.1};                         // ȳ may round, but SS_tot is 0 by definition
        assertThat(RegressionMetrics.rSquared(constant, new double[] {0.1, 0.1, 0.1})).isEqualTo(1.0);
        assertThat(RegressionMetrics.rSquared(constant, new double[] {0.1, 0.2, 0.1})).isEqualTo(0.0);
        assertThat(RegressionMetrics.rSquared(new double[] {5.0}, new double[] {5.0})).isEqualTo(1.0);
    }

    @Test
    void multiOutputByHand() {
        double[][] predicted = {{0.0, 2.0}, {-1.0, 2.0}, {8.0, -5.0}};
        double[][] actual = {{0.5, 1.0}, {-1.0, 1.0}, {7.0, -6.0}};
        // squared errors: 0.25, 1, 0, 1, 1, 1 → MSE = 4.25/6; absolute: 0.5, 1, 0, 1, 1, 1 → MAE = 4.5/6
        assertThat(RegressionMetrics.meanSquaredError(actual, predicted)).isCloseTo(4.25 / 6, within(1e-15));
        assertThat(RegressionMetrics.meanAbsoluteError(actual, predicted)).isEqualTo(0.75);
        // column 0: ȳ = 6.5/3, SS_tot = 36.1666…, SS_res = 1.25 → R² = 0.9654378
        // column 1: ȳ = −4/3,  SS_tot = 32.6666…, SS_res = 3    → R² = 0.9081633
        // mean = 0.9368005
        double r2 = RegressionMetrics.rSquared(actual, predicted);
        assertThat(r2).isCloseTo(((1 - 1.25 / (217.0 / 6)) + (1 - 3 / (98.0 / 3))) / 2, within(1e-15));
        assertThat(r2).isCloseTo(0.9368005, within(1e-7));
        assertThat(predicted[0]).containsExactly(0.0, 2.0);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> RegressionMetrics.meanSquaredError(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual has 1 values but predicted has 2");
        assertThatThrownBy(() -> RegressionMetrics.meanAbsoluteError(new double[0], new double[0]))
                .hasMessageContaining("actual is empty");
        assertThatThrownBy(() -> RegressionMetrics.rSquared(new double[] {Double.NaN}, new double[] {1}))
                .hasMessageContaining("actual[0] is NaN");
        assertThatThrownBy(() -> RegressionMetrics.meanSquaredError(new double[][] {{1}}, new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual has shape (1×1) but predicted has shape (1×2)");
        assertThatThrownBy(() -> RegressionMetrics.rSquared(new double[] {1}, null))
                .isInstanceOf(NullPointerException.class).hasMessage("predicted");
    }
}
