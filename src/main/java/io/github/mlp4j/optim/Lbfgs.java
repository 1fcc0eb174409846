package io.github.mlp4j.optim;

import java.util.Objects;

/**
 * Limited-memory BFGS: a quasi-Newton method that minimises a smooth function of a flat vector
 * {@code θ} from its full value and gradient, with a line search that meets the strong Wolfe
 * conditions.
 *
 * <p>Each iteration k:
 * <pre>
 *   d  = −H·g                          H ≈ (∇²f)⁻¹ from the last m pairs (s, y), by the two-loop
 *                                      recursion, scaled by γ = sᵀy / yᵀy of the newest pair
 *   α  = a step meeting the strong Wolfe conditions along d (first try: 1; in iteration 1,
 *        min(1, 1/‖g‖), so the first step has length at most 1)
 *   s  = θₖ₊₁ − θₖ = α·d,  y = gₖ₊₁ − gₖ, kept if sᵀy &gt; 1e-10·yᵀy (the oldest pair dropped)
 * </pre>
 * It stops at the first of: {@code ‖g‖ ≤ gradientTolerance}; a relative decrease
 * {@code (fₖ − fₖ₊₁) / max(|fₖ|, |fₖ₊₁|, 1) ≤ relativeCostTolerance}; {@code maxIterations}
 * iterations; the callback asking to stop; or a line search that finds no lower point even along
 * {@code −g}. When a line search runs out of evaluations after finding a lower point that meets
 * only sufficient decrease, that point is taken (and its pair kept only if {@code sᵀy} is
 * positive); when it finds no lower point, the memory is cleared and the search is repeated along
 * {@code −g} once before giving up.
 *
 * <p>L-BFGS is a full-batch method: every evaluation must see the same function. It suits small
 * and medium data sets (all rows in every evaluation) and distributed training, where the workers'
 * gradients are summed into one {@link DifferentiableFunction}. With a network, use it through
 * {@code Trainer} by setting {@code TrainingConfig.builder().optimizer(Lbfgs.defaults())}; it is not
 * a per-batch update rule, so {@link #start(int)} throws.
 *
 * <pre>{@code
 * Lbfgs lbfgs = Lbfgs.defaults().withHistory(10).withMaxIterations(500);
 * double[] theta = {-1.2, 1.0};
 * Lbfgs.Result r = lbfgs.minimize((t, g) -> {
 *     g[0] = 2 * (t[0] - 3);
 *     g[1] = 20 * (t[1] + 1);
 *     return (t[0] - 3) * (t[0] - 3) + 10 * (t[1] + 1) * (t[1] + 1);
 * }, theta);                                              // theta ends near (3, −1)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; each {@link #minimize} call allocates its own
 * {@code 2·m + 5} arrays of length n once and nothing per iteration.
 */
public final class Lbfgs implements Optimizer {
    private static final Lbfgs DEFAULTS = new Lbfgs(10, 200, 1e-5, 1e-9, 1e-4, 0.9, 25);

    private final int history;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeCostTolerance;
    private final double c1;
    private final double c2;
    private final int maxLineSearchEvaluations;

    private Lbfgs(int history, int maxIterations, double gradientTolerance, double relativeCostTolerance,
            double c1, double c2, int maxLineSearchEvaluations) {
        this.history = history;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeCostTolerance = relativeCostTolerance;
        this.c1 = c1;
        this.c2 = c2;
        this.maxLineSearchEvaluations = maxLineSearchEvaluations;
    }

    /**
     * Returns the default settings: a history of 10 pairs, at most 200 iterations, gradient
     * tolerance 1e-5, relative cost tolerance 1e-9, Wolfe constants c1 = 1e-4 and c2 = 0.9, and
     * at most 25 evaluations per line search.
     *
     * @return the default L-BFGS
     */
    public static Lbfgs defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that keeps the last {@code m} pairs (s, y).
     *
     * @param m the history length, 1 to 1000; 3 to 20 is usual
     * @return a new instance
     * @throws IllegalArgumentException if {@code m} is out of range
     */
    public Lbfgs withHistory(int m) {
        if (m < 1 || m > 1000) {
            throw new IllegalArgumentException("history must be between 1 and 1000 pairs, but was " + m + "; try 10.");
        }
        return new Lbfgs(m, maxIterations, gradientTolerance, relativeCostTolerance, c1, c2, maxLineSearchEvaluations);
    }

    /**
     * Returns a copy that stops after {@code n} iterations.
     *
     * @param n at least 1
     * @return a new instance
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Lbfgs withMaxIterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, but was " + n + "; try 200.");
        }
        return new Lbfgs(history, n, gradientTolerance, relativeCostTolerance, c1, c2, maxLineSearchEvaluations);
    }

    /**
     * Returns a copy that stops when the gradient's norm {@code ‖g‖} is at most {@code tolerance}.
     *
     * @param tolerance finite and at least 0 (0: never on this test)
     * @return a new instance
     * @throws IllegalArgumentException if the tolerance is negative or not finite
     */
    public Lbfgs withGradientTolerance(double tolerance) {
        UpdateChecks.nonNegativeFinite(tolerance, "gradientTolerance", "1e-5");
        return new Lbfgs(history, maxIterations, tolerance, relativeCostTolerance, c1, c2, maxLineSearchEvaluations);
    }

    /**
     * Returns a copy that stops when an iteration lowers the cost by at most {@code tolerance}
     * relative to {@code max(|fₖ|, |fₖ₊₁|, 1)}.
     *
     * @param tolerance finite and at least 0 (0: never on this test)
     * @return a new instance
     * @throws IllegalArgumentException if the tolerance is negative or not finite
     */
    public Lbfgs withRelativeCostTolerance(double tolerance) {
        UpdateChecks.nonNegativeFinite(tolerance, "relativeCostTolerance", "1e-9");
        return new Lbfgs(history, maxIterations, gradientTolerance, tolerance, c1, c2, maxLineSearchEvaluations);
    }

    /**
     * Returns a copy whose line search uses the Wolfe constants {@code c1} (sufficient decrease)
     * and {@code c2} (curvature) and at most {@code maxEvaluations} evaluations.
     *
     * @param c1 in (0, c2); 1e-4 is usual
     * @param c2 in (c1, 1); 0.9 is usual for quasi-Newton methods
     * @param maxEvaluations at least 1
     * @return a new instance
     * @throws IllegalArgumentException if {@code 0 < c1 < c2 < 1} fails or maxEvaluations &lt; 1
     */
    public Lbfgs withLineSearch(double c1, double c2, int maxEvaluations) {
        if (!(c1 > 0 && c1 < c2 && c2 < 1)) {
            throw new IllegalArgumentException("The Wolfe constants must satisfy 0 < c1 < c2 < 1, but were c1 = " + c1
                    + " and c2 = " + c2 + "; use c1 = 1e-4 and c2 = 0.9.");
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations must be at least 1, but was " + maxEvaluations
                    + "; try 25.");
        }
        return new Lbfgs(history, maxIterations, gradientTolerance, relativeCostTolerance, c1, c2, maxEvaluations);
    }

    /** {@return the number of pairs (s, y) kept} */
    public int history() {
        return history;
    }

    /** {@return the largest number of iterations} */
    public int maxIterations() {
        return maxIterations;
    }

    /** {@return the gradient-norm tolerance} */
    public double gradientTolerance() {
        return gradientTolerance;
    }

    /** {@return the relative cost-change tolerance} */
    public double relativeCostTolerance() {
        return relativeCostTolerance;
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    /**
     * Throws: L-BFGS needs the full cost at points of its own choosing, not one gradient per batch.
     *
     * @param parameterCount ignored
     * @return never
     * @throws UnsupportedOperationException always, naming the ways to use L-BFGS
     */
    @Override
    public State start(int parameterCount) {
        throw new UnsupportedOperationException("L-BFGS is a full-batch method and has no per-batch update; train"
                + " with Trainer (TrainingConfig.builder().optimizer(Lbfgs.defaults())) or call"
                + " Lbfgs.minimize(function, theta) with the full cost.");
    }

    /** Why a minimisation stopped. */
    public enum Termination {
        /** The gradient's norm reached the gradient tolerance. */
        GRADIENT_NORM,
        /** An iteration lowered the cost by no more than the relative cost tolerance. */
        RELATIVE_COST_CHANGE,
        /** The iteration limit was reached. */
        MAX_ITERATIONS,
        /** The callback asked to stop. */
        CALLBACK,
        /** No lower point was found along the L-BFGS direction nor along −g (often: converged to
         * the precision of the arithmetic). */
        LINE_SEARCH_FAILED
    }

    /**
     * The outcome of {@link #minimize}.
     *
     * @param value f at the final point
     * @param gradientNorm {@code ‖∇f‖} at the final point
     * @param iterations the iterations completed
     * @param evaluations the calls of the function, the first one included
     * @param termination why it stopped
     */
    public record Result(double value, double gradientNorm, int iterations, int evaluations,
            Termination termination) {
    }

    /**
     * Receives the point after each iteration and may stop the minimisation.
     */
    @FunctionalInterface
    public interface Callback {
        /**
         * Called after iteration {@code iteration} (counted from 1).
         *
         * @param iteration the iteration just completed
         * @param value f at the new point
         * @param theta the new point; must not be modified or kept
         * @param step the step length α the line search took
         * @return true to go on, false to stop
         */
        boolean proceed(int iteration, double value, double[] theta, double step);
    }

    /**
     * Minimises {@code f} from {@code theta}, as {@link #minimize(DifferentiableFunction, double[],
     * Callback)} without a callback.
     *
     * @param f the function
     * @param theta the start; overwritten with the final point
     * @return the outcome
     * @throws IllegalArgumentException if f or its gradient is not finite at the start
     */
    public Result minimize(DifferentiableFunction f, double[] theta) {
        return minimize(f, theta, (iteration, value, point, step) -> true);
    }

    /**
     * Minimises {@code f} from {@code theta}, calling {@code callback} after each iteration.
     *
     * @param f the function; called once at the start and then from the line searches
     * @param theta the start, at least one value; overwritten with the final point (the lowest
     *     found)
     * @param callback told of each iteration; returning false stops
     * @return the outcome
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if theta is empty or holds NaN or infinity, or f or its
     *     gradient is not finite at the start
     */
    public Result minimize(DifferentiableFunction f, double[] theta, Callback callback) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(callback, "callback");
        int n = theta.length;
        if (n == 0) {
            throw new IllegalArgumentException("theta is empty; pass at least one parameter.");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("theta[" + i + "] is " + theta[i] + "; start from finite values.");
            }
        }
        double[][] s = new double[history][n];
        double[][] y = new double[history][n];
        double[] rho = new double[history];
        double[] a = new double[history];
        double[] g = new double[n];
        double[] d = new double[n];
        double[] nextTheta = new double[n];
        double[] nextG = new double[n];
        WolfeLineSearch search = new WolfeLineSearch(n, c1, c2, maxLineSearchEvaluations);

        double fx = f.valueAndGradient(theta, g);
        int evaluations = 1;
        double gNorm = Gradients.norm(g);
        if (!Double.isFinite(fx) || !Double.isFinite(gNorm)) {
            throw new IllegalArgumentException("The function is " + fx + " with gradient norm " + gNorm
                    + " at the starting point; start where the function and its gradient are finite.");
        }
        int stored = 0;                                                     // pairs held
        int newest = -1;                                                    // index of the newest pair
        int iteration = 0;
        while (true) {
            if (gNorm <= gradientTolerance) {
                return new Result(fx, gNorm, iteration, evaluations, Termination.GRADIENT_NORM);
            }
            if (iteration >= maxIterations) {
                return new Result(fx, gNorm, iteration, evaluations, Termination.MAX_ITERATIONS);
            }
            direction(g, s, y, rho, a, stored, newest, d);                  // d = −H·g
            double slope = WolfeLineSearch.dot(g, d);
            if (!(slope < 0)) {                                             // not a descent direction
                stored = 0;
                direction(g, s, y, rho, a, 0, newest, d);
                slope = -gNorm * gNorm;
            }
            double first = stored == 0 ? Math.min(1, 1 / gNorm) : 1;
            boolean wolfe = search.search(f, theta, fx, d, slope, first, nextTheta, nextG);
            evaluations += search.evaluations();
            if (!wolfe && search.step() == 0 && stored > 0) {               // no lower point: retry along −g
                stored = 0;
                direction(g, s, y, rho, a, 0, newest, d);
                slope = -gNorm * gNorm;
                wolfe = search.search(f, theta, fx, d, slope, Math.min(1, 1 / gNorm), nextTheta, nextG);
                evaluations += search.evaluations();
            }
            if (search.step() == 0) {
                return new Result(fx, gNorm, iteration, evaluations, Termination.LINE_SEARCH_FAILED);
            }
            iteration++;
            double fNext = search.value();
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double si = nextTheta[i] - theta[i];                        // s = θₖ₊₁ − θₖ
                double yi = nextG[i] - g[i];                                // y = gₖ₊₁ − gₖ
                sy += si * yi;
                yy += yi * yi;
            }
            if (sy > 1e-10 * yy && yy > 0) {                                // else curvature too weak: skip the pair
                newest = (newest + 1) % history;                            // overwrites the oldest when full
                for (int i = 0; i < n; i++) {
                    s[newest][i] = nextTheta[i] - theta[i];
                    y[newest][i] = nextG[i] - g[i];
                }
                rho[newest] = 1 / sy;                                       // ρ = 1 / sᵀy
                stored = Math.min(stored + 1, history);
            }
            System.arraycopy(nextTheta, 0, theta, 0, n);
            System.arraycopy(nextG, 0, g, 0, n);
            double change = (fx - fNext) / Math.max(Math.max(Math.abs(fx), Math.abs(fNext)), 1);
            fx = fNext;
            gNorm = Gradients.norm(g);
            if (!callback.proceed(iteration, fx, theta, search.step())) {
                return new Result(fx, gNorm, iteration, evaluations, Termination.CALLBACK);
            }
            if (change <= relativeCostTolerance && gNorm > gradientTolerance) {
                return new Result(fx, gNorm, iteration, evaluations, Termination.RELATIVE_COST_CHANGE);
            }
        }
    }

    /**
     * Sets {@code d = −H·g} by the two-loop recursion over the {@code stored} newest pairs, ending
     * at {@code newest} (a ring buffer); with no pairs, {@code d = −g}.
     */
    private static void direction(double[] g, double[][] s, double[][] y, double[] rho, double[] a, int stored,
            int newest, double[] d) {
        int m = s.length;
        int n = g.length;
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];                                                   // q = −g
        }
        for (int k = 0; k < stored; k++) {                                  // newest to oldest
            int j = (newest - k + m) % m;
            a[j] = rho[j] * WolfeLineSearch.dot(s[j], d);                   // aⱼ = ρⱼ·sⱼᵀq
            double aj = a[j];
            double[] yj = y[j];
            for (int i = 0; i < n; i++) {
                d[i] -= aj * yj[i];                                         // q ← q − aⱼ·yⱼ
            }
        }
        if (stored > 0) {
            double gamma = 1 / (rho[newest] * WolfeLineSearch.dot(y[newest], y[newest]));   // γ = sᵀy / yᵀy
            for (int i = 0; i < n; i++) {
                d[i] *= gamma;                                              // r = γ·q
            }
        }
        for (int k = stored - 1; k >= 0; k--) {                             // oldest to newest
            int j = (newest - k + m) % m;
            double b = rho[j] * WolfeLineSearch.dot(y[j], d);               // b = ρⱼ·yⱼᵀr
            double coefficient = a[j] - b;
            double[] sj = s[j];
            for (int i = 0; i < n; i++) {
                d[i] += coefficient * sj[i];                                // r ← r + sⱼ·(aⱼ − b)
            }
        }
    }
}
