package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    private static final int N = 30;

    /** Returns N eigenvalues spread evenly in log scale from 1 to κ (the condition number). */
    private static double[] eigenvalues(double kappa) {
        double[] lambda = new double[N];
        for (int i = 0; i < N; i++) {
            lambda[i] = Math.pow(kappa, i / (double) (N - 1));
        }
        return lambda;
    }

    /** A rotated ill-conditioned quadratic: f(θ) = ½·(θ − c)ᵀ·Qᵀ·Λ·Q·(θ − c), Q a reflection. */
    private static DifferentiableFunction quadratic(double[] lambda, double[] centre, double[] v) {
        // Q = I − 2vvᵀ with ‖v‖ = 1, so Q is orthogonal and symmetric
        return (theta, g) -> {
            int n = theta.length;
            double[] e = new double[n];
            double vt = 0;
            for (int i = 0; i < n; i++) {
                e[i] = theta[i] - centre[i];
                vt += v[i] * e[i];
            }
            double[] qe = new double[n];
            for (int i = 0; i < n; i++) {
                qe[i] = e[i] - 2 * v[i] * vt;                                   // Q·e
            }
            double f = 0;
            double[] lq = new double[n];
            for (int i = 0; i < n; i++) {
                lq[i] = lambda[i] * qe[i];
                f += 0.5 * qe[i] * lq[i];
            }
            double vl = 0;
            for (int i = 0; i < n; i++) {
                vl += v[i] * lq[i];
            }
            for (int i = 0; i < n; i++) {
                g[i] = lq[i] - 2 * v[i] * vl;                                   // Qᵀ·Λ·Q·e
            }
            return f;
        };
    }

    @Test
    void findsTheMinimumOfAnIllConditionedQuadratic() {
        double[] lambda = eigenvalues(1e4);
        double[] centre = new double[N];
        double[] v = new double[N];
        SplittableRandom random = new SplittableRandom(7);
        double norm = 0;
        for (int i = 0; i < N; i++) {
            centre[i] = random.nextDouble(-3, 3);
            v[i] = random.nextDouble(-1, 1);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < N; i++) {
            v[i] /= Math.sqrt(norm);
        }
        double[] theta = new double[N];
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(1e-8).withRelativeCostTolerance(0)
                .withMaxIterations(5000).minimize(quadratic(lambda, centre, v), theta);

        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.GRADIENT_NORM);
        assertThat(r.gradientNorm()).isLessThanOrEqualTo(1e-8);
        for (int i = 0; i < N; i++) {
            // ‖g‖ ≤ 1e-8 and the smallest eigenvalue 1 bound the error by 1e-8
            assertThat(theta[i]).as("θ[%d]", i).isCloseTo(centre[i], within(1e-7));
        }
        assertThat(r.value()).isLessThan(1e-15);
        // gradient descent with the best fixed step needs about (κ/2)·ln(1/ε) ≈ 1e5 iterations here
        assertThat(r.iterations()).isLessThan(1000);
    }

    @Test
    void aQuadraticInTwoVariablesTakesAFewIterations() {
        // f = (θ₀ − 3)² + 10·(θ₁ + 1)², the class Javadoc's example
        double[] theta = {-1.2, 1.0};
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(1e-12).withRelativeCostTolerance(0).minimize((t, g) -> {
            g[0] = 2 * (t[0] - 3);
            g[1] = 20 * (t[1] + 1);
            return (t[0] - 3) * (t[0] - 3) + 10 * (t[1] + 1) * (t[1] + 1);
        }, theta);
        assertThat(theta[0]).isCloseTo(3, within(1e-12));
        assertThat(theta[1]).isCloseTo(-1, within(1e-12));
        assertThat(r.iterations()).isLessThanOrEqualTo(10);
    }

    /** Rosenbrock's function in n dimensions: Σ 100·(θᵢ₊₁ − θᵢ²)² + (1 − θᵢ)², minimum 0 at (1, …, 1). */
    static double rosenbrock(double[] t, double[] g) {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < t.length; i++) {
            double a = t[i + 1] - t[i] * t[i];
            double b = 1 - t[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * t[i] * a - 2 * b;                                    // ∂/∂θᵢ
            g[i + 1] += 200 * a;                                                // ∂/∂θᵢ₊₁
        }
        return f;
    }

    @Test
    void findsTheMinimumOfRosenbrockFromTheClassicStart() {
        double[] theta = {-1.2, 1.0};
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(1e-10).withRelativeCostTolerance(0)
                .minimize(LbfgsTest::rosenbrock, theta);
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.GRADIENT_NORM);
        assertThat(theta[0]).isCloseTo(1, within(1e-9));
        assertThat(theta[1]).isCloseTo(1, within(1e-9));
        assertThat(r.value()).isLessThan(1e-18);
        assertThat(r.iterations()).isBetween(20, 100);                         // the valley takes work, not luck
    }

    @Test
    void findsTheMinimumOfRosenbrockInTenDimensions() {
        double[] theta = new double[10];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(1e-9).withRelativeCostTolerance(0)
                .withMaxIterations(1000).minimize(LbfgsTest::rosenbrock, theta);
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.GRADIENT_NORM);
        for (double t : theta) {
            assertThat(t).isCloseTo(1, within(1e-8));
        }
    }

    @Test
    void aLongerHistoryNeedsFewerIterationsOnTheIllConditionedQuadratic() {
        double[] lambda = eigenvalues(1e4);
        double[] centre = new double[N];
        java.util.Arrays.fill(centre, 1.0);
        double[] v = new double[N];
        v[0] = 1;
        int[] histories = {1, 5, 30};
        int[] iterations = new int[histories.length];
        for (int k = 0; k < histories.length; k++) {
            double[] theta = new double[N];
            iterations[k] = Lbfgs.defaults().withHistory(histories[k]).withGradientTolerance(1e-8)
                    .withRelativeCostTolerance(0).withMaxIterations(100_000)
                    .minimize(quadratic(lambda, centre, v), theta).iterations();
        }
        assertThat(iterations[1]).isLessThan(iterations[0]);
        assertThat(iterations[2]).isLessThan(iterations[1]);
    }

    @Test
    void withNearExactLineSearchesAndFullHistoryAQuadraticEndsInAboutNIterations() {
        // BFGS with exact line searches ends on a quadratic in n steps (conjugate directions), even
        // at condition number 1e6; a small c2 makes the searches nearly exact
        double[] lambda = eigenvalues(1e6);
        double[] centre = new double[N];
        java.util.Arrays.fill(centre, 1.0);
        double[] v = new double[N];
        v[3] = 1;
        double[] theta = new double[N];
        Lbfgs.Result r = Lbfgs.defaults().withHistory(N).withLineSearch(1e-4, 0.01, 40).withGradientTolerance(1e-8)
                .withRelativeCostTolerance(0).withMaxIterations(1000).minimize(quadratic(lambda, centre, v), theta);
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.GRADIENT_NORM);
        assertThat(r.iterations()).isLessThanOrEqualTo(N + 5);
        for (double t : theta) {
            assertThat(t).isCloseTo(1, within(1e-8));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Logistic regression against Newton's method

    /** Mean log-loss of a logistic regression with L2 λ/2·‖w‖² (bias last, not penalised). */
    private static double logistic(double[][] x, int[] y, double lambda, double[] w, double[] g) {
        int n = x.length;
        int d = x[0].length;
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i < n; i++) {
            double z = w[d];
            for (int j = 0; j < d; j++) {
                z += x[i][j] * w[j];
            }
            // log(1 + e^z) − y·z, computed without overflow
            f += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
            double r = 1 / (1 + Math.exp(-z)) - y[i];                          // σ(z) − y
            for (int j = 0; j < d; j++) {
                g[j] += r * x[i][j] / n;
            }
            g[d] += r / n;
        }
        f /= n;
        for (int j = 0; j < d; j++) {
            f += 0.5 * lambda * w[j] * w[j];
            g[j] += lambda * w[j];
        }
        return f;
    }

    /** Newton's method with an exact Hessian and a Cholesky solve, to ‖g‖ below 1e-14. */
    private static double[] newton(double[][] x, int[] y, double lambda) {
        int n = x.length;
        int d = x[0].length;
        int p = d + 1;
        double[] w = new double[p];
        double[] g = new double[p];
        for (int iteration = 0; iteration < 50; iteration++) {
            logistic(x, y, lambda, w, g);
            double[][] h = new double[p][p];
            for (int i = 0; i < n; i++) {
                double z = w[d];
                for (int j = 0; j < d; j++) {
                    z += x[i][j] * w[j];
                }
                double s = 1 / (1 + Math.exp(-z));
                double weight = s * (1 - s) / n;
                for (int a = 0; a < p; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    for (int b = 0; b < p; b++) {
                        h[a][b] += weight * xa * (b < d ? x[i][b] : 1);
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                h[j][j] += lambda;
            }
            double[] step = choleskySolve(h, g);
            for (int j = 0; j < p; j++) {
                w[j] -= step[j];                                                // w ← w − H⁻¹·g
            }
        }
        logistic(x, y, lambda, w, g);
        assertThat(Gradients.norm(g)).as("Newton's reference converged").isLessThan(1e-14);
        return w;
    }

    private static double[] choleskySolve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] out = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < p; k++) {
                sum -= l[k][i] * out[k];
            }
            out[i] = sum / l[i][i];
        }
        return out;
    }

    @Test
    void logisticRegressionMatchesNewtonsMethod() {
        // 400 rows, 8 features on different scales, labels from a noisy linear rule (not separable)
        SplittableRandom random = new SplittableRandom(2026);
        int n = 400;
        int d = 8;
        double[][] x = new double[n][d];
        int[] y = new int[n];
        double[] truth = {1.5, -2, 0.5, 0, 3, -1, 0.25, 2};
        for (int i = 0; i < n; i++) {
            double z = -0.5;
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextGaussian() * (1 + j);
                z += truth[j] * x[i][j] / (1 + j);
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        double lambda = 1e-3;
        double[] reference = newton(x, y, lambda);
        double[] g = new double[d + 1];
        double fReference = logistic(x, y, lambda, reference, g);

        double[] w = new double[d + 1];
        // below ‖g‖ ≈ 1e-8 the cost (about 0.25) no longer changes in its last bit along any step,
        // so 1e-7 is the tightest tolerance that a double-precision search can always reach
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(1e-7).withRelativeCostTolerance(0)
                .withMaxIterations(1000).minimize((t, gOut) -> logistic(x, y, lambda, t, gOut), w);

        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.GRADIENT_NORM);
        assertThat(r.value()).isCloseTo(fReference, within(1e-13));
        for (int j = 0; j <= d; j++) {
            // ‖w − w*‖ ≤ ‖g‖ / (the Hessian's smallest eigenvalue ≥ λ): at most 1e-4 in theory; the
            // two methods agree to about 3e-9
            assertThat(w[j]).as("w[%d]", j).isCloseTo(reference[j], within(1e-6));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Stopping rules, callback, errors

    @Test
    void stopsAtTheIterationLimit() {
        double[] theta = {-1.2, 1.0};
        Lbfgs.Result r = Lbfgs.defaults().withMaxIterations(5).minimize(LbfgsTest::rosenbrock, theta);
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.MAX_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.value()).isLessThan(24.2).isGreaterThan(1e-3);             // f(−1.2, 1) = 24.2
        assertThat(r.evaluations()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void stopsOnARelativeCostChange() {
        double[] theta = {-1.2, 1.0};
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(0).withRelativeCostTolerance(1e-3)
                .minimize(LbfgsTest::rosenbrock, theta);
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.RELATIVE_COST_CHANGE);
        assertThat(r.iterations()).isLessThan(100);
    }

    @Test
    void stopsAtOnceWhenTheStartIsOptimal() {
        double[] theta = {1.0, 1.0};
        Lbfgs.Result r = Lbfgs.defaults().minimize(LbfgsTest::rosenbrock, theta);
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.GRADIENT_NORM);
        assertThat(r.iterations()).isZero();
        assertThat(r.evaluations()).isEqualTo(1);
        assertThat(theta).containsExactly(1.0, 1.0);
    }

    @Test
    void theCallbackSeesEveryIterationWithFallingValuesAndCanStop() {
        double[] theta = {-1.2, 1.0};
        List<Double> values = new ArrayList<>();
        Lbfgs.Result r = Lbfgs.defaults().minimize(LbfgsTest::rosenbrock, theta, (iteration, value, point, step) -> {
            assertThat(iteration).isEqualTo(values.size() + 1);
            assertThat(rosenbrock(point, new double[2])).isEqualTo(value);
            assertThat(step).isPositive();
            values.add(value);
            return iteration < 7;
        });
        assertThat(r.termination()).isEqualTo(Lbfgs.Termination.CALLBACK);
        assertThat(values).hasSize(7);
        for (int i = 1; i < values.size(); i++) {
            assertThat(values.get(i)).isLessThan(values.get(i - 1));
        }
        assertThat(r.value()).isEqualTo(values.get(6));
    }

    @Test
    void stepsBackFromWhereTheFunctionOverflows() {
        // f = θ² for |θ| < 10, +∞ beyond: a first step too long must be shortened
        double[] theta = {9.0};
        Lbfgs.Result r = Lbfgs.defaults().withGradientTolerance(1e-9).minimize((t, g) -> {
            g[0] = 2 * t[0];
            return Math.abs(t[0]) < 10 ? t[0] * t[0] : Double.POSITIVE_INFINITY;
        }, theta);
        assertThat(theta[0]).isCloseTo(0, within(1e-9));
        assertThat(r.value()).isFinite();
    }

    @Test
    void rejectsBadStartsAndSettings() {
        assertThatThrownBy(() -> Lbfgs.defaults().minimize((t, g) -> Double.NaN, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starting point");
        assertThatThrownBy(() -> Lbfgs.defaults().minimize(LbfgsTest::rosenbrock, new double[] {Double.NaN, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta[0]");
        assertThatThrownBy(() -> Lbfgs.defaults().minimize(LbfgsTest::rosenbrock, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Lbfgs.defaults().withHistory(0)).hasMessageContaining("try 10");
        assertThatThrownBy(() -> Lbfgs.defaults().withMaxIterations(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Lbfgs.defaults().withGradientTolerance(-1)).hasMessageContaining("gradientTolerance");
        assertThatThrownBy(() -> Lbfgs.defaults().withLineSearch(0.9, 0.1, 20)).hasMessageContaining("0 < c1 < c2 < 1");
        assertThatThrownBy(() -> Lbfgs.defaults().start(3)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Trainer").hasMessageContaining("minimize");
    }

    @Test
    void settingsAreKeptByTheCopies() {
        Lbfgs l = Lbfgs.defaults().withHistory(7).withMaxIterations(42).withGradientTolerance(1e-3)
                .withRelativeCostTolerance(1e-6);
        assertThat(l.history()).isEqualTo(7);
        assertThat(l.maxIterations()).isEqualTo(42);
        assertThat(l.gradientTolerance()).isEqualTo(1e-3);
        assertThat(l.relativeCostTolerance()).isEqualTo(1e-6);
        assertThat(l.name()).isEqualTo("lbfgs");
        assertThat(Lbfgs.defaults().history()).isEqualTo(10);
    }
}
