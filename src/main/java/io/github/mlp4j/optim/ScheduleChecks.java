package io.github.mlp4j.optim;

/** Argument checks shared by the learning-rate schedules. */
final class ScheduleChecks {
    private ScheduleChecks() {
    }

    /**
     * Returns {@code epoch} if it is at least 1, else throws.
     *
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    static int epoch(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1 (epochs are counted from 1), but was "
                    + epoch + "; ask for rate(1) for the first epoch.");
        }
        return epoch;
    }

    /**
     * Returns {@code factor} if it lies in (0, 1], else throws.
     *
     * @throws IllegalArgumentException if {@code factor} is outside (0, 1] or NaN
     */
    static double factor(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], but was " + factor
                    + "; try a value such as 0.5 (1 keeps the rate constant).");
        }
        return factor;
    }
}
