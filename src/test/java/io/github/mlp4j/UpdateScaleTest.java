package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;
import java.util.List;
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

    @Test
    void everyBuiltInOptimizerStepsOnTheScaledAndDecayedGradientBitForBit() {
        Rng rng = new Rng(5);
        double[][] x = TestData.uniform(rng, 32, 10, -3, 3);
        double[][] y = TestData.oneHot(rng, 32, 3);
        List<Optimizer> optimizers = List.of(Optimizer.sgd(), Optimizer.momentum(0.9), Optimizer.nesterov(0.9),
                Optimizer.rmsProp(), Optimizer.adam(), Optimizer.adamW(0.01));
        double[][] scaleAndDecay = {{0.3, 1e-3}, {0.3, 0.0}, {1.0, 1e-3}, {1.0, 0.0}};
        for (Optimizer optimizer : optimizers) {
            for (double[] sd : scaleAndDecay) {
                double s = sd[0];
                double lambda = sd[1];
                Network net = build();
                Optimizer.State state = optimizer.start(net.parameterCount());
                double[] theta = net.parameters();                           // the same steps, by hand
                Optimizer.State byHand = optimizer.start(net.parameterCount());
                Workspace w = net.workspace(32);
                for (int step = 0; step < 20; step++) {
                    net.computeGradient(x, y, 32, w);
                    double[] g = w.gradient();
                    double[] followed = new double[g.length];
                    for (int p = 0; p < g.length; p++) {
                        followed[p] = lambda == 0 ? g[p] * s : g[p] * s + lambda * theta[p];
                    }
                    byHand.update(theta, followed, 0.01);
                    assertThat(net.update(state, g, 0.01, lambda, s)).isTrue();
                }
                assertThat(net.parameters()).as("%s, s = %s, λ = %s", optimizer.name(), s, lambda)
                        .containsExactly(theta);
            }
        }
    }

    @Test
    void anOptimizerOfYourOwnGetsTheScaledAndDecayedGradientInABufferAndItsOwnGradientIsLeftAlone() {
        Rng rng = new Rng(6);
        double[][] x = TestData.uniform(rng, 32, 10, -3, 3);
        double[][] y = TestData.oneHot(rng, 32, 3);
        Network builtIn = build();
        Network own = build();
        Optimizer.State a = Optimizer.adam().start(builtIn.parameterCount());
        Optimizer.State inner = Optimizer.adam().start(own.parameterCount());
        Optimizer.State b = new Optimizer.State() {                          // not a ScaledUpdate: the buffer path
            @Override
            public void update(double[] theta, double[] gradient, double learningRate) {
                inner.update(theta, gradient, learningRate);
            }

            @Override
            public long steps() {
                return inner.steps();
            }

            @Override
            public int parameterCount() {
                return inner.parameterCount();
            }
        };
        Workspace wa = builtIn.workspace(32);
        Workspace wb = own.workspace(32);
        for (int step = 0; step < 20; step++) {
            builtIn.computeGradient(x, y, 32, wa);
            builtIn.update(a, wa.gradient(), 0.01, 1e-3, 0.5);
            own.computeGradient(x, y, 32, wb);
            double[] before = wb.gradient().clone();
            own.update(b, wb.gradient(), 0.01, 1e-3, 0.5);
            assertThat(wb.gradient()).containsExactly(before);
        }
        assertThat(own.parameters()).containsExactly(builtIn.parameters());
    }
}
