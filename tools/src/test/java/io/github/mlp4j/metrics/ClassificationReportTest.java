package io.github.mlp4j.metrics;

import static io.github.mlp4j.metrics.ConfusionMatrixTest.ACTUAL;
import static io.github.mlp4j.metrics.ConfusionMatrixTest.NAMES;
import static io.github.mlp4j.metrics.ConfusionMatrixTest.PREDICTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    // From the matrix in ConfusionMatrixTest: rows {3,1,0}, {1,2,0}, {0,2,1}; columns sum to 4, 5, 1.
    //          precision = TP/col   recall = TP/row   F1 = 2TP/(col + row)
    //   cat    3/4 = 0.75           3/4 = 0.75         6/8 = 0.75
    //   dog    2/5 = 0.4            2/3 = 0.666…       4/8 = 0.5   (= 2·0.4·⅔/(0.4 + ⅔))
    //   bird   1/1 = 1              1/3 = 0.333…       2/4 = 0.5
    //   macro  2.15/3 = 0.71666…    1.75/3 = 0.58333…  1.75/3 = 0.58333…
    @Test
    void perClassAndMacroValuesWorkedOnPaper() {
        ClassificationReport r = ConfusionMatrix.of(ACTUAL, PREDICTED, NAMES).report();
        assertThat(r.classCount()).isEqualTo(3);
        assertThat(r.precision(0)).isEqualTo(0.75);
        assertThat(r.precision(1)).isCloseTo(0.4, within(1e-15));
        assertThat(r.precision(2)).isEqualTo(1.0);
        assertThat(r.recall(0)).isEqualTo(0.75);
        assertThat(r.recall(1)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r.recall(2)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(r.f1(0)).isEqualTo(0.75);
        assertThat(r.f1(1)).isEqualTo(0.5);
        assertThat(r.f1(2)).isEqualTo(0.5);
        assertThat(r.support(0)).isEqualTo(4);
        assertThat(r.support(1)).isEqualTo(3);
        assertThat(r.macroPrecision()).isCloseTo(2.15 / 3, within(1e-15));
        assertThat(r.macroRecall()).isCloseTo(1.75 / 3, within(1e-15));
        assertThat(r.macroF1()).isCloseTo(1.75 / 3, within(1e-15));
        assertThat(r.accuracy()).isEqualTo(0.6);
    }

    @Test
    void zeroOverZeroIsZero() {
        // class 2 is never predicted and class 3 never occurs nor is predicted
        ClassificationReport r = ClassificationReport.of(new int[] {0, 1, 2}, new int[] {0, 1, 1}, 4);
        assertThat(r.precision(2)).as("never predicted: 0/0").isZero();
        assertThat(r.recall(2)).as("predicted wrongly: 0/1").isZero();
        assertThat(r.f1(2)).isZero();
        assertThat(r.precision(3)).isZero();
        assertThat(r.recall(3)).isZero();
        assertThat(r.f1(3)).isZero();
        assertThat(r.support(3)).isZero();
        // precision: 1, 1/2, 0, 0; recall: 1, 1, 0, 0; F1: 1, 2/3, 0, 0 — macro over all 4 classes
        assertThat(r.macroPrecision()).isEqualTo(1.5 / 4);
        assertThat(r.macroRecall()).isEqualTo(0.5);
        assertThat(r.macroF1()).isCloseTo((1 + 2.0 / 3) / 4, within(1e-15));
    }

    @Test
    void printsATable() {
        ClassificationReport r = ClassificationReport.from(ConfusionMatrix.of(ACTUAL, PREDICTED, NAMES));
        String n = System.lineSeparator();
        assertThat(r.toString()).isEqualTo(
                "class          precision  recall  f1-score  support" + n
                + "cat               0.7500  0.7500    0.7500        4" + n
                + "dog               0.4000  0.6667    0.5000        3" + n
                + "bird              1.0000  0.3333    0.5000        3" + n
                + n
                + "accuracy                            0.6000       10" + n
                + "macro average     0.7167  0.5833    0.5833       10" + n);
    }

    @Test
    void rejectsBadInput() {
        ClassificationReport r = ClassificationReport.of(ACTUAL, PREDICTED, 3);
        assertThatThrownBy(() -> r.f1(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c is 3 but this report has 3 classes; pass a class in [0, 2]");
        assertThatThrownBy(() -> ClassificationReport.of(new int[] {0}, new int[] {5}, 3))
                .hasMessageContaining("predicted[0] is 5");
        assertThatThrownBy(() -> ClassificationReport.from(null))
                .isInstanceOf(NullPointerException.class).hasMessage("matrix");
    }
}
