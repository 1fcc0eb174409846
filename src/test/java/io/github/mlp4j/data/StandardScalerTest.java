package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardScalerTest {
    // column 0: 1, 3, 5 → mean 3, variance (4 + 0 + 4)/3 = 8/3
    // column 1: 2, 2, 2 → mean 2, variance 0 → scale 1
    private static final double[][] X = {{1, 2}, {3, 2}, {5, 2}};

    @Test
    void fitsMeanAndPopulationStandardDeviation() {
        StandardScaler s = StandardScaler.fit(X);
        assertThat(s.mean()).containsExactly(3, 2);
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(8.0 / 3), within(1e-15));
        assertThat(s.scale()[1]).isEqualTo(1.0);
    }

    @Test
    void transformsToMeanZeroAndLeavesAConstantColumnCentred() {
        double[][] z = StandardScaler.fit(X).transform(X);
        double sd = Math.sqrt(8.0 / 3);                       // ≈ 1.632993
        assertThat(z[0][0]).isCloseTo(-2 / sd, within(1e-15));
        assertThat(z[1][0]).isEqualTo(0.0);
        assertThat(z[2][0]).isCloseTo(2 / sd, within(1e-15));
        assertThat(new double[] {z[0][1], z[1][1], z[2][1]}).containsExactly(0, 0, 0);
    }

    @Test
    void inverseUndoesTransformAndInputIsNotModified() {
        double[][] x = {{1.5, -20}, {2.5, 40}, {-7, 0.125}};
        StandardScaler s = StandardScaler.fit(x);
        double[][] back = s.inverseTransform(s.transform(x));
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(back[i][j]).isCloseTo(x[i][j], within(1e-12));
            }
        }
        assertThat(x).isEqualTo(new double[][] {{1.5, -20}, {2.5, 40}, {-7, 0.125}});
    }

    @Test
    void rebuildsFromSavedStatistics() {
        StandardScaler fitted = StandardScaler.fit(X);
        StandardScaler rebuilt = StandardScaler.of(fitted.mean(), fitted.scale());
        assertThat(rebuilt).isEqualTo(fitted);
        assertThat(rebuilt.transform(new double[] {4, 3})).isEqualTo(fitted.transform(new double[] {4, 3}));
    }

    @Test
    void transformsADatasetKeepingItsTargets() {
        Dataset d = Dataset.of(X, new double[][] {{0}, {1}, {1}});
        Dataset z = StandardScaler.fit(d.x()).transform(d);
        assertThat(z.x(1)).containsExactly(0, 0);
        assertThat(z.y()).isEqualTo(d.y());
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> StandardScaler.of(new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale[0] must be positive and finite, but was 0.0");
        assertThatThrownBy(() -> StandardScaler.fit(X).transform(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row has 1 values but the scaler was fitted on 2 columns");
        assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{Double.POSITIVE_INFINITY}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[0][0] is Infinity");
    }
}
