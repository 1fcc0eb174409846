package io.github.mlp4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void argmaxPicksTheLargestAndTheFirstOnTies() {
        double[][] scores = {{0.1, 0.7, 0.2}, {0.5, 0.2, 0.3}, {0.4, 0.1, 0.4}, {-3, -2, -1}};
        assertThat(Labels.argmax(scores)).containsExactly(1, 0, 0, 2);
        assertThat(Labels.argmax(new double[][] {{5.0}})).containsExactly(0);
    }

    @Test
    void thresholdSplitsAtOrAbove() {
        assertThat(Labels.threshold(new double[] {0.2, 0.5, 0.51, 0.49}, 0.5)).containsExactly(0, 1, 1, 0);
        assertThat(Labels.threshold(new double[] {-1.0, 0.0, 2.0}, 0.0)).containsExactly(0, 1, 1);
    }

    @Test
    void singleColumnAndTargets() {
        assertThat(Labels.singleColumn(new double[][] {{0.25}, {0.75}})).containsExactly(0.25, 0.75);
        assertThat(Labels.fromTargets(new double[][] {{1}, {0}, {1}})).containsExactly(1, 0, 1);
        assertThat(Labels.fromTargets(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}})).containsExactly(2, 0, 1);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Labels.singleColumn(new double[][] {{0.1, 0.9}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputs has 2 columns but one was expected");
        assertThatThrownBy(() -> Labels.fromTargets(new double[][] {{1}, {0.5}}))
                .hasMessageContaining("targets[1][0] is 0.5");
        assertThatThrownBy(() -> Labels.fromTargets(new double[][] {{0, 1, 0}, {1, 1, 0}}))
                .hasMessageContaining("Row 1 of targets is not one-hot")
                .hasMessageContaining("a single 1 and 2 zeros");
        assertThatThrownBy(() -> Labels.fromTargets(new double[][] {{0, 0}}))
                .hasMessageContaining("Row 0 of targets is not one-hot");
        assertThatThrownBy(() -> Labels.threshold(new double[] {0.5}, Double.NaN))
                .hasMessageContaining("threshold must be finite, but was NaN");
        assertThatThrownBy(() -> Labels.argmax(new double[][] {{0.5, Double.NaN}}))
                .hasMessageContaining("scores[0][1] is NaN");
    }
}
