package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Lbfgs;
import java.util.List;
import java.util.Locale;

/**
 * The full-batch training loop {@link Trainer} runs when its optimizer is {@link Lbfgs}.
 *
 * <p>The objective is {@link FullBatchCost}: the mean cost over all training rows plus
 * {@code (λ/2)·‖θ‖²} for the configured weight decay. One epoch of the history is one L-BFGS
 * iteration (which may evaluate the cost several times); its learning-rate column holds the step
 * length α the line search took. Training stops after {@code min(config.epochs(),
 * lbfgs.maxIterations())} iterations, when L-BFGS converges ({@link History.StopReason#CONVERGED}),
 * or by the trainer's own rules: the target cost, then early stopping, checked after each
 * iteration as after each epoch. The batch size, learning-rate schedule and gradient clipping do
 * not apply.
 */
final class LbfgsTraining {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners;
    private final Lbfgs lbfgs;

    LbfgsTraining(TrainingConfig config, List<TrainingListener> listeners, Lbfgs lbfgs) {
        this.config = config;
        this.listeners = listeners;
        this.lbfgs = lbfgs.withMaxIterations(Math.min(config.epochs(), lbfgs.maxIterations()));
    }

    /** Trains on rows x, y (checked by the caller), validating on xv, yv when not null. */
    History run(Network net, double[][] x, double[][] y, double[][] xv, double[][] yv) {
        RunRecord record = new RunRecord(config, listeners, net, xv, yv);   // checks the early-stopping monitor
        FullBatchCost cost = new FullBatchCost(net, x, y, config.weightDecay());
        record.start(x.length);
        double[] theta = net.parameters();
        Lbfgs.Result result;
        try {
            result = lbfgs.minimize(cost, theta, (iteration, value, point, step) -> {
                net.setParameters(point);                                   // the accepted point
                double trainingCost = value - Gradients.l2Penalty(point, config.weightDecay());
                return record.endEpoch(iteration, trainingCost, step, lbfgs.maxIterations());
            });
        } catch (IllegalArgumentException e) {                              // not finite at the start
            DivergenceException d = new DivergenceException(1, 1, Double.NaN, "the cost");
            d.initCause(e);
            throw record.diverged(d);
        }
        net.setParameters(theta);                                           // the final, lowest point
        if (!record.stopped() && result.termination() != Lbfgs.Termination.MAX_ITERATIONS) {
            record.stop(History.StopReason.CONVERGED, convergedMessage(result));
        }
        record.restoreBest();                                               // the best iteration's θ
        return record.end("ran " + result.iterations() + " L-BFGS iterations.");
    }

    /** Returns the sentence that says how L-BFGS converged. */
    private String convergedMessage(Lbfgs.Result result) {
        return switch (result.termination()) {
            case GRADIENT_NORM -> String.format(Locale.ROOT, "L-BFGS converged: gradient norm %.3g ≤ %.3g after %d"
                    + " iterations.", result.gradientNorm(), lbfgs.gradientTolerance(), result.iterations());
            case RELATIVE_COST_CHANGE -> String.format(Locale.ROOT, "L-BFGS converged: the cost changed by at most %.3g"
                    + " (relative) in iteration %d.", lbfgs.relativeCostTolerance(), result.iterations());
            default -> String.format(Locale.ROOT, "L-BFGS converged: no lower cost along the search direction after"
                    + " %d iterations (gradient norm %.3g).", result.iterations(), result.gradientNorm());
        };
    }
}
