package io.github.mlp4j.optim;

/**
 * A smooth function of a flat parameter vector that gives its value and gradient together, the
 * objective {@link Lbfgs} minimises.
 *
 * <p>Any cost of a flat {@code θ} fits: a network's full-batch cost (as the trainer builds it), a
 * sum of partial costs computed elsewhere (a cluster's workers, say), or a test function such as
 * Rosenbrock's. The value may be {@code +∞} or NaN where the function is undefined or overflows;
 * the line search then takes a shorter step.
 */
@FunctionalInterface
public interface DifferentiableFunction {

    /**
     * Returns {@code f(θ)} and writes the gradient {@code ∇f(θ)} into {@code gradientOut}.
     *
     * @param theta the point, of length n; not modified (it must not be kept after the call: the
     *     caller reuses the array)
     * @param gradientOut an array of length n; overwritten with {@code ∂f/∂θ}
     * @return {@code f(θ)}
     */
    double valueAndGradient(double[] theta, double[] gradientOut);
}
