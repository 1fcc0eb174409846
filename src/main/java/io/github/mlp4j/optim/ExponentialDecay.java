package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Checks;

/**
 * A learning-rate schedule that multiplies the rate by {@code γ} every epoch:
 * <pre>
 * rate(e) = ε₀ · γ^(e − 1)        (e = 1, 2, …)
 * </pre>
 * so the first epoch uses {@code ε₀}. (With epochs counted from 0 this is the familiar
 * {@code ε₀·γ^epoch}.) For example {@code ε₀ = 0.1}, {@code γ = 0.5} gives 0.1, 0.05, 0.025, …
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param initialRate {@code ε₀}, the rate of epoch 1; positive and finite
 * @param factor {@code γ}, in (0, 1]
 */
public record ExponentialDecay(double initialRate, double factor) implements LearningRateSchedule {

    /**
     * Creates an exponential-decay schedule after checking its arguments.
     *
     * @param initialRate {@code ε₀}, positive and finite
     * @param factor {@code γ}, in (0, 1]
     * @throws IllegalArgumentException if {@code initialRate} is not positive and finite or
     *     {@code factor} is outside (0, 1]
     */
    public ExponentialDecay {
        Checks.positiveFinite(initialRate, "initialRate", "0.1");
        ScheduleChecks.factor(factor);
    }

    /**
     * Returns {@code ε₀ · γ^(e − 1)}.
     *
     * @param epoch the epoch {@code e}, counted from 1
     * @return the rate of that epoch; it may underflow to 0 after very many epochs
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    @Override
    public double rate(int epoch) {
        return initialRate * StrictMath.pow(factor, ScheduleChecks.epoch(epoch) - 1); // ε₀ · γ^(e − 1)
    }
}
