package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;
import org.junit.jupiter.api.Test;

/** {@link Network#update(Optimizer.State, double[], double, double, double)}: clipping and decay in one pass. */
class UpdateScaleTest {

    private static Network build() {
        return Network.builder().input(10).dense(16, Activation.relu()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(9).build();
    }

    @Test
    void aScaledUpdateHasTheBitsOfClippingTheGradientFirstAndLeavesTheGradientAlone() {
        Rng rng = new Rng(4);
        double[][] x = TestData.uniform(rng, 64, 10, -3, 3);
        double[][] y = TestData.oneHot(rng, 64, 3);
        Network first = build();
        Network fused = build();
        Optimizer.State a = Optimizer.adam().start(first.parameterCount());
        Optimizer.State b = Optimizer.adam().start(fused.parameterCount());
        Workspace wa = first.workspace(64);
        Workspace wb = fused.workspace(64);
        double maxNorm = 0.05;                                               // small enough to clip every step
        for (int s = 0; s < 50; s++) {
            first.computeGradient(x, y, 64, wa);
            Gradients.clipByNorm(wa.gradient(), maxNorm);                    // g ← g·maxNorm/‖g‖, in place
            first.update(a, wa.gradient(), 0.01, 1e-3, 1.0);

            fused.computeGradient(x, y, 64, wb);
            double[] before = wb.gradient().clone();
            double scale = maxNorm / Gradients.norm(wb.gradient());
            assertThat(scale).isLessThan(1.0);
            fused.update(b, wb.gradient(), 0.01, 1e-3, scale);
            assertThat(wb.gradient()).containsExactly(before);               // not modified
        }
        assertThat(fused.parameters()).containsExactly(first.parameters());
        assertThatThrownBy(() -> fused.update(b, wb.gradient(), 0.01, 0.0, 0.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradientScale");
    }
}
