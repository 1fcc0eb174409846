package io.github.mlp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Calibrator}'s rule for workers that keep arriving late, driven directly. */
class CalibratorTest {

    /** Runs {@code body} with new sites warming up for a minute, so that only lateness starts a measurement. */
    private static void withLongWarmUp(Runnable body) {
        long warmUp = Calibrator.warmUpNanos;
        Calibrator.warmUpNanos = TimeUnit.MINUTES.toNanos(1);
        try {
            body.run();
        } finally {
            Calibrator.warmUpNanos = warmUp;
        }
    }

    /** Reports one window of untimed split runs of site {@code s}, {@code late} of them with a late worker. */
    private static void window(Calibrator calibrator, int s, int late) {
        for (int i = 0; i < Calibrator.LATE_WINDOW; i++) {
            calibrator.splitRan(s, i < late);
        }
    }

    @Test
    void workersThatKeepArrivingLateStartAMeasurementOnceTheSiteIsPastItsFirstMoments() {
        withLongWarmUp(() -> {
            Calibrator calibrator = new Calibrator(2);
            Object network = new Object();
            int s = calibrator.site(network, 2);
            int many = (int) (Calibrator.LATE_SHARE * Calibrator.LATE_WINDOW) + 1;

            window(calibrator, s, many);                                    // too early: the JIT may be the cause
            assertThat(calibrator.plan(s)).isEqualTo(Calibrator.SPLIT);

            LockSupportSleep.sleepMillis(TimeUnit.NANOSECONDS.toMillis(Calibrator.LATE_AFTER_NANOS) + 20);
            window(calibrator, s, many - 2);                                // at the share: not late enough
            assertThat(calibrator.plan(s)).isEqualTo(Calibrator.SPLIT);

            window(calibrator, s, many);
            assertThat(calibrator.plan(s)).isEqualTo(Calibrator.TIME_SPLIT);   // measured now
        });
    }
}
