package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.data.MinMaxScaler;
import io.github.mlp4j.data.StandardScaler;
import org.junit.jupiter.api.Test;

class ScalingFromScalerTest {
    private static final double[][] X = {{1, 10}, {2, 30}, {4, 20}, {5, 40}};

    @Test
    void standardScalerGivesTheSameRowsBitForBit() {
        StandardScaler scaler = StandardScaler.fit(X);
        Scaling scaling = Scaling.from(scaler);
        assertThat(scaling.kind()).isEqualTo("standard");
        double[][] expected = scaler.transform(X);
        for (int i = 0; i < X.length; i++) {
            assertThat(scaling.apply(X[i])).containsExactly(expected[i]);
        }
    }

    @Test
    void minMaxScalerGivesTheSameRowsBitForBit() {
        MinMaxScaler scaler = MinMaxScaler.fit(X, -1, 1);
        Scaling scaling = Scaling.from(scaler);
        assertThat(scaling.kind()).isEqualTo("minmax");
        double[][] expected = scaler.transform(X);
        for (int i = 0; i < X.length; i++) {
            assertThat(scaling.apply(X[i])).containsExactly(expected[i]);
        }
        // x = 1 is the minimum of column 0 and maps to −1; 40 is the maximum of column 1 and maps to 1
        assertThat(scaling.apply(new double[] {1, 40})).containsExactly(-1.0, 1.0);
    }
}
