package io.github.mlp4j.optim;

import io.github.mlp4j.internal.Checks;

/**
 * A learning-rate schedule that follows half a cosine from {@code ε₀} down to a floor
 * {@code ε_min} over {@code T} epochs, then stays at the floor:
 * <pre>
 * rate(e) = ε_min + (ε₀ − ε_min) · (1 + cos(π·(e − 1)/T)) / 2    for e − 1 &lt; T
 * rate(e) = ε_min                                                for e − 1 ≥ T
 * </pre>
 * with epochs {@code e} counted from 1, so {@code e − 1} is the number of epochs already finished
 * (PyTorch's {@code CosineAnnealingLR} without restarts). Epoch 1 uses {@code ε₀}, the midpoint
 * {@code (ε₀ + ε_min)/2} falls at {@code e = T/2 + 1}, and epoch {@code T + 1} is the first at
 * the floor. To end a run of {@code n} epochs near the floor, use {@code T = n}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param initialRate {@code ε₀}, the rate of epoch 1; positive and finite
 * @param finalRate {@code ε_min}, the floor; in [0, initialRate]
 * @param decayEpochs {@code T}, the length of the decay in epochs; at least 1
 */
public record CosineDecay(double initialRate, double finalRate, int decayEpochs) implements LearningRateSchedule {

    /**
     * Creates a cosine schedule after checking its arguments.
     *
     * @param initialRate {@code ε₀}, positive and finite
     * @param finalRate {@code ε_min}, in [0, initialRate]
     * @param decayEpochs {@code T}, at least 1
     * @throws IllegalArgumentException if {@code initialRate} is not positive and finite,
     *     {@code finalRate} is outside [0, initialRate], or {@code decayEpochs < 1}
     */
    public CosineDecay {
        Checks.positiveFinite(initialRate, "initialRate", "0.1");
        if (!(finalRate >= 0 && finalRate <= initialRate)) {
            throw new IllegalArgumentException("finalRate must be in [0, initialRate] = [0, " + initialRate
                    + "], but was " + finalRate + "; try 0 or a small fraction of initialRate.");
        }
        if (decayEpochs < 1) {
            throw new IllegalArgumentException("decayEpochs must be at least 1, but was " + decayEpochs
                    + "; pass the number of epochs the decay should take, such as the run's epoch count.");
        }
    }

    /**
     * Returns {@code ε_min + (ε₀ − ε_min)·(1 + cos(π·(e − 1)/T))/2}, or {@code ε_min} once
     * {@code e − 1 ≥ T}.
     *
     * @param epoch the epoch {@code e}, counted from 1
     * @return the rate of that epoch
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    @Override
    public double rate(int epoch) {
        int finished = ScheduleChecks.epoch(epoch) - 1;                      // e − 1
        if (finished >= decayEpochs) {
            return finalRate;
        }
        double cosine = StrictMath.cos(Math.PI * finished / decayEpochs);   // cos(π·(e − 1)/T)
        return finalRate + (initialRate - finalRate) * (1 + cosine) / 2;
    }
}
