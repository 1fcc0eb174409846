package io.github.mlp4j.internal;

import java.util.concurrent.TimeUnit;

/** A sleep for tests that keeps, rather than throws on, an interrupt. */
final class LockSupportSleep {
    private LockSupportSleep() {
    }

    /** Sleeps about {@code millis} ms (not at all for 0), keeping the thread's interrupt flag as it was. */
    static void sleepMillis(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                while (deadline - System.nanoTime() > 0) {
                    Thread.onSpinWait();                                       // park returns at once while interrupted
                }
            }
        }
    }
}
