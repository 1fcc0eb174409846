package io.github.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.optim.Optimizer;
import org.junit.jupiter.api.Test;

class LocalUpdateTest {

    @Test
    void theGradientIsNotModifiedAndTheUpdateUsesGPlusLambdaTheta() {
        Optimizer.State state = new LocalUpdate(Optimizer.sgd().start(2), 0.1);
        double[] theta = {1.0, 2.0};
        double[] gradient = {0.5, -1.0};
        state.update(theta, gradient, 0.1);
        assertThat(gradient).containsExactly(0.5, -1.0);                    // not modified, as Optimizer.State says
        // θ ← θ − ε·(g + λθ): 1 − 0.1·(0.5 + 0.1·1) = 0.94 and 2 − 0.1·(−1 + 0.1·2) = 2.08
        assertThat(theta[0]).isCloseTo(0.94, within(1e-15));
        assertThat(theta[1]).isCloseTo(2.08, within(1e-15));
        state.update(theta, gradient, 0.1);                                 // the second step reuses the buffer
        assertThat(gradient).containsExactly(0.5, -1.0);
        // 0.94 − 0.1·(0.5 + 0.094) = 0.8806 and 2.08 − 0.1·(−1 + 0.208) = 2.1592
        assertThat(theta[0]).isCloseTo(0.8806, within(1e-15));
        assertThat(theta[1]).isCloseTo(2.1592, within(1e-15));
        assertThat(state.steps()).isEqualTo(2);
    }

    @Test
    void withoutWeightDecayTheGradientGoesStraightThrough() {
        Optimizer.State state = new LocalUpdate(Optimizer.sgd().start(1), 0.0);
        double[] theta = {1.0};
        double[] gradient = {0.5};
        state.update(theta, gradient, 0.1);
        assertThat(theta).containsExactly(1.0 - 0.1 * 0.5);
        assertThat(gradient).containsExactly(0.5);
    }

    @Test
    void aGradientOfTheWrongLengthIsRefused() {
        Optimizer.State state = new LocalUpdate(Optimizer.sgd().start(2), 0.1);
        assertThatThrownBy(() -> state.update(new double[2], new double[3], 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("started for 2 parameters");
    }
}
