package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
    // column 0: min 1, max 5; column 1: min -2, max 2; column 2: constant 7
    private static final double[][] X = {{1, -2, 7}, {3, 0, 7}, {5, 2, 7}};

    @Test
    void fitsMinimaAndMaximaAndMapsOntoZeroOne() {
        MinMaxScaler s = MinMaxScaler.fit(X);
        assertThat(s.min()).containsExactly(1, -2, 7);
        assertThat(s.max()).containsExactly(5, 2, 7);
        assertThat(s.lower()).isEqualTo(0.0);
        assertThat(s.upper()).isEqualTo(1.0);
        // (3 − 1) / (5 − 1) = 0.5; (0 + 2) / 4 = 0.5; the constant column maps to lower = 0
        assertThat(s.transform(X)).isEqualTo(new double[][] {{0, 0, 0}, {0.5, 0.5, 0}, {1, 1, 0}});
    }

    @Test
    void mapsOntoMinusOneOneAndBack() {
        MinMaxScaler s = MinMaxScaler.fit(X, -1, 1);
        double[][] scaled = s.transform(new double[][] {{2, 1, 7}, {7, -4, 8}});
        // −1 + (2 − 1)/4 · 2 = −0.5; −1 + (1 + 2)/4 · 2 = 0.5
        // outside the fitted range: −1 + (7 − 1)/4 · 2 = 2; −1 + (−4 + 2)/4 · 2 = −2 (not clipped)
        assertThat(scaled[0]).containsExactly(-0.5, 0.5, -1);
        assertThat(scaled[1]).containsExactly(2, -2, -1);
        double[][] back = s.inverseTransform(scaled);
        assertThat(back[0][0]).isCloseTo(2, within(1e-15));
        assertThat(back[0][1]).isCloseTo(1, within(1e-15));
        assertThat(back[0][2]).isEqualTo(7);                 // a constant column comes back as its min
        assertThat(s.transform(new double[] {5, 2, 7})).containsExactly(1, 1, -1);
    }

    @Test
    void doesNotModifyItsInput() {
        double[][] x = {{1, 2}, {3, 4}};
        MinMaxScaler.fit(x).transform(x);
        assertThat(x).isEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void rebuildsFromSavedStatistics() {
        MinMaxScaler fitted = MinMaxScaler.fit(X, -1, 1);
        MinMaxScaler rebuilt = MinMaxScaler.of(fitted.min(), fitted.max(), fitted.lower(), fitted.upper());
        assertThat(rebuilt).isEqualTo(fitted);
        assertThat(rebuilt.transform(X)).isEqualTo(fitted.transform(X));
    }

    @Test
    void rejectsBadArguments() {
        MinMaxScaler s = MinMaxScaler.fit(X);
        assertThatThrownBy(() -> s.transform(new double[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 2 columns but the scaler was fitted on 3");
        assertThatThrownBy(() -> MinMaxScaler.fit(X, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower < upper, but was [1.0, 1.0]");
        assertThatThrownBy(() -> MinMaxScaler.of(new double[] {2}, new double[] {1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max[0] = 1.0 is below min[0] = 2.0");
        assertThatThrownBy(() -> MinMaxScaler.of(new double[] {0, 0}, new double[] {1}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min has 2 values but max has 1");
    }
}
