package io.github.mlp4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Workers}: every part runs exactly once, errors reach the caller, bad sizes are refused;
 * workers never spin when idle or interrupted, end when idle and restart; the pool splits a task
 * only when splitting was measured to pay.
 *
 * <p>Pools are shared per size in the JVM, so each lifecycle test uses a size no other test uses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkersTest {

    @Test
    void everyPartRunsExactlyOncePerRun() {
        splitAlways(WorkersTest::everyPartRunsExactlyOnce);
    }

    @Test
    void everyPartRunsExactlyOnceWhenThePoolChoosesTheThreads() {
        // the pool may run a task in fewer parts than asked, or as one on the caller, but every run gives
        // all its parts the same count and runs each of them exactly once
        Workers pool = Workers.shared(4);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            for (int round = 0; round < 5_000; round++) {
                int n = 2 + round % 4;
                AtomicIntegerArray runs = new AtomicIntegerArray(n);
                AtomicIntegerArray counts = new AtomicIntegerArray(n + 1);
                pool.run((part, parts) -> {
                    counts.incrementAndGet(parts);
                    runs.incrementAndGet(part);
                }, n);
                int k = 0;
                for (int c = 1; c <= n; c++) {
                    if (counts.get(c) > 0) {
                        assertThat(k).as("round %d: one part count per run", round).isZero();
                        k = c;
                    }
                }
                assertThat(counts.get(k)).isEqualTo(k);
                for (int p = 0; p < n; p++) {
                    assertThat(runs.get(p)).as("round %d part %d of %d", round, p, k).isEqualTo(p < k ? 1 : 0);
                }
            }
        } finally {
            pool.release();
        }
    }

    @Test
    void whenAllThreadsDoNotPayFewerAreTried() {
        // 4 threads: the fourth part takes 40 ms (its core is busy), so 4 parts lose to one thread (12 ms);
        // 2 parts of 5 ms each win: the pool must settle on 2 threads
        firstCheckAfter(TimeUnit.MINUTES.toNanos(1), () -> {
            AtomicIntegerArray byParts = new AtomicIntegerArray(5);
            Workers.Task task = (part, parts) -> {
                byParts.incrementAndGet(parts);
                LockSupportSleep.sleepMillis(parts == 1 ? 12 : parts == 2 ? 5 : part == 3 ? 40 : 3);
            };
            Workers pool = Workers.shared(17);
            int[] measuring = runCounting(pool, byParts, task, 4, 2 * Calibrator.RUNS);
            assertThat(pool.parallelism()).as(pool.reason()).isEqualTo(2);
            assertThat(pool.reason()).startsWith("2 threads: splitting measured faster");
            assertThat(measuring[4]).as("parts of runs on 4 threads, while timing").isPositive();
            int[] after = runCounting(pool, byParts, task, 4, 10);
            assertThat(after[2]).as("parts of runs on 2 threads after the choice").isEqualTo(20);
            assertThat(after[4] + after[1]).as("runs on 4 threads or alone after the choice").isZero();
        });
    }

    private static void everyPartRunsExactlyOnce() {
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
    void theCallerRunsThePartsOfAnOwnerThatIsBehind() {
        splitAlways(WorkersTest::theCallerRunsThePartsOfAnOwnerBehind);
    }

    private static void theCallerRunsThePartsOfAnOwnerBehind() {
        // 2 threads, 8 parts: the worker's block is parts 4 to 7, which it runs in that order. Whoever runs
        // part 4 waits until parts 5, 6 and 7 have run, so a worker held in part 4 cannot run them itself:
        // the caller, done with its own block, must take them (and part 4 too, if the worker starts late).
        Workers pool = Workers.shared(2);
        assertThat(pool.tryAcquire()).isTrue();
        try {
            for (int round = 0; round < 20; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(8);
                CountDownLatch rest = new CountDownLatch(3);
                AtomicBoolean waited = new AtomicBoolean(true);
                Thread caller = Thread.currentThread();
                Set<Integer> onCaller = ConcurrentHashMap.newKeySet();
                pool.run((part, parts) -> {
                    if (part == 4) {
                        try {
                            waited.compareAndSet(true, rest.await(10, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    runs.incrementAndGet(part);
                    if (Thread.currentThread() == caller) {
                        onCaller.add(part);
                    }
                    if (part > 4) {
                        rest.countDown();
                    }
                }, 8);
                assertThat(waited).as("parts 5 to 7 ran while part 4 waited, round %d", round).isTrue();
                assertThat(onCaller).as("round %d", round).contains(0, 5, 6, 7);
                for (int p = 0; p < 8; p++) {
                    assertThat(runs.get(p)).as("round %d part %d", round, p).isEqualTo(1);
                }
            }
        } finally {
            pool.release();
        }
    }

    @Test
    void anErrorInAPartReachesTheCaller() {
        splitAlways(WorkersTest::anErrorReachesTheCaller);
    }

    private static void anErrorReachesTheCaller() {
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

    /** Runs {@code body} with the pools' adaptive choice off, so that every run is split as asked. */
    private static void splitAlways(Runnable body) {
        boolean before = Workers.adaptive;
        Workers.adaptive = false;
        try {
            body.run();
        } finally {
            Workers.adaptive = before;
        }
    }

    /**
     * Returns a 2-part task that records who ran each part; part 0 (the caller's) waits up to 5 s
     * for part 1 to start, so that a worker, even one just started, claims part 1 before the
     * caller could take it over.
     */
    private static Workers.Task twoParts(Set<String> names, Workers.Task body) {
        CountDownLatch second = new CountDownLatch(1);
        return (part, parts) -> {
            if (part == 0) {
                try {
                    second.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                second.countDown();
            }
            body.run(part, parts);
            names.add(Thread.currentThread().getName());
        };
    }

    /** Runs a 2-part task on {@code pool} and returns the names of the threads that ran the parts. */
    private static Set<String> runTwoParts(Workers pool) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        assertThat(pool.tryAcquire()).isTrue();
        try {
            pool.run(twoParts(names, (part, parts) -> { }), 2);
        } finally {
            pool.release();
        }
        return names;
    }

    private static List<Thread> workersOf(int size) {
        String prefix = "mlp4j-worker-" + size + "-";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix))
                .collect(Collectors.toList());
    }

    /** CPU time the live threads named like pool {@code size}'s workers use during {@code millis}, in ms. */
    private static long cpuMillisOfWorkers(int size, long millis) throws InterruptedException {
        List<Thread> workers = workersOf(size);
        long[] before = workers.stream().mapToLong(t -> Math.max(0, ThreadProbe.cpuNanos(t))).toArray();
        Thread.sleep(millis);
        long used = 0;
        for (int i = 0; i < workers.size(); i++) {
            long after = ThreadProbe.cpuNanos(workers.get(i));                 // −1 once the thread has ended
            used += Math.max(0, after - before[i]);
        }
        return used / 1_000_000;
    }

    @Test
    void anInterruptedWorkerNeitherSpinsNorBreaksThePool() throws Exception {
        splitAlways(() -> {
            Workers pool = Workers.shared(7);
            assertThat(pool.tryAcquire()).isTrue();
            try {
                AtomicReference<Thread> worker = new AtomicReference<>();
                Set<String> first = ConcurrentHashMap.newKeySet();
                pool.run(twoParts(first, (part, parts) -> {
                    if (part == 1) {
                        worker.set(Thread.currentThread());
                        Thread.currentThread().interrupt();                    // as a server shutting down would
                    }
                }), 2);
                assertThat(worker.get().getName()).startsWith("mlp4j-worker-7-");
                try {
                    List<Thread> targets = List.of(worker.get());
                    Thread.sleep(300);
                    assertThat(cpuMillisOfWorkers(7, 1_000)).as("CPU ms of interrupted workers in 1 s").isLessThan(50);
                    for (Thread t : targets) {
                        assertThat(t.getState()).as("interrupted worker %s", t.getName())
                                .isIn(Thread.State.TERMINATED, Thread.State.TIMED_WAITING, Thread.State.WAITING);
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                // a later task still runs on two threads
                AtomicIntegerArray ran = new AtomicIntegerArray(2);
                Set<String> names = ConcurrentHashMap.newKeySet();
                pool.run(twoParts(names, (part, parts) -> ran.incrementAndGet(part)), 2);
                assertThat(ran.get(0)).isEqualTo(1);
                assertThat(ran.get(1)).isEqualTo(1);
                assertThat(names).anyMatch(n -> n.startsWith("mlp4j-worker-7-"));
            } finally {
                pool.release();
            }
        });
    }

    @Test
    void interruptingIdleWorkersEndsThemAndTheNextTaskStartsNewOnes() {
        splitAlways(() -> {
            Workers pool = Workers.shared(10);
            assertThat(runTwoParts(pool)).anyMatch(n -> n.startsWith("mlp4j-worker-10-"));
            int startedBefore = pool.threadsStarted();
            workersOf(10).forEach(Thread::interrupt);
            awaitNoWorkers(pool, 10, 5_000);
            assertThat(runTwoParts(pool)).anyMatch(n -> n.startsWith("mlp4j-worker-10-"));
            assertThat(pool.threadsStarted()).isGreaterThan(startedBefore);
        });
    }

    @Test
    void idleWorkersUseNoCpuAndEndAfterTheIdleTimeout() throws Exception {
        long idleBefore = Workers.idleNanos;
        Workers.idleNanos = TimeUnit.MILLISECONDS.toNanos(1_500);
        try {
            splitAlways(() -> {
                Workers pool = Workers.shared(11);
                assertThat(runTwoParts(pool)).anyMatch(n -> n.startsWith("mlp4j-worker-11-"));
                try {
                    Thread.sleep(100);
                    assertThat(pool.liveThreads()).isEqualTo(1);              // parked, not yet ended
                    assertThat(cpuMillisOfWorkers(11, 500)).as("CPU ms of a parked worker in 0.5 s").isLessThan(25);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                awaitNoWorkers(pool, 11, 10_000);
                int startedBefore = pool.threadsStarted();
                assertThat(runTwoParts(pool)).anyMatch(n -> n.startsWith("mlp4j-worker-11-"));
                assertThat(pool.threadsStarted()).isEqualTo(startedBefore + 1);
            });
        } finally {
            Workers.idleNanos = idleBefore;
        }
    }

    private static void awaitNoWorkers(Workers pool, int size, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while ((pool.liveThreads() > 0 || !workersOf(size).isEmpty()) && System.nanoTime() < deadline) {
            LockSupportSleep.sleepMillis(20);
        }
        assertThat(pool.liveThreads()).as("live workers").isZero();
        assertThat(workersOf(size)).as("threads named like the pool's workers").isEmpty();
    }

    @Test
    void workersKeepNoClassLoaderOrThreadLocalOfTheThreadThatStartedThem() throws Exception {
        InheritableThreadLocal<Object> local = new InheritableThreadLocal<>();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader webApp = new URLClassLoader(new URL[0], before)) {
            Thread.currentThread().setContextClassLoader(webApp);
            local.set(new Object());
            AtomicReference<ClassLoader> seen = new AtomicReference<>(webApp);
            AtomicReference<Object> inherited = new AtomicReference<>("unset");
            splitAlways(() -> {
                Workers pool = Workers.shared(12);
                assertThat(pool.tryAcquire()).isTrue();
                try {
                    pool.run(twoParts(ConcurrentHashMap.newKeySet(), (part, parts) -> {
                        if (part == 1) {
                            assertThat(Thread.currentThread().getName()).startsWith("mlp4j-worker-12-");
                            seen.set(Thread.currentThread().getContextClassLoader());
                            inherited.set(local.get());
                        }
                    }), 2);
                } finally {
                    pool.release();
                }
            });
            assertThat(seen.get()).isSameAs(Workers.class.getClassLoader());
            assertThat(inherited.get()).isNull();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            local.remove();
        }
    }

    @Test
    void anErrorInAWorkersPartReachesTheCallerAndIsNotKept() {
        splitAlways(() -> {
            Workers pool = Workers.shared(2);
            assertThat(pool.tryAcquire()).isTrue();
            try {
                assertThatThrownBy(() -> pool.run((part, parts) -> {
                    if (part == 1) {
                        throw new AssertionError("part 1 failed");
                    }
                }, 2)).isInstanceOf(AssertionError.class).hasMessage("part 1 failed");
                pool.run((part, parts) -> { }, 2);                             // no stale error thrown again
            } finally {
                pool.release();
            }
        });
    }

    /**
     * Runs {@code task} {@code runs} times in {@code parts} parts on {@code pool} and returns how many
     * calls of the task each part count got, indexed by part count.
     */
    private static int[] runCounting(Workers pool, AtomicIntegerArray byParts, Workers.Task task, int parts, int runs) {
        int[] before = new int[byParts.length()];
        for (int c = 0; c < before.length; c++) {
            before[c] = byParts.get(c);
        }
        assertThat(pool.tryAcquire()).isTrue();
        try {
            for (int i = 0; i < runs; i++) {
                pool.run(task, parts);
            }
        } finally {
            pool.release();
        }
        int[] calls = new int[before.length];
        for (int c = 0; c < calls.length; c++) {
            calls[c] = byParts.get(c) - before[c];
        }
        return calls;
    }

    /**
     * Runs {@code body} with the first measurement on a site's first runs (no warm-up) and the
     * first re-measurement {@code nanos} after it.
     */
    private static void firstCheckAfter(long nanos, Runnable body) {
        long before = Calibrator.firstCheckNanos;
        long warmUp = Calibrator.warmUpNanos;
        Calibrator.firstCheckNanos = nanos;
        Calibrator.warmUpNanos = 0;
        try {
            body.run();
        } finally {
            Calibrator.firstCheckNanos = before;
            Calibrator.warmUpNanos = warmUp;
        }
    }

    @Test
    void splittingThatDoesNotPayIsDroppedForOneThread() {
        firstCheckAfter(TimeUnit.MINUTES.toNanos(1), WorkersTest::splitDoesNotPay);
    }

    private static void splitDoesNotPay() {
        // split, part 1 takes 10 ms while the whole task alone takes 1 ms: one thread is faster
        Workers pool = Workers.shared(13);
        AtomicIntegerArray byParts = new AtomicIntegerArray(3);
        Workers.Task task = (part, parts) -> {
            byParts.incrementAndGet(parts);
            LockSupportSleep.sleepMillis(parts == 1 ? 1 : part == 1 ? 10 : 0);
        };
        int[] measuring = runCounting(pool, byParts, task, 2, Calibrator.RUNS);
        assertThat(pool.parallelism()).as(pool.reason()).isEqualTo(1);
        assertThat(pool.reason()).startsWith("1 thread: splitting did not pay");
        assertThat(measuring[2]).as("parts of split runs while timing").isBetween(2, Calibrator.RUNS);
        int[] after = runCounting(pool, byParts, task, 2, 10);
        assertThat(after[1]).as("runs alone after the choice").isEqualTo(10);
        assertThat(after[2]).as("parts of split runs after the choice").isZero();
    }

    @Test
    void splittingThatPaysIsKept() {
        firstCheckAfter(TimeUnit.MINUTES.toNanos(1), WorkersTest::splitPays);
    }

    @Test
    void theChoiceIsMeasuredAgainAndFollowsTheMachine() {
        // splitting pays at first (alone 24 ms, split 3 ms per part), then stops paying (part 1 takes 40 ms,
        // as if its core were taken); the next measurement, 50 ms after the first, must switch to one thread
        firstCheckAfter(TimeUnit.MILLISECONDS.toNanos(50), () -> {
            Workers pool = Workers.shared(15);
            AtomicBoolean slowWorker = new AtomicBoolean();
            Workers.Task task = (part, parts) -> LockSupportSleep.sleepMillis(
                    parts == 1 ? 24 : part == 1 && slowWorker.get() ? 40 : 3);
            assertThat(pool.tryAcquire()).isTrue();
            try {
                for (int i = 0; i < Calibrator.RUNS; i++) {
                    pool.run(task, 2);
                }
                assertThat(pool.parallelism()).as(pool.reason()).isEqualTo(2);
                slowWorker.set(true);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (pool.parallelism() != 1 && System.nanoTime() < deadline) {
                    pool.run(task, 2);
                }
                assertThat(pool.parallelism()).as(pool.reason()).isEqualTo(1);
            } finally {
                pool.release();
            }
        });
    }

    @Test
    void aNewSiteWarmsUpOnlyUntilThePoolHasMeasuredOnce() {
        long warmUp = Calibrator.warmUpNanos;
        long firstCheck = Calibrator.firstCheckNanos;
        try {
            Calibrator.firstCheckNanos = 0;
            Workers fresh = Workers.shared(18);
            AtomicIntegerArray freshParts = new AtomicIntegerArray(3);
            Calibrator.warmUpNanos = TimeUnit.MINUTES.toNanos(1);
            int[] young = runCounting(fresh, freshParts, (part, parts) -> freshParts.incrementAndGet(parts), 2,
                    Calibrator.RUNS);
            assertThat(young[1]).as("runs alone during a young pool's warm-up").isZero();

            Workers pool = Workers.shared(19);
            AtomicIntegerArray byParts = new AtomicIntegerArray(3);
            Calibrator.warmUpNanos = 0;                                     // the first site is measured at once
            runCounting(pool, byParts, (part, parts) -> byParts.incrementAndGet(parts), 2, Calibrator.RUNS);
            assertThat(pool.reason()).doesNotContain("nothing measured yet");
            Calibrator.warmUpNanos = TimeUnit.MINUTES.toNanos(1);           // a later site skips the warm-up
            AtomicIntegerArray later = new AtomicIntegerArray(3);
            int[] measuring = runCounting(pool, later, (part, parts) -> later.incrementAndGet(parts), 2,
                    Calibrator.RUNS);
            assertThat(measuring[1]).as("runs alone while a later site is timed").isPositive();
        } finally {
            Calibrator.warmUpNanos = warmUp;
            Calibrator.firstCheckNanos = firstCheck;
        }
    }

    private static void splitPays() {
        // alone the task takes 24 ms; split, each of its two parts takes 3 ms at the same time, on 2 of the
        // 14 threads (the part count asked for); the margin leaves room for a loaded machine's delays
        Workers pool = Workers.shared(14);
        AtomicIntegerArray byParts = new AtomicIntegerArray(3);
        Workers.Task task = (part, parts) -> {
            byParts.incrementAndGet(parts);
            LockSupportSleep.sleepMillis(parts == 1 ? 24 : 3);
        };
        int[] measuring = runCounting(pool, byParts, task, 2, Calibrator.RUNS);
        assertThat(pool.parallelism()).as(pool.reason()).isEqualTo(2);
        assertThat(pool.reason()).startsWith("2 threads: splitting measured faster");
        assertThat(measuring[1]).as("runs alone while timing").isBetween(1, Calibrator.RUNS / 2);
        int[] after = runCounting(pool, byParts, task, 2, 10);
        assertThat(after[2]).as("parts of split runs after the choice").isEqualTo(20);
        assertThat(after[1]).as("runs alone after the choice").isZero();
    }

    @Test
    void aRunAllocatesNothing() {
        Workers pool = Workers.shared(2);
        double[] sums = new double[2];
        Workers.Task task = (part, parts) -> {
            for (int i = part; i < 2_000; i += parts) {
                sums[part] += Math.sqrt(i);
            }
        };
        assertThat(pool.tryAcquire()).isTrue();
        try {
            for (int i = 0; i < 20_000; i++) {
                pool.run(task, 2);                                             // warm up: threads, JIT, first measurements
            }
            long before = ThreadProbe.allocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                pool.run(task, 2);
            }
            assertThat(ThreadProbe.allocatedBytes() - before).as("bytes allocated by 20,000 runs").isLessThan(1_024);
        } finally {
            pool.release();
        }
    }

    /** Runs a split task that holds {@code payload}, and one that fails with it; returns nothing that holds it. */
    private static void runTasksHolding(Workers pool, Object payload) {
        Object[] box = {payload};
        pool.run(twoParts(ConcurrentHashMap.newKeySet(), (part, parts) -> assertThat(box[0]).isNotNull()), 2);
        try {
            pool.run(twoParts(ConcurrentHashMap.newKeySet(), (part, parts) -> {
                if (part == 1) {
                    throw new IllegalStateException(String.valueOf(box[0].hashCode()));
                }
            }), 2);
        } catch (IllegalStateException expected) {
            // the error reached the caller; it is dropped here
        }
    }

    @Test
    void thePoolKeepsNoReferenceToATaskOrAnErrorAfterTheRun() {
        splitAlways(() -> {
            Workers pool = Workers.shared(16);
            assertThat(pool.tryAcquire()).isTrue();
            java.lang.ref.WeakReference<Object> held;
            try {
                Object payload = new byte[1 << 20];
                held = new java.lang.ref.WeakReference<>(payload);
                runTasksHolding(pool, payload);
                payload = null;
            } finally {
                pool.release();
            }
            for (int i = 0; i < 50 && held.get() != null; i++) {
                System.gc();
                LockSupportSleep.sleepMillis(20);
            }
            assertThat(held.get()).as("the tasks' data, once the runs are over").isNull();
        });
    }
}
