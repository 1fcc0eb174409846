package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WolfeLineSearchTest {
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;

    @Test
    void theCubicMinimiserIsExactForACubic() {
        // φ(α) = α³ − 3α (minimum at α = 1), φ' = 3α² − 3, matched at a = 0 and b = 2
        double m = WolfeLineSearch.cubicMinimiser(0, 0, -3, 2, 2, 9);
        assertThat(m).isCloseTo(1, within(1e-14));
        // the same from the other end
        assertThat(WolfeLineSearch.cubicMinimiser(2, 2, 9, 0, 0, -3)).isCloseTo(1, within(1e-14));
        // a quadratic φ = (α − 0.3)²: the cubic term vanishes and the minimiser is the vertex
        assertThat(WolfeLineSearch.cubicMinimiser(0, 0.09, -0.6, 1, 0.49, 1.4)).isCloseTo(0.3, within(1e-14));
    }

    /** Checks the strong Wolfe conditions at the accepted step of φ(α) = f(x + α·d). */
    private static void assertStrongWolfe(DifferentiableFunction f, double[] x, double[] d, double initialStep) {
        int n = x.length;
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        double slope = WolfeLineSearch.dot(g, d);
        WolfeLineSearch search = new WolfeLineSearch(n, C1, C2, 30);
        double[] xOut = new double[n];
        double[] gOut = new double[n];
        assertThat(search.search(f, x, fx, d, slope, initialStep, xOut, gOut)).isTrue();
        double alpha = search.step();
        for (int i = 0; i < n; i++) {
            assertThat(xOut[i]).isEqualTo(x[i] + alpha * d[i]);
        }
        double[] check = new double[n];
        double fa = f.valueAndGradient(xOut, check);
        assertThat(search.value()).isEqualTo(fa);
        assertThat(gOut).containsExactly(check);
        assertThat(fa).as("sufficient decrease").isLessThanOrEqualTo(fx + C1 * alpha * slope);
        assertThat(Math.abs(WolfeLineSearch.dot(check, d))).as("curvature").isLessThanOrEqualTo(-C2 * slope);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-6, 1e-3, 1, 10, 1e4})
    void acceptsOnlyStrongWolfeStepsOnRosenbrockWhateverTheFirstTrial(double initialStep) {
        double[] x = {-1.2, 1.0};
        double[] g = new double[2];
        LbfgsTest.rosenbrock(x, g);
        double[] d = {-g[0], -g[1]};
        assertStrongWolfe(LbfgsTest::rosenbrock, x, d, initialStep);
    }

    @Test
    void extrapolatesWhenTheFirstTrialIsFarTooShort() {
        // φ(α) = (α − 100)²: the first trial 1 is far too short, so steps double until bracketed
        DifferentiableFunction f = (t, g) -> {
            g[0] = 2 * (t[0] - 100);
            return (t[0] - 100) * (t[0] - 100);
        };
        assertStrongWolfe(f, new double[] {0}, new double[] {1}, 1);
    }

    @Test
    void shortensAStepIntoAnOverflow() {
        DifferentiableFunction f = (t, g) -> {
            g[0] = 2 * t[0];
            return t[0] < 5 ? t[0] * t[0] : Double.NaN;
        };
        assertStrongWolfe(f, new double[] {4}, new double[] {-8}, 1e6);
    }

    @Test
    void reportsFailureWithoutMovingWhenNothingIsLower() {
        // a "descent" direction whose slope is a lie: f rises along it at once
        DifferentiableFunction f = (t, g) -> {
            g[0] = 1;
            return Math.abs(t[0]);
        };
        WolfeLineSearch search = new WolfeLineSearch(1, C1, C2, 10);
        double[] xOut = {42};
        double[] gOut = {42};
        boolean ok = search.search(f, new double[] {0}, 0, new double[] {-1}, -1, 1, xOut, gOut);
        assertThat(ok).isFalse();
        assertThat(search.step()).isZero();
        assertThat(search.evaluations()).isEqualTo(10);
        assertThat(xOut).containsExactly(42);
    }
}
