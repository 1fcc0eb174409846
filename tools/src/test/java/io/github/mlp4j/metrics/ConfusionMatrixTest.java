package io.github.mlp4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    // Worked on paper (rows = actual, columns = predicted):
    //            cat  dog  bird   | row sum (support)
    //   cat        3    1     0   | 4
    //   dog        1    2     0   | 3
    //   bird       0    2     1   | 3
    //   col sum    4    5     1   | total 10, diagonal 3 + 2 + 1 = 6
    static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PREDICTED = {0, 0, 0, 1, 0, 1, 1, 1, 1, 2};
    static final List<String> NAMES = List.of("cat", "dog", "bird");

    @Test
    void countsAThreeClassExampleWorkedOnPaper() {
        ConfusionMatrix m = ConfusionMatrix.of(ACTUAL, PREDICTED, NAMES);
        assertThat(m.toArray()).isDeepEqualTo(new int[][] {{3, 1, 0}, {1, 2, 0}, {0, 2, 1}});
        assertThat(m.classCount()).isEqualTo(3);
        assertThat(m.count(0, 1)).as("actual cat predicted dog").isEqualTo(1);
        assertThat(m.count(2, 1)).as("actual bird predicted dog").isEqualTo(2);
        assertThat(m.count(1, 2)).isZero();
        assertThat(m.total()).isEqualTo(10);
        assertThat(m.correct()).isEqualTo(6);
        assertThat(m.accuracy()).isEqualTo(0.6);
        assertThat(m.actualCount(0)).isEqualTo(4);
        assertThat(m.actualCount(2)).isEqualTo(3);
        assertThat(m.predictedCount(1)).isEqualTo(5);
        assertThat(m.predictedCount(2)).isEqualTo(1);
        assertThat(m.className(2)).isEqualTo("bird");
        assertThat(m.classNames()).containsExactly("cat", "dog", "bird");
    }

    @Test
    void takesTheTruthFirstAsScikitLearnDoes() {
        int[] actual = {0, 0, 1};
        int[] predicted = {0, 1, 1};
        ConfusionMatrix m = ConfusionMatrix.of(actual, predicted, 2);
        assertThat(m.count(0, 1)).as("one sample of class 0 predicted as 1").isEqualTo(1);
        assertThat(m.count(1, 0)).isZero();
        assertThat(ClassificationReport.of(actual, predicted, 2).recall(0)).isEqualTo(0.5);
        assertThat(ClassificationReport.of(actual, predicted, 2).precision(0)).isEqualTo(1.0);
    }

    @Test
    void printsAnAlignedTable() {
        ConfusionMatrix m = ConfusionMatrix.of(ACTUAL, PREDICTED, NAMES);
        String n = System.lineSeparator();
        assertThat(m.toString()).isEqualTo(
                "actual \\ predicted  cat  dog  bird" + n
                + "cat                   3    1     0" + n
                + "dog                   1    2     0" + n
                + "bird                  0    2     1" + n);
    }

    @Test
    void namesClassesByNumberWhenNoNamesAreGiven() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {1, 1}, 3);
        assertThat(m.classNames()).containsExactly("0", "1", "2");
        assertThat(m.toArray()).isDeepEqualTo(new int[][] {{0, 1, 0}, {0, 1, 0}, {0, 0, 0}});
        assertThat(ConfusionMatrix.of(new int[] {0, 1}, new int[] {1, 1}).classCount())
                .as("inferred from the largest label").isEqualTo(2);
    }

    @Test
    void isAValueAndCopiesItsCounts() {
        ConfusionMatrix a = ConfusionMatrix.of(ACTUAL, PREDICTED, NAMES);
        ConfusionMatrix b = ConfusionMatrix.of(ACTUAL.clone(), PREDICTED.clone(), NAMES);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ConfusionMatrix.of(ACTUAL, PREDICTED, 3));
        int[][] copy = a.toArray();
        copy[0][0] = 99;
        assertThat(a.count(0, 0)).isEqualTo(3);
        assertThat(PREDICTED).containsExactly(0, 0, 0, 1, 0, 1, 1, 1, 1, 2);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predicted[1] is 3 but there are 3 classes, so labels must be in [0, 2]");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 2}, new int[] {0, 1}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual[1] is 2 but there are 2 classes");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2))
                .hasMessageContaining("actual has 2 values but predicted has 1");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[0], new int[0], 2))
                .hasMessageContaining("actual is empty");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0))
                .hasMessageContaining("classCount must be at least 1, but was 0");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of()))
                .hasMessageContaining("classNames is empty");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class).hasMessage("classNames[1] is null");
        ConfusionMatrix m = ConfusionMatrix.of(ACTUAL, PREDICTED, NAMES);
        assertThatThrownBy(() -> m.count(3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actual is 3 but this matrix has 3 classes");
        assertThatThrownBy(() -> m.predictedCount(-1)).hasMessageContaining("c is -1");
    }
}
