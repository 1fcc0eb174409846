package io.github.mlp4j.train;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Lbfgs;
import java.util.ArrayList;
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
        EarlyStopping rule = config.earlyStopping().orElse(null);
        boolean validating = xv != null;
        boolean classifier = Trainer.isClassifier(net);
        Trainer.checkMonitor(rule, validating, classifier);
        int[] actual = validating && classifier ? Trainer.labels(yv) : null;
        FullBatchCost cost = new FullBatchCost(net, x, y, config.weightDecay());
        for (TrainingListener l : listeners) {
            l.onTrainingStart(net, config, x.length, validating ? xv.length : 0);
        }
        Loop loop = new Loop(net, rule, xv, yv, actual);
        double[] theta = net.parameters();
        Lbfgs.Result result;
        try {
            result = lbfgs.minimize(cost, theta, loop::afterIteration);
        } catch (IllegalArgumentException e) {                              // not finite at the start
            DivergenceException d = new DivergenceException(1, 1, Double.NaN, "the cost");
            d.initCause(e);
            for (TrainingListener l : listeners) {
                l.onDivergence(d);
            }
            throw d;
        }
        net.setParameters(theta);                                           // the final, lowest point
        History.StopReason reason = loop.reason;
        String why = loop.why;
        if (reason == null) {
            switch (result.termination()) {
                case MAX_ITERATIONS -> {
                    reason = History.StopReason.COMPLETED;
                    why = "ran " + result.iterations() + " L-BFGS iterations.";
                }
                case GRADIENT_NORM -> {
                    reason = History.StopReason.CONVERGED;
                    why = String.format(Locale.ROOT, "L-BFGS converged: gradient norm %.3g ≤ %.3g after %d iterations.",
                            result.gradientNorm(), lbfgs.gradientTolerance(), result.iterations());
                }
                case RELATIVE_COST_CHANGE -> {
                    reason = History.StopReason.CONVERGED;
                    why = String.format(Locale.ROOT, "L-BFGS converged: the cost changed by at most %.3g (relative)"
                            + " in iteration %d.", lbfgs.relativeCostTolerance(), result.iterations());
                }
                default -> {
                    reason = History.StopReason.CONVERGED;
                    why = String.format(Locale.ROOT, "L-BFGS converged: no lower cost along the search direction after"
                            + " %d iterations (gradient norm %.3g).", result.iterations(), result.gradientNorm());
                }
            }
            if (reason == History.StopReason.CONVERGED) {
                for (TrainingListener l : listeners) {
                    l.onStop(reason, why);
                }
            }
        }
        if (loop.bestTheta != null && loop.bestEpoch != loop.rows.size()) {
            net.setParameters(loop.bestTheta);                              // restore the best iteration's θ
            why = why + " Restored the parameters of epoch " + loop.bestEpoch + ".";
        }
        History history = new History(loop.rows, reason, why, rule == null ? 0 : loop.bestEpoch);
        for (TrainingListener l : listeners) {
            l.onTrainingEnd(history);
        }
        return history;
    }

    /** What happens after each iteration: a history row, the listeners, the stopping rules. */
    private final class Loop {
        private final Network net;
        private final EarlyStopping rule;
        private final double[][] xv;
        private final double[][] yv;
        private final int[] actual;
        private final long startNanos = System.nanoTime();
        final List<History.Epoch> rows = new ArrayList<>();
        double best = Double.NaN;
        int bestEpoch;
        double[] bestTheta;
        History.StopReason reason;
        String why;

        Loop(Network net, EarlyStopping rule, double[][] xv, double[][] yv, int[] actual) {
            this.net = net;
            this.rule = rule;
            this.xv = xv;
            this.yv = yv;
            this.actual = actual;
        }

        boolean afterIteration(int iteration, double value, double[] theta, double step) {
            net.setParameters(theta);                                       // the accepted point
            double trainingCost = value - Gradients.l2Penalty(theta, config.weightDecay());
            double validationCost = xv != null ? net.loss(xv, yv) : Double.NaN;
            double accuracy = actual != null ? Trainer.accuracy(net.predictClass(xv), actual) : Double.NaN;
            History.Epoch row = new History.Epoch(iteration, trainingCost, validationCost, accuracy, step,
                    (System.nanoTime() - startNanos) / 1e9);
            rows.add(row);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(row);
            }
            if (rule != null) {
                double monitored = row.value(rule.monitor());
                if (rule.improves(monitored, best)) {
                    best = monitored;
                    bestEpoch = iteration;
                    bestTheta = rule.restoreBestWeights() ? theta.clone() : null;
                }
            }
            if (trainingCost <= config.targetCost()) {
                reason = History.StopReason.TARGET_COST;
                why = String.format(Locale.ROOT, "training cost %.6g reached the target %.6g in epoch %d.",
                        trainingCost, config.targetCost(), iteration);
            } else if (rule != null && iteration - bestEpoch >= rule.patience()) {
                reason = History.StopReason.EARLY_STOPPING;
                why = String.format(Locale.ROOT, "%s did not improve for %d epochs after epoch %d (%.6g).",
                        Trainer.name(rule.monitor()), rule.patience(), bestEpoch, best);
            }
            if (reason != null) {
                if (iteration < lbfgs.maxIterations()) {
                    for (TrainingListener l : listeners) {
                        l.onStop(reason, why);
                    }
                    return false;
                }
                reason = null;                                              // the rule fired in the last epoch
                why = null;
            }
            return true;
        }
    }
}
