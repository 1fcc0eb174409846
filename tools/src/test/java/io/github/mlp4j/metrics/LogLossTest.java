package io.github.mlp4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogLossTest {

    @Test
    void binaryByHand() {
        // −(ln 0.9 + ln(1 − 0.2) + ln(1 − 0.6)) / 3 = (0.1053605 + 0.2231436 + 0.9162907) / 3 = 0.4149316
        double loss = LogLoss.binary(new int[] {1, 0, 0}, new double[] {0.9, 0.2, 0.6});
        assertThat(loss).isCloseTo(0.4149316, within(1e-7));
        assertThat(loss).isCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3, within(1e-15));
    }

    @Test
    void binaryClampsCertainMistakes() {
        // p = 1 for a negative: 1 − p is clamped to 1 − (1 − 1e-15) ≈ 1e-15, so the loss is ≈ 34.54, not ∞
        double wrong = LogLoss.binary(new int[] {0}, new double[] {1.0});
        assertThat(wrong).isCloseTo(-Math.log(1 - (1 - 1e-15)), within(1e-12));
        assertThat(wrong).isCloseTo(34.54, within(0.01));
        // p = 0 for a positive: clamped to 1e-15, −ln 1e-15 = 34.5388
        assertThat(LogLoss.binary(new int[] {1}, new double[] {0.0})).isCloseTo(34.5387764, within(1e-6));
        // certain and right: −ln(1 − 1e-15) ≈ 1e-15
        assertThat(LogLoss.binary(new int[] {1, 0}, new double[] {1.0, 0.0})).isCloseTo(0, within(1e-14));
    }

    @Test
    void multiclassByHand() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}};
        // −(ln 0.7 + ln 0.8 + ln 0.3) / 3 = (0.3566749 + 0.2231436 + 1.2039728) / 3 = 0.5945971
        double loss = LogLoss.multiclass(new int[] {0, 1, 1}, p);
        assertThat(loss).isCloseTo(0.5945971, within(1e-7));
        // a uniform guess over k classes scores ln k
        assertThat(LogLoss.multiclass(new int[] {2}, new double[][] {{0.25, 0.25, 0.25, 0.25}}))
                .isCloseTo(Math.log(4), within(1e-15));
        // clamping: a zero probability for the true class costs −ln 1e-15
        assertThat(LogLoss.multiclass(new int[] {1}, new double[][] {{1.0, 0.0}}))
                .isCloseTo(34.5387764, within(1e-6));
    }

    @Test
    void twoColumnMulticlassEqualsBinary() {
        double[] p1 = {0.9, 0.3, 0.55};
        double[][] rows = {{0.1, 0.9}, {0.7, 0.3}, {0.45, 0.55}};
        int[] labels = {1, 1, 0};
        assertThat(LogLoss.multiclass(labels, rows)).isCloseTo(LogLoss.binary(labels, p1), within(1e-15));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> LogLoss.binary(new int[] {0, 1}, new double[] {0.5, 1.2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities[1] is 1.2 but probabilities must be in [0, 1]")
                .hasMessageContaining("not logits");
        assertThatThrownBy(() -> LogLoss.binary(new int[] {2}, new double[] {0.5}))
                .hasMessageContaining("labels[0] is 2; binary labels must be 0 (negative) or 1 (positive)");
        assertThatThrownBy(() -> LogLoss.binary(new int[] {1}, new double[] {0.5, 0.5}))
                .hasMessageContaining("probabilities has 2 values but labels has 1");
        assertThatThrownBy(() -> LogLoss.binary(new int[] {1}, new double[] {Double.NaN}))
                .hasMessageContaining("probabilities[0] is NaN");
        assertThatThrownBy(() -> LogLoss.multiclass(new int[] {0}, new double[][] {{0.5, 0.6}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Row 0 of probabilities sums to 1.1")
                .hasMessageContaining("summing to 1");
        assertThatThrownBy(() -> LogLoss.multiclass(new int[] {2}, new double[][] {{0.5, 0.5}}))
                .hasMessageContaining("labels[0] is 2 but there are 2 classes");
        assertThatThrownBy(() -> LogLoss.multiclass(new int[] {0, 0}, new double[][] {{0.5, 0.5}, {1.0}}))
                .hasMessageContaining("Row 1 of probabilities has 1 values but row 0 has 2");
        assertThatThrownBy(() -> LogLoss.multiclass(new int[] {0}, new double[][] {{1.5, -0.5}}))
                .hasMessageContaining("probabilities[0][0] is 1.5");
    }
}
