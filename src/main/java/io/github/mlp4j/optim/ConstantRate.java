package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Checks;

/**
 * A learning-rate schedule that gives the same rate in every epoch: {@code rate(e) = ε}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param learningRate the rate {@code ε}, positive and finite
 */
public record ConstantRate(double learningRate) implements LearningRateSchedule {

    /**
     * Creates a constant schedule after checking its rate.
     *
     * @param learningRate the rate {@code ε}, positive and finite
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public ConstantRate {
        Checks.positiveFinite(learningRate, "learningRate", "0.01");
    }

    /**
     * Returns {@link #learningRate()}, whatever the epoch.
     *
     * @param epoch the epoch, counted from 1
     * @return the constant rate
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    @Override
    public double rate(int epoch) {
        ScheduleChecks.epoch(epoch);
        return learningRate;
    }
}
