package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final double[][] X = {{1, 2}, {3, 4}, {5, 6}};
    private static final double[][] Y = {{1, 0}, {0, 1}, {0, 1}};

    @Test
    void reportsShapesAndClassNames() {
        Dataset d = Dataset.of(X, Y, List.of("no", "yes"));
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.inputSize()).isEqualTo(2);
        assertThat(d.outputSize()).isEqualTo(2);
        assertThat(d.classNames()).containsExactly("no", "yes");
        assertThat(d.labels()).containsExactly(0, 1, 1);
        assertThat(d).hasToString("Dataset[3 rows, 2 inputs, 2 outputs, classes [no, yes]]");
    }

    @Test
    void copiesOnTheWayInAndOut() {
        double[][] x = {{1, 2}, {3, 4}};
        double[][] y = {{0}, {1}};
        Dataset d = Dataset.of(x, y);
        x[0][0] = 99;                                      // the caller's array changes ...
        d.x()[1][1] = 99;                                  // ... and so does a returned copy
        d.x(0)[0] = 99;
        d.y()[0][0] = 99;
        assertThat(d.x()).isEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(d.y()).isEqualTo(new double[][] {{0}, {1}});
    }

    @Test
    void rowsSelectsInTheGivenOrderAndMayRepeat() {
        Dataset d = Dataset.of(X, Y).rows(new int[] {2, 0, 2});
        assertThat(d.x()).isEqualTo(new double[][] {{5, 6}, {1, 2}, {5, 6}});
        assertThat(d.y()).isEqualTo(new double[][] {{0, 1}, {1, 0}, {0, 1}});
        assertThatThrownBy(() -> Dataset.of(X, Y).rows(new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indices[1] is 3 but the data set has 3 rows");
        assertThatThrownBy(() -> Dataset.of(X, Y).rows(new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indices is empty");
    }

    @Test
    void rejectsBadArrays() {
        assertThatThrownBy(() -> Dataset.of(X, new double[][] {{1}, {0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 3 rows but y has 2");
        assertThatThrownBy(() -> Dataset.of(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Row 1 of x has 1 values but row 0 has 2");
        assertThatThrownBy(() -> Dataset.of(new double[][] {{Double.NaN}}, new double[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[0][0] is NaN");
        assertThatThrownBy(() -> Dataset.of(new double[0][], new double[0][]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has no rows");
        assertThatThrownBy(() -> Dataset.of(X, Y, List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y has 2 one-hot columns but 3 class names were given");
        assertThatThrownBy(() -> Dataset.of(X, Y, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("classNames");
    }

    @Test
    void labelsOfABinaryColumnAndOfARegressionTarget() {
        assertThat(Dataset.of(X, new double[][] {{1}, {0}, {1}}).labels()).containsExactly(1, 0, 1);
        assertThatThrownBy(() -> Dataset.of(X, new double[][] {{1}, {0.5}, {1}}).labels())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("y[1][0] is 0.5");
    }

    @Test
    void withXKeepsTargetsAndClassNames() {
        Dataset d = Dataset.of(X, Y, List.of("no", "yes")).withX(new double[][] {{0}, {1}, {2}});
        assertThat(d.inputSize()).isEqualTo(1);
        assertThat(d.y()).isEqualTo(Y);
        assertThat(d.classNames()).containsExactly("no", "yes");
    }
}
