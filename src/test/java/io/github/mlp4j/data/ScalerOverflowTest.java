package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelWriter;
import io.github.mlp4j.io.Scaling;
import org.junit.jupiter.api.Test;

/** Scalers refuse data whose statistics overflow, instead of scaling to 0 or NaN (and saving what cannot load). */
class ScalerOverflowTest {

    @Test
    void standardScalerRefusesAnInfiniteScaleOrMean() {
        assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{-1e200, 0}, {1e200, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 0 of x cannot be standardised: its standard deviation overflows a double (mean 0.0,"
                        + " standard deviation Infinity), so the scaled column would be 0 or NaN. Divide the column by"
                        + " a large constant (such as 1e100) first, or drop it.");
        assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{1}, {1.7e308}, {1.7e308}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its mean overflows a double");
        StandardScaler fine = StandardScaler.fit(new double[][] {{-1e150}, {1e150}});
        assertThat(fine.scale()).containsExactly(1e150);
    }

    @Test
    void minMaxScalerRefusesARangeThatOverflows() {
        assertThatThrownBy(() -> MinMaxScaler.fit(new double[][] {{-1e308}, {1e308}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 0 spans [-1.0E308, 1.0E308], a range that overflows a double, so min-max scaling"
                        + " would give NaN. Divide the column by a large constant (such as 1e100) first, or drop it.");
        assertThatThrownBy(() -> MinMaxScaler.of(new double[] {-1e308}, new double[] {1e308}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows a double");
        assertThatThrownBy(() -> MinMaxScaler.fit(new double[][] {{0}, {1}}, -1e308, 1e308))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The target range must be finite");
        assertThat(MinMaxScaler.fit(new double[][] {{-1e307}, {1e307}}).transform(new double[] {0})).containsExactly(0.5);
    }

    @Test
    void aModelWithAFittedScalingAlwaysSavesAndLoads() throws Exception {
        Network net = Network.builder().input(2).dense(1, Activation.identity()).loss(Loss.mse()).build();
        double[][] x = {{-1e150, 0}, {1e150, 1}};
        Model model = Model.of(net).withScaling(Scaling.from(StandardScaler.fit(x)));
        assertThat(io.github.mlp4j.io.ModelReader.fromBytes(ModelWriter.toBytes(model)).scaling())
                .isEqualTo(model.scaling());
    }
}
