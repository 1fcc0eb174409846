package io.github.mlp4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import io.github.mlp4j.GradientCheck;
import io.github.mlp4j.Loss;
import io.github.mlp4j.TestData;
import io.github.mlp4j.internal.Rng;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static double[][] apply(Activation f, double[][] z) {
        double[][] a = new double[z.length][z[0].length];
        f.forward(z, a, 0, z.length, z[0].length);
        return a;
    }

    @Test
    void mseIsTheMeanOverRowsAndOutputsWithoutAHalf() {
        // ŷ − y = [[1, −2], [0, 3]]: squares 1, 4, 0, 9; mean over 4 entries = 14/4 = 3.5
        double[][] yHat = {{1, 0}, {2, 5}};
        double[][] y = {{0, 2}, {2, 2}};
        assertThat(Loss.mse().cost(yHat, yHat, y, 2, 2)).isEqualTo(3.5);
        double[][] g = new double[2][2];
        Loss.mse().gradient(yHat, y, 2, 2, g);
        // ∂C/∂ŷ = 2(ŷ − y)/4
        assertThat(g[0]).containsExactly(0.5, -1.0);
        assertThat(g[1]).containsExactly(0.0, 1.5);
        assertThat(Loss.mse().cost(y, y, y, 2, 2)).isEqualTo(0.0);
    }

    @Test
    void binaryCrossEntropyAtKnownPoints() {
        Loss bce = Loss.binaryCrossEntropy();
        // z = 0: ŷ = 0.5, C = −log 0.5 = ln 2 for either label
        double[][] z = {{0.0}, {0.0}};
        assertThat(bce.cost(z, apply(Activation.sigmoid(), z), new double[][] {{1}, {0}}, 2, 1))
                .isCloseTo(Math.log(2), within(1e-15));
        // z = 2, y = 1: C = −log σ(2) = log(1 + e^−2) = 0.12692801104297263
        double[][] z2 = {{2.0}};
        assertThat(bce.cost(z2, apply(Activation.sigmoid(), z2), new double[][] {{1}}, 1, 1))
                .isCloseTo(0.12692801104297263, within(1e-15));
        // z = 2, y = 0: C = −log(1 − σ(2)) = 2 + log(1 + e^−2) = 2.1269280110429727
        assertThat(bce.cost(z2, apply(Activation.sigmoid(), z2), new double[][] {{0}}, 1, 1))
                .isCloseTo(2.1269280110429727, within(1e-14));
    }

    @Test
    void binaryCrossEntropyNeverTakesLogOfZero() {
        Loss bce = Loss.binaryCrossEntropy();
        double[][] z = {{1000.0}, {-1000.0}};
        double[][] a = apply(Activation.sigmoid(), z);
        assertThat(a[0][0]).isEqualTo(1.0);
        // confidently wrong: C = 1000 for each row; confidently right: 0
        assertThat(bce.cost(z, a, new double[][] {{0}, {1}}, 2, 1)).isEqualTo(1000.0);
        assertThat(bce.cost(z, a, new double[][] {{1}, {0}}, 2, 1)).isEqualTo(0.0);
        double[][] d = new double[2][1];
        bce.delta(Activation.sigmoid(), z, a, new double[][] {{0}, {1}}, 2, 1, d);
        assertThat(d[0][0]).isEqualTo(0.5);                                // (1 − 0)/2
        assertThat(d[1][0]).isEqualTo(-0.5);                               // (0 − 1)/2
    }

    @Test
    void crossEntropyAtKnownPointsAndExtremes() {
        Loss ce = Loss.crossEntropy();
        // z = [0, ln 3]: ŷ = [1/4, 3/4]; y = [0, 1]: C = −log 3/4 = 0.2876820724517809
        double[][] z = {{0, Math.log(3)}};
        double[][] a = apply(Activation.softmax(), z);
        assertThat(ce.cost(z, a, new double[][] {{0, 1}}, 1, 2)).isCloseTo(0.2876820724517809, within(1e-15));
        double[][] d = new double[1][2];
        ce.delta(Activation.softmax(), z, a, new double[][] {{0, 1}}, 1, 2, d);
        assertThat(d[0][0]).isCloseTo(0.25, within(1e-15));               // ŷ − y
        assertThat(d[0][1]).isCloseTo(-0.25, within(1e-15));
        double[][] big = {{1000, -1000, 0}};
        double[][] ab = apply(Activation.softmax(), big);
        assertThat(ab[0][1]).isEqualTo(0.0);
        assertThat(ce.cost(big, ab, new double[][] {{0, 1, 0}}, 1, 3)).isEqualTo(2000.0);
        assertThat(ce.cost(big, ab, new double[][] {{1, 0, 0}}, 1, 3)).isEqualTo(0.0);
    }

    @Test
    void fusedDeltasMatchTheChainRuleAndCentralDifferences() {
        Rng rng = new Rng(11);
        double[][] z = TestData.uniform(rng, 5, 3, -4, 4);
        double[][] labels = TestData.uniform(rng, 5, 3, 0, 1);
        double[][] oneHot = TestData.oneHot(rng, 5, 3);
        assertThat(GradientCheck.loss(Loss.binaryCrossEntropy(), Activation.sigmoid(), z, labels).maxRelativeError())
                .isLessThan(1e-7);
        assertThat(GradientCheck.loss(Loss.crossEntropy(), Activation.softmax(), z, oneHot).maxRelativeError())
                .isLessThan(1e-7);
        for (Activation head : new Activation[] {Activation.sigmoid(), Activation.tanh(), Activation.identity(),
                Activation.relu(), Activation.leakyRelu(0.01), Activation.softmax()}) {
            GradientCheck.Result r = GradientCheck.loss(Loss.mse(), head, z, labels);
            assertThat(r.maxRelativeError()).as("mse after " + head.name() + ": " + r).isLessThan(1e-7);
        }
        // the unfused ∂C/∂ŷ of binary cross-entropy, taken through σ', agrees with the fused δ
        double[][] a = apply(Activation.sigmoid(), z);
        double[][] chain = new double[5][3];
        Loss.binaryCrossEntropy().gradient(a, labels, 5, 3, chain);
        Activation.sigmoid().backward(z, a, chain, chain, 0, 5, 3);
        double[][] fused = new double[5][3];
        Loss.binaryCrossEntropy().delta(Activation.sigmoid(), z, a, labels, 5, 3, fused);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(chain[i][j]).isCloseTo(fused[i][j], within(1e-12));
            }
        }
    }

    @Test
    void lossesAreZeroOnlyWhenPredictionsMatchAndPositiveOtherwise() {
        Rng rng = new Rng(5);
        for (int t = 0; t < 200; t++) {
            double[][] yHat = TestData.uniform(rng, 3, 2, -5, 5);
            double[][] y = TestData.uniform(rng, 3, 2, -5, 5);
            assertThat(Loss.mse().cost(yHat, yHat, y, 3, 2)).isGreaterThan(0.0);
            double[][] z = TestData.uniform(rng, 3, 2, -5, 5);
            double[][] probs = TestData.uniform(rng, 3, 2, 0, 1);
            assertThat(Loss.binaryCrossEntropy().cost(z, apply(Activation.sigmoid(), z), probs, 3, 2))
                    .isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void pairingsAreCheckedWithAFix() {
        assertThatThrownBy(() -> Loss.binaryCrossEntropy().checkHead(Activation.softmax(), 3))
                .hasMessageContaining("needs a sigmoid").hasMessageContaining("Loss.crossEntropy()");
        assertThatThrownBy(() -> Loss.crossEntropy().checkHead(Activation.sigmoid(), 1))
                .hasMessageContaining("needs a softmax").hasMessageContaining("binaryCrossEntropy");
        assertThatThrownBy(() -> Loss.crossEntropy().checkHead(Activation.softmax(), 1))
                .hasMessageContaining("at least 2 outputs");
    }

    @Test
    void targetsAreChecked() {
        assertThatThrownBy(() -> Loss.binaryCrossEntropy().checkTargets(new double[][] {{0}, {1}, {2}}, "y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[2][0] is 2.0")
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Loss.crossEntropy().checkTargets(new double[][] {{0, 1}, {1, 1}}, "y"))
                .hasMessageContaining("Row 1 of y has 2 ones");
        assertThatThrownBy(() -> Loss.crossEntropy().checkTargets(new double[][] {{0.5, 0.5}}, "y"))
                .hasMessageContaining("y[0][0] is 0.5").hasMessageContaining("one-hot");
    }
}
