package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Checks;

/**
 * A learning-rate schedule that multiplies the rate by {@code γ} every {@code k} epochs:
 * <pre>
 * rate(e) = ε₀ · γ^⌊(e − 1) / k⌋        (e = 1, 2, …)
 * </pre>
 * For example {@code ε₀ = 0.1}, {@code k = 10}, {@code γ = 0.5} gives 0.1 in epochs 1–10, 0.05 in
 * epochs 11–20, 0.025 in epochs 21–30, and so on.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param initialRate {@code ε₀}, the rate of the first {@code k} epochs; positive and finite
 * @param epochsPerStep {@code k}, the number of epochs that share one rate; at least 1
 * @param factor {@code γ}, in (0, 1]
 */
public record StepDecay(double initialRate, int epochsPerStep, double factor) implements LearningRateSchedule {

    /**
     * Creates a step-decay schedule after checking its arguments.
     *
     * @param initialRate {@code ε₀}, positive and finite
     * @param epochsPerStep {@code k}, at least 1
     * @param factor {@code γ}, in (0, 1]
     * @throws IllegalArgumentException if {@code initialRate} is not positive and finite,
     *     {@code epochsPerStep < 1} or {@code factor} is outside (0, 1]
     */
    public StepDecay {
        Checks.positiveFinite(initialRate, "initialRate", "0.1");
        if (epochsPerStep < 1) {
            throw new IllegalArgumentException("epochsPerStep must be at least 1, but was " + epochsPerStep
                    + "; try a value such as 10.");
        }
        ScheduleChecks.factor(factor);
    }

    /**
     * Returns {@code ε₀ · γ^⌊(e − 1) / k⌋}.
     *
     * @param epoch the epoch {@code e}, counted from 1
     * @return the rate of that epoch
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    @Override
    public double rate(int epoch) {
        int steps = (ScheduleChecks.epoch(epoch) - 1) / epochsPerStep;    // ⌊(e − 1) / k⌋
        return initialRate * StrictMath.pow(factor, steps);             // ε₀ · γ^steps
    }
}
