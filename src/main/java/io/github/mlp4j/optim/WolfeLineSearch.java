package io.github.mlp4j.optim;

/**
 * A line search along a descent direction {@code d} that looks for a step {@code α} meeting the
 * strong Wolfe conditions, for {@code φ(α) = f(x + α·d)}:
 * <pre>
 *   φ(α)   ≤ φ(0) + c1·α·φ'(0)        (sufficient decrease)
 *   |φ'(α)| ≤ c2·|φ'(0)|               (curvature)
 * </pre>
 * with {@code φ'(α) = ∇f(x + α·d)·d} and {@code 0 < c1 < c2 < 1}.
 *
 * <p>It works in two phases. The bracketing phase tries {@code α₀, 2α₀, 4α₀, …} until a step
 * either meets both conditions, or fails the first one, or does not lower φ below the previous
 * step, or finds φ' ≥ 0; then an interval {@code [lo, hi]} is known to contain acceptable steps.
 * The zoom phase shrinks that interval: it tries the minimiser of the cubic that matches φ and φ'
 * at both ends (kept at least a tenth of the interval from either end; the midpoint when the cubic
 * has no minimiser or an end's value is not finite) and replaces one end with it, so that
 * {@code lo} is always the lowest point found that meets sufficient decrease.
 *
 * <p>A value of φ that is NaN or infinite is treated as too high, so a step into a region where
 * the function overflows is shortened.
 *
 * <p>One instance holds the scratch arrays of one minimisation (no allocation per search); it is
 * not thread-safe.
 */
final class WolfeLineSearch {
    private final double c1;
    private final double c2;
    private final int maxEvaluations;
    private final double[] trialX;
    private final double[] trialGradient;

    private double step;
    private double value;
    private int evaluations;

    /**
     * Creates a line search for points of n coordinates.
     *
     * @param n the number of coordinates
     * @param c1 the sufficient-decrease constant, in (0, c2)
     * @param c2 the curvature constant, in (c1, 1)
     * @param maxEvaluations the most function evaluations one search may use, at least 1
     */
    WolfeLineSearch(int n, double c1, double c2, int maxEvaluations) {
        this.c1 = c1;
        this.c2 = c2;
        this.maxEvaluations = maxEvaluations;
        this.trialX = new double[n];
        this.trialGradient = new double[n];
    }

    /**
     * Searches along {@code d} from {@code x}.
     *
     * <p>On success ({@code true}) {@code xOut} and {@code gradientOut} hold the accepted point and
     * its gradient, and {@link #step()} and {@link #value()} its step and value. On failure
     * ({@code false}: no strong-Wolfe step within the evaluation budget, or the interval shrank to
     * nothing) they hold the lowest point found that meets sufficient decrease, if any ({@link
     * #step()} &gt; 0), and otherwise are left unchanged ({@link #step()} = 0).
     *
     * @param f the function
     * @param x the start, length n; not modified
     * @param fx {@code f(x)}, finite
     * @param d the search direction, length n, with {@code ∇f(x)·d < 0}; not modified
     * @param slope {@code φ'(0) = ∇f(x)·d}, negative
     * @param initialStep the first step to try, positive
     * @param xOut length n; overwritten as above
     * @param gradientOut length n; overwritten as above
     * @return whether the strong Wolfe conditions hold at the returned point
     */
    boolean search(DifferentiableFunction f, double[] x, double fx, double[] d, double slope, double initialStep,
            double[] xOut, double[] gradientOut) {
        evaluations = 0;
        step = 0;
        value = fx;
        double previous = 0;                                                // the step before, φ and φ' there
        double fPrevious = fx;
        double slopePrevious = slope;
        double alpha = initialStep;
        while (evaluations < maxEvaluations) {
            double fa = evaluate(f, x, d, alpha);
            double slopeA = dot(trialGradient, d);                            // φ'(α)
            boolean finite = Double.isFinite(fa) && Double.isFinite(slopeA);
            if (!finite || fa > fx + c1 * alpha * slope || (evaluations > 1 && fa >= fPrevious)) {
                return zoom(f, x, fx, d, slope, previous, fPrevious, slopePrevious, alpha, finite ? fa : Double.NaN,
                        slopeA, xOut, gradientOut);
            }
            keep(alpha, fa, xOut, gradientOut);                               // meets sufficient decrease
            if (Math.abs(slopeA) <= -c2 * slope) {
                return true;
            }
            if (slopeA >= 0) {
                return zoom(f, x, fx, d, slope, alpha, fa, slopeA, previous, fPrevious, slopePrevious, xOut,
                        gradientOut);
            }
            previous = alpha;
            fPrevious = fa;
            slopePrevious = slopeA;
            alpha *= 2;                                                       // still going down: go further
        }
        return false;
    }

    /**
     * Shrinks the interval between {@code lo} (meets sufficient decrease, lowest so far) and
     * {@code hi} until a step meets both conditions. {@code fHi} is NaN when φ(hi) is not finite.
     */
    private boolean zoom(DifferentiableFunction f, double[] x, double fx, double[] d, double slope,
            double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi,
            double[] xOut, double[] gradientOut) {
        while (evaluations < maxEvaluations) {
            double width = Math.abs(hi - lo);
            if (width <= 1e-16 * Math.max(Math.abs(hi), Math.abs(lo))) {
                return false;                                                 // nothing left between them
            }
            double alpha = Double.isNaN(fHi) ? Double.NaN : cubicMinimiser(lo, fLo, slopeLo, hi, fHi, slopeHi);
            double left = Math.min(lo, hi) + 0.1 * width;
            double right = Math.max(lo, hi) - 0.1 * width;
            if (!(alpha >= left && alpha <= right)) {
                alpha = 0.5 * (lo + hi);                                      // bisection
            }
            double fa = evaluate(f, x, d, alpha);
            double slopeA = dot(trialGradient, d);
            boolean finite = Double.isFinite(fa) && Double.isFinite(slopeA);
            if (!finite || fa > fx + c1 * alpha * slope || fa >= fLo) {
                hi = alpha;                                                   // too high: the new upper end
                fHi = finite ? fa : Double.NaN;
                slopeHi = slopeA;
            } else {
                keep(alpha, fa, xOut, gradientOut);
                if (Math.abs(slopeA) <= -c2 * slope) {
                    return true;
                }
                if (slopeA * (hi - lo) >= 0) {                                // the minimum lies behind α
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }
                lo = alpha;
                fLo = fa;
                slopeLo = slopeA;
            }
        }
        return false;
    }

    /**
     * Returns the minimiser of the cubic through (a, fa) and (b, fb) with slopes da and db, or NaN
     * when it has none.
     */
    static double cubicMinimiser(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double radicand = d1 * d1 - da * db;
        if (!(radicand >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(radicand);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    /** Sets trialX = x + α·d and returns f there, with its gradient in trialGradient. */
    private double evaluate(DifferentiableFunction f, double[] x, double[] d, double alpha) {
        for (int i = 0; i < x.length; i++) {
            trialX[i] = x[i] + alpha * d[i];                                  // x + α·d
        }
        evaluations++;
        return f.valueAndGradient(trialX, trialGradient);
    }

    private void keep(double alpha, double fa, double[] xOut, double[] gradientOut) {
        step = alpha;
        value = fa;
        System.arraycopy(trialX, 0, xOut, 0, xOut.length);
        System.arraycopy(trialGradient, 0, gradientOut, 0, gradientOut.length);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Returns the step of the point left in xOut by the last search, 0 if none. */
    double step() {
        return step;
    }

    /** Returns f at the point left in xOut by the last search. */
    double value() {
        return value;
    }

    /** Returns the function evaluations of the last search. */
    int evaluations() {
        return evaluations;
    }
}
