/**
 * Optimizers, learning-rate schedules and gradient utilities that turn a gradient into a
 * parameter update.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>All parameters of a network live in one flat array {@code theta}, and the gradient in a
 *       flat array {@code g} of the same length, with {@code g = ∂C/∂θ}.</li>
 *   <li>Optimizers subtract: every update has the form {@code θ ← θ − ε·(…)}, where {@code ε} is
 *       the learning rate of the current step.</li>
 *   <li>An {@link io.github.mlp4j.optim.Optimizer} is immutable configuration that can be shared;
 *       {@link io.github.mlp4j.optim.Optimizer#start(int)} creates the mutable
 *       {@link io.github.mlp4j.optim.Optimizer.State} (moments, step count) for one training
 *       run.</li>
 *   <li>Epochs given to a {@link io.github.mlp4j.optim.LearningRateSchedule} are counted from 1,
 *       like the training loop's epochs.</li>
 * </ul>
 *
 * <p>{@link io.github.mlp4j.optim.Lbfgs} is the exception: a full-batch quasi-Newton method that
 * minimises any {@link io.github.mlp4j.optim.DifferentiableFunction} of a flat θ (value and
 * gradient together) with a strong-Wolfe line search, instead of applying one update per batch.
 *
 * <h2>Life cycle</h2>
 * <pre>{@code
 * Optimizer optimizer = Optimizer.adam();                 // shareable configuration
 * LearningRateSchedule schedule = LearningRateSchedule.constant(0.001);
 * Optimizer.State state = optimizer.start(theta.length);  // one per training run
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     double learningRate = schedule.rate(epoch);
 *     for (each batch) {
 *         computeGradient(theta, gradient);               // g = ∂C/∂θ, overwritten
 *         Gradients.clipByNorm(gradient, 5.0);            // optional
 *         state.update(theta, gradient, learningRate);    // θ ← θ − ε·(…)
 *     }
 * }
 * }</pre>
 */
package io.github.mlp4j.optim;
