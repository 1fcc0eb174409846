package io.github.mlp4j.optim;

import java.util.Objects;

/**
 * Utilities that adjust a flat gradient {@code g = ∂C/∂θ} before an optimizer applies it:
 * clipping by norm and L2 weight decay.
 *
 * <p>This class has only static methods and no state.
 */
public final class Gradients {
    private Gradients() {
    }

    /**
     * Returns the Euclidean (L2) norm {@code ‖g‖ = √(Σ gᵢ²)} of a gradient.
     *
     * <p>The squares are added into four partial sums (entries {@code i ≡ 0, 1, 2, 3 mod 4}), then
     * added together: four independent sums that the processor overlaps, about three times faster
     * than one running sum. The sum is rescaled when it would overflow, so a gradient with entries
     * near {@code 1e200} still gets a finite norm. A NaN entry gives NaN; an infinite entry gives
     * infinity.
     *
     * @param gradient the gradient; not modified
     * @return the norm, at least 0
     * @throws NullPointerException if {@code gradient} is null
     */
    public static double norm(double[] gradient) {
        Objects.requireNonNull(gradient, "gradient");
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = gradient.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += gradient[i] * gradient[i];                           // Σ gᵢ², four partial sums
            s1 += gradient[i + 1] * gradient[i + 1];
            s2 += gradient[i + 2] * gradient[i + 2];
            s3 += gradient[i + 3] * gradient[i + 3];
        }
        for (; i < n; i++) {
            s0 += gradient[i] * gradient[i];
        }
        double sumOfSquares = (s0 + s1) + (s2 + s3);
        if (Double.isFinite(sumOfSquares)) {
            return Math.sqrt(sumOfSquares);                            // ‖g‖ = √(Σ gᵢ²)
        }
        return rescaledNorm(gradient);
    }

    /** Computes ‖g‖ as max|gᵢ|·√(Σ (gᵢ/max|gᵢ|)²), for sums of squares that overflow. */
    private static double rescaledNorm(double[] gradient) {
        double largest = 0;
        for (double g : gradient) {
            if (Double.isNaN(g)) {
                return Double.NaN;
            }
            largest = Math.max(largest, Math.abs(g));
        }
        if (Double.isInfinite(largest)) {
            return Double.POSITIVE_INFINITY;
        }
        double sumOfSquares = 0;
        for (double g : gradient) {
            double scaled = g / largest;
            sumOfSquares += scaled * scaled;
        }
        return largest * Math.sqrt(sumOfSquares);
    }

    /**
     * Scales a gradient in place so that its L2 norm is at most {@code maxNorm}, and returns the
     * norm it had before.
     *
     * <p>If {@code ‖g‖ > maxNorm}, every entry is multiplied by {@code maxNorm / ‖g‖}, which keeps
     * the gradient's direction; otherwise the gradient is left unchanged. A gradient whose norm is
     * NaN or infinite is left unchanged and its norm is returned, so that the caller can stop
     * training with a clear message instead of taking a meaningless step.
     *
     * @param gradient the gradient; overwritten with the clipped gradient
     * @param maxNorm the largest norm allowed, positive and finite
     * @return {@code ‖g‖} before clipping
     * @throws NullPointerException if {@code gradient} is null
     * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite
     */
    public static double clipByNorm(double[] gradient, double maxNorm) {
        Objects.requireNonNull(gradient, "gradient");
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be positive and finite, but was " + maxNorm
                    + "; try a value such as 1.0 or 5.0.");
        }
        double norm = norm(gradient);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / norm;                             // g ← g · maxNorm/‖g‖
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= scale;
            }
        }
        return norm;
    }

    /**
     * Adds L2 weight decay to a gradient: {@code g ← g + λ·θ}.
     *
     * <p>{@code λ·θ} is the gradient of the penalty {@code (λ/2)·‖θ‖²} (see
     * {@link #l2Penalty(double[], double)}), so this turns the gradient of {@code C} into the
     * gradient of {@code C + (λ/2)·‖θ‖²}. Every parameter is decayed, biases included. With
     * {@link Sgd} this equals decoupled decay; with adaptive optimizers such as {@link Adam} it
     * does not, which is why {@link AdamW} exists.
     *
     * @param gradient {@code ∂C/∂θ}; overwritten with {@code g + λ·θ}
     * @param theta the parameters, of the same length; not modified
     * @param lambda {@code λ}, finite and at least 0 (0 leaves the gradient unchanged)
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the lengths differ or {@code lambda} is negative or not
     *     finite
     */
    public static void addL2(double[] gradient, double[] theta, double lambda) {
        checkSameLength(gradient, theta);
        UpdateChecks.nonNegativeFinite(lambda, "lambda", "1e-4");
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += lambda * theta[i];                          // g ← g + λ·θ
        }
    }

    /**
     * Returns the L2 penalty {@code (λ/2)·‖θ‖²} whose gradient {@link #addL2} adds, for reporting
     * the regularised cost.
     *
     * @param theta the parameters; not modified
     * @param lambda {@code λ}, finite and at least 0
     * @return {@code (λ/2)·Σ θᵢ²}
     * @throws NullPointerException if {@code theta} is null
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    public static double l2Penalty(double[] theta, double lambda) {
        Objects.requireNonNull(theta, "theta");
        UpdateChecks.nonNegativeFinite(lambda, "lambda", "1e-4");
        double sumOfSquares = 0;
        for (double t : theta) {
            sumOfSquares += t * t;                                     // ‖θ‖²
        }
        return 0.5 * lambda * sumOfSquares;                            // (λ/2)·‖θ‖²
    }

    private static void checkSameLength(double[] gradient, double[] theta) {
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(theta, "theta");
        if (gradient.length != theta.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values but theta has "
                    + theta.length + "; pass one gradient value per parameter.");
        }
    }
}
