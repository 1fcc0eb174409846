package io.github.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The builder's promise that each setter checks its value at once, and the seed rule. */
class TrainingConfigTest {

    @Test
    void eachSetterRejectsABadValueAtOnceWithoutBuild() {
        TrainingConfig.Builder b = TrainingConfig.builder();
        assertThatThrownBy(() -> b.epochs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be at least 1, but was 0; try 100.");
        assertThatThrownBy(() -> b.batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be at least 1, but was 0; try 32.");
        assertThatThrownBy(() -> b.validationFraction(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("validationFraction must be in [0, 1), but was 1.0");
        assertThatThrownBy(() -> b.validationFraction(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.weightDecay(-1e-4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weightDecay must be finite and at least 0, but was -1.0E-4");
        assertThatThrownBy(() -> b.weightDecay(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxGradientNorm(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxGradientNorm must be positive, but was 0.0");
        assertThatThrownBy(() -> b.targetCost(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("targetCost must be finite and at least 0, but was -1.0");
        assertThatThrownBy(() -> b.learningRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.optimizer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.schedule(null)).isInstanceOf(NullPointerException.class);
        // The rejected values left the builder as it was: its defaults still build.
        assertThat(b.build()).isEqualTo(TrainingConfig.defaults());
    }

    @Test
    void theSeedIsTheNetworksUnlessTheConfigSetsOne() {
        Network net = Network.builder().input(1).dense(1, Activation.identity()).loss(Loss.mse()).seed(1234).build();
        TrainingConfig inherits = TrainingConfig.defaults();
        assertThat(inherits.seed()).isEmpty();
        assertThat(inherits.seedFor(net)).isEqualTo(1234);
        TrainingConfig own = TrainingConfig.builder().seed(9).build();
        assertThat(own.seed()).isEqualTo(OptionalLong.of(9));
        assertThat(own.seedFor(net)).isEqualTo(9);
        assertThat(own.toBuilder().build()).isEqualTo(own);
    }
}
