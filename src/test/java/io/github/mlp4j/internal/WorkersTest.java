package io.github.mlp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Workers}: every part runs exactly once, errors reach the caller, bad sizes are refused. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkersTest {

    @Test
    void everyPartRunsExactlyOncePerRun() {
        Workers pool = Workers.shared(3);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            // runs that follow each other with different part counts: a worker still finishing one run
            // must never take a part of the next with the wrong task or count (this once hung)
            for (int round = 0; round < 50_000; round++) {
                int n = 1 + round % 5;                                        // fewer and more parts than threads
                AtomicIntegerArray runs = new AtomicIntegerArray(n);
                pool.run((part, parts) -> {
                    assertThat(parts).isEqualTo(n);
                    runs.incrementAndGet(part);
                }, n);
                for (int p = 0; p < n; p++) {
                    assertThat(runs.get(p)).as("round %d part %d", round, p).isEqualTo(1);
                }
            }
        } finally {
            pool.release();
        }
    }

    @Test
    void theCallerRunsAPartWhoseOwnerIsBusy() throws Exception {
        // 2 threads, 4 parts: parts 1 and 3 belong to the worker. Whoever runs part 1 waits until part 3
        // has run, so the worker, held in part 1, cannot run part 3 itself: the caller must take it.
        Workers pool = Workers.shared(2);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            for (int round = 0; round < 20; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(4);
                CountDownLatch third = new CountDownLatch(1);
                AtomicBoolean waited = new AtomicBoolean(true);
                pool.run((part, parts) -> {
                    if (part == 1) {
                        try {
                            waited.compareAndSet(true, third.await(10, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    runs.incrementAndGet(part);
                    if (part == 3) {
                        third.countDown();
                    }
                }, 4);
                assertThat(waited).as("part 3 ran while part 1 waited, round %d", round).isTrue();
                for (int p = 0; p < 4; p++) {
                    assertThat(runs.get(p)).as("round %d part %d", round, p).isEqualTo(1);
                }
            }
        } finally {
            pool.release();
        }
    }

    @Test
    void anErrorInAPartReachesTheCaller() {
        Workers pool = Workers.shared(2);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            assertThatThrownBy(() -> pool.run((part, parts) -> {
                if (part == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
            }, 2)).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
            int[] after = new int[1];
            pool.run((part, parts) -> {
                synchronized (after) {
                    after[0]++;
                }
            }, 2);
            assertThat(after[0]).isEqualTo(2);                               // the pool still works
        } finally {
            pool.release();
        }
    }

    @Test
    void poolSizesOutsideTwoToSixtyFourAreRefused() {
        assertThatThrownBy(() -> Workers.shared(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 2 and 64, but was 1");
        assertThat(Workers.shared(2)).isSameAs(Workers.shared(2));
        assertThat(Workers.shared(2).size()).isEqualTo(2);
    }
}
