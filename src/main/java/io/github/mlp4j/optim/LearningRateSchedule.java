package io.github.mlp4j.optim;

/**
 * A learning rate that depends on the epoch, so that training can take large steps first and
 * smaller ones later.
 *
 * <p>Epochs are counted from 1, like the training loop's epochs: {@code rate(1)} is the rate of
 * the first epoch, and every schedule here starts at its initial rate there. The trainer asks
 * once per epoch and passes the answer to {@link Optimizer.State#update}.
 *
 * <p>This is a functional interface, so a lambda such as {@code epoch -> epoch <= 5 ? 0.1 : 0.01}
 * works too. The implementations below are immutable and thread-safe; they use
 * {@link StrictMath}, so the same epoch gives the same bits on every JVM.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Returns the learning rate for one epoch.
     *
     * @param epoch the epoch, counted from 1
     * @return the learning rate, positive and finite for the schedules in this package (a
     *     {@link CosineDecay} with a final rate of 0 returns 0 once it has finished)
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    double rate(int epoch);

    /**
     * Returns a schedule that gives the same rate in every epoch.
     *
     * @param learningRate the rate, positive and finite
     * @return the constant schedule
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     * @see ConstantRate
     */
    static LearningRateSchedule constant(double learningRate) {
        return new ConstantRate(learningRate);
    }

    /**
     * Returns a schedule that multiplies the rate by {@code factor} every {@code epochsPerStep}
     * epochs: {@code rate(e) = initialRate · factor^⌊(e − 1) / epochsPerStep⌋}.
     *
     * @param initialRate the rate of epochs 1 to {@code epochsPerStep}, positive and finite
     * @param epochsPerStep how many epochs share one rate, at least 1
     * @param factor {@code γ}, in (0, 1]
     * @return the step-decay schedule
     * @throws IllegalArgumentException if an argument is out of range
     * @see StepDecay
     */
    static LearningRateSchedule stepDecay(double initialRate, int epochsPerStep, double factor) {
        return new StepDecay(initialRate, epochsPerStep, factor);
    }

    /**
     * Returns a schedule that multiplies the rate by {@code factor} every epoch:
     * {@code rate(e) = initialRate · factor^(e − 1)}.
     *
     * @param initialRate the rate of epoch 1, positive and finite
     * @param factor {@code γ}, in (0, 1]
     * @return the exponential-decay schedule
     * @throws IllegalArgumentException if an argument is out of range
     * @see ExponentialDecay
     */
    static LearningRateSchedule exponentialDecay(double initialRate, double factor) {
        return new ExponentialDecay(initialRate, factor);
    }

    /**
     * Returns a schedule that follows half a cosine from {@code initialRate} down to
     * {@code finalRate} over {@code decayEpochs} epochs, then stays at {@code finalRate}.
     *
     * @param initialRate the rate of epoch 1, positive and finite
     * @param finalRate the floor, in [0, initialRate]
     * @param decayEpochs {@code T}, the number of epochs the decay takes, at least 1; the rate
     *     reaches the floor at epoch {@code T + 1}
     * @return the cosine schedule
     * @throws IllegalArgumentException if an argument is out of range
     * @see CosineDecay
     */
    static LearningRateSchedule cosine(double initialRate, double finalRate, int decayEpochs) {
        return new CosineDecay(initialRate, finalRate, decayEpochs);
    }
}
