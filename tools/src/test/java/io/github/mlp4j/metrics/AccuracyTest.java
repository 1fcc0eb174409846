package io.github.mlp4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void countsMatchingLabels() {
        // 3 of 4 match: 0.75
        assertThat(Accuracy.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 1})).isEqualTo(0.75);
        assertThat(Accuracy.of(new int[] {1}, new int[] {1})).isEqualTo(1.0);
        assertThat(Accuracy.of(new int[] {1, 1}, new int[] {0, 0})).isEqualTo(0.0);
    }

    @Test
    void leavesItsArgumentsAlone() {
        int[] predicted = {0, 1};
        int[] actual = {1, 1};
        assertThat(Accuracy.of(actual, predicted)).isEqualTo(0.5);
        assertThat(predicted).containsExactly(0, 1);
        assertThat(actual).containsExactly(1, 1);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Accuracy.of(new int[] {0, 1, 1}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual has 3 values but predicted has 2");
        assertThatThrownBy(() -> Accuracy.of(new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual is empty");
        assertThatThrownBy(() -> Accuracy.of(new int[] {0, 1}, new int[] {0, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predicted[1] is -1")
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> Accuracy.of(new int[] {0}, null))
                .isInstanceOf(NullPointerException.class).hasMessage("predicted");
    }
}
