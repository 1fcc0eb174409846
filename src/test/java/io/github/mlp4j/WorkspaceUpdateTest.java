package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Network#update(Optimizer.State, Workspace, double, double, double)} and
 * {@link Workspace#gradientNorm()}: the gradient read in the layers' own arrays, with the bits of
 * the flat {@link Workspace#gradient()}.
 */
class WorkspaceUpdateTest {

    /**
     * Widths 6, 5 and 3 put rows at every offset mod 4, and a layer of the user's own (12
     * parameters in one array) sits between the dense ones; 10·6+6 + 12 + 6·5+5 + 5·3+3 = 131
     * parameters, so the norm's last three entries fall outside the groups of four.
     */
    private static Network build() {
        return Network.builder().input(10).dense(6, Activation.tanh()).layer(new UserLayersTest.Scale(6, 1.0))
                .dense(5, Activation.relu()).dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(21).build();
    }

    private static final List<Optimizer> OPTIMIZERS = List.of(Optimizer.sgd(), Optimizer.momentum(0.9),
            Optimizer.nesterov(0.9), Optimizer.rmsProp(), Optimizer.adam(), Optimizer.adamW(0.01));

    @Test
    void theNormOfTheLayersArraysHasTheBitsOfTheNormOfTheFlatGradient() {
        Network net = build();
        assertThat(net.parameterCount()).isEqualTo(131);
        Rng rng = new Rng(3);
        Workspace w = net.workspace(16);
        for (int s = 0; s < 300; s++) {
            double[][] x = TestData.uniform(rng, 16, 10, -50, 50);           // entries of many sizes: rounding shows
            double[][] y = TestData.oneHot(rng, 16, 3);
            net.computeGradient(x, y, 16, w);
            double norm = w.gradientNorm();
            assertThat(norm).isPositive().isEqualTo(Gradients.norm(w.gradient()));
        }
    }

    @Test
    void theQuickTestSaysBelowOnlyWhenTheExactNormIsBelowByMoreThanRounding() {
        Network net = build();
        Rng rng = new Rng(13);
        Workspace w = net.workspace(16);
        for (int s = 0; s < 50; s++) {
            net.computeGradient(TestData.uniform(rng, 16, 10, -20, 20), TestData.oneHot(rng, 16, 3), 16, w);
            double norm = w.gradientNorm();
            assertThat(w.gradientNormBelow(norm * 1.00001)).isTrue();
            assertThat(w.gradientNormBelow(2 * norm)).isTrue();
            assertThat(w.gradientNormBelow(norm * (1 + 1e-7))).as("within the margin").isFalse();
            assertThat(w.gradientNormBelow(norm)).isFalse();
            assertThat(w.gradientNormBelow(norm * 0.5)).isFalse();
        }
        assertThat(w.gradientNormBelow(1e-120)).as("a square below the normal range").isFalse();
        assertThat(w.gradientNormBelow(1e120)).as("a square that overflows").isFalse();
        net.computeGradient(new double[][] {{Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0}}, new double[][] {{1, 0, 0}}, 1, w);
        assertThat(w.gradientNormBelow(1e50)).isFalse();
    }

    @Test
    void theNormIsNaNOrInfiniteAsTheFlatNormIs() {
        Network net = Network.builder().input(3).dense(2, Activation.identity()).loss(Loss.mse()).seed(1).build();
        Workspace w = net.workspace(1);
        double[][] x = {{1e100, 0, 0}};
        net.computeGradient(x, new double[][] {{0, 0}}, 1, w);               // entries near 1e200: squares overflow
        assertThat(w.gradientNorm()).isEqualTo(Gradients.norm(w.gradient())).isFinite().isGreaterThan(1e160);
        net.computeGradient(new double[][] {{Double.NaN, 0, 0}}, new double[][] {{0, 0}}, 1, w);
        assertThat(w.gradientNorm()).isNaN();
    }

    @Test
    void everyBuiltInOptimizerTakesTheStepsOfTheFlatUpdateBitForBit() {
        Rng rng = new Rng(5);
        double[][] x = TestData.uniform(rng, 32, 10, -3, 3);
        double[][] y = TestData.oneHot(rng, 32, 3);
        double[][] scaleAndDecay = {{0.3, 1e-3}, {1.0, 0.0}};
        for (Optimizer optimizer : OPTIMIZERS) {
            for (double[] sd : scaleAndDecay) {
                Network flat = build();
                Network rows = build();
                Optimizer.State a = optimizer.start(flat.parameterCount());
                Optimizer.State b = optimizer.start(rows.parameterCount());
                Workspace wa = flat.workspace(32);
                Workspace wb = rows.workspace(32);
                for (int step = 0; step < 20; step++) {
                    flat.computeGradient(x, y, 32, wa);
                    assertThat(flat.update(a, wa.gradient(), 0.01, sd[1], sd[0])).isTrue();
                    rows.computeGradient(x, y, 32, wb);
                    assertThat(rows.update(b, wb, 0.01, sd[1], sd[0])).isTrue();
                }
                String what = optimizer.name() + ", s = " + sd[0] + ", λ = " + sd[1];
                assertThat(rows.parameters()).as(what).containsExactly(flat.parameters());
                assertThat(b.steps()).isEqualTo(20);
                Optimizer.Snapshot sa = a.snapshot();
                Optimizer.Snapshot sb = b.snapshot();                        // buffers back in θ's order
                for (int k = 0; k < sa.bufferCount(); k++) {
                    assertThat(sb.buffers()[k]).as(what).containsExactly(sa.buffers()[k]);
                }
            }
        }
    }

    @Test
    void aStateShapedByTheNetworkStillTakesFlatUpdatesWithTheSameBits() {
        Rng rng = new Rng(6);
        double[][] x = TestData.uniform(rng, 32, 10, -3, 3);
        double[][] y = TestData.oneHot(rng, 32, 3);
        Network flat = build();
        Network mixed = build();
        Optimizer.State a = Optimizer.adam().start(flat.parameterCount());
        Optimizer.State b = Optimizer.adam().start(mixed.parameterCount());
        Workspace wa = flat.workspace(32);
        Workspace wb = mixed.workspace(32);
        for (int step = 0; step < 10; step++) {
            flat.computeGradient(x, y, 32, wa);
            flat.update(a, wa.gradient(), 0.01, 1e-3, 0.5);
            mixed.computeGradient(x, y, 32, wb);
            if (step % 2 == 0) {
                mixed.update(b, wb, 0.01, 1e-3, 0.5);                        // shapes b like the network
            } else {
                mixed.update(b, wb.gradient(), 0.01, 1e-3, 0.5);             // the flat path, segment by segment
            }
        }
        assertThat(mixed.parameters()).containsExactly(flat.parameters());
        assertThat(b.snapshot().buffers()[1]).containsExactly(a.snapshot().buffers()[1]);
    }

    @Test
    void theUpdateLeavesTheGradientAloneAndAnArrayKeptFromGradientStaysCurrent() {
        Rng rng = new Rng(7);
        Network net = build();
        Workspace w = net.workspace(8);
        Optimizer.State adam = Optimizer.adam().start(net.parameterCount());
        double[][] x = TestData.uniform(rng, 8, 10, -1, 1);
        double[][] y = TestData.oneHot(rng, 8, 3);
        double[] kept = w.gradient();                                        // asked for before the first gradient
        for (int step = 0; step < 3; step++) {
            net.computeGradient(x, y, 8, w);
            double[] expected = net.gradient(x, y);                          // no stochastic layers: the same gradient
            assertThat(kept).containsExactly(expected);
            assertThat(net.update(adam, w, 0.1, 0.0, 1.0)).isTrue();
            assertThat(kept).containsExactly(expected);                      // not modified by the update
            assertThat(w.gradient()).isSameAs(kept);
        }
    }

    @Test
    void aStepThatWouldMakeAParameterInfiniteIsRefusedAndChangesNothing() {
        Network net = Network.builder().input(3).dense(2, Activation.identity()).loss(Loss.mse()).seed(2).build();
        Workspace w = net.workspace(1);
        Optimizer.State sgd = Optimizer.sgd().start(net.parameterCount());
        double[] before = net.parameters();
        net.computeGradient(new double[][] {{1, 2, 3}}, new double[][] {{1e300, -1e300}}, 1, w);
        assertThat(w.gradientNorm()).isFinite();
        assertThat(net.update(sgd, w, 1e10, 0.0, 1.0)).isFalse();           // θ − ε·g overflows
        assertThat(net.parameters()).containsExactly(before);
        assertThat(java.util.Arrays.stream(net.predict(new double[] {1, 2, 3})).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void aWorkspaceOfAnotherNetworkOrAStateOfAnotherSizeIsRefused() {
        Network net = build();
        Network other = build();
        Workspace w = other.workspace(4);
        Optimizer.State adam = Optimizer.adam().start(net.parameterCount());
        assertThatThrownBy(() -> net.update(adam, w, 0.01, 0.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another network");
        Optimizer.State small = Optimizer.adam().start(3);
        assertThatThrownBy(() -> net.update(small, net.workspace(4), 0.01, 0.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("131");
        assertThatThrownBy(() -> net.update(adam, net.workspace(4), 0.0, 0.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
    }
}
