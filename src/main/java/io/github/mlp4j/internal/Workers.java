package io.github.mlp4j.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small pool of daemon threads that runs one {@link Task} split into parts, the calling thread
 * doing part 0.
 *
 * <p>Each thread owns a block of neighbouring parts (the caller the first) and runs them in order:
 * the same thread runs the same parts run after run, so the rows or columns they work on stay in
 * that core's cache. A thread that finishes its block takes the parts other threads have not
 * started yet, from the end of their blocks down, so a thread slowed by other work on its core
 * (or simply given the harder parts) delays a run by a part, not by its whole share. The first
 * part of a block is left to its owner, which may be about to start; the caller takes it after
 * {@link #PATIENCE_NANOS}: a worker that the operating system has not scheduled delays a run by
 * microseconds, not by a time slice. Every part is claimed with a compare-and-set, so no part
 * runs twice.
 *
 * <p><b>Lifecycle.</b> Workers start on the first task that needs them. Between tasks a worker
 * spins for {@link #SPIN_NANOS} (a training step hands out tasks back to back), then parks; a
 * worker parked for the idle timeout (3 s, or the system property {@code mlp4j.workers.idleMillis})
 * ends, and the next task starts it again. An interrupt ends an idle worker at once (application
 * servers and {@code mvn exec:java} interrupt threads when they shut down); a worker interrupted
 * while it runs a part finishes the part first. So an idle pool costs no CPU, and a program that
 * stops using the library keeps none of its threads. A worker's context class loader is the
 * library's, and it inherits no thread-local values from the thread that started it; the pool
 * keeps no reference to a task or an error after the run.
 *
 * <p><b>How many threads.</b> Every task splits its work deterministically, so which thread runs
 * which part, and how many parts there are, never changes a result. The pool uses that freedom:
 * a {@link Calibrator} times each kind of task split and on the calling thread alone, and runs it
 * on fewer threads, or on one, when splitting does not pay (on a machine whose cores are busy with
 * other work).
 * {@link #parallelism()} and {@link #reason()} say what it chose. The system property
 * {@code mlp4j.workers.adaptive=false} turns this off: then every task is split as asked.
 *
 * <p>Running a task allocates nothing. One pool per thread count is shared by every network; a
 * caller that finds the pool busy ({@link #tryAcquire()} fails) runs its task on one thread
 * instead, which gives the same results.
 */
public final class Workers {
    /** A unit of work split into {@code parts} pieces, each run by one thread. */
    public interface Task {
        /**
         * Runs piece {@code part} of {@code parts}.
         *
         * @param part the piece's index, 0 to parts − 1
         * @param parts the number of pieces
         */
        void run(int part, int parts);
    }

    private static final int MAX_THREADS = 64;
    private static final int MAX_PARTS = 0xFFFF;
    private static final Workers[] POOLS = new Workers[MAX_THREADS + 1];

    /** How long a worker spins for the next task before it parks. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** How long the caller waits for a part's owner to start it before it runs the part itself. */
    private static final long PATIENCE_NANOS = TimeUnit.MICROSECONDS.toNanos(40);
    /** How long the caller spins for the workers to finish their parts before it parks. */
    private static final long WAIT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Array slots between two threads' or parts' flags: 64 bytes, one cache line. */
    private static final int STRIDE = 16;

    /** Worker states, per thread slot. */
    private static final int NONE = 0;
    private static final int RUNNING = 1;
    private static final int PARKED = 2;

    /** How long a parked worker waits for a task before it ends; a knob for tests. */
    static volatile long idleNanos = TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("mlp4j.workers.idleMillis", 3_000L));
    /** Whether the pools choose how many threads run a task; a knob for tests. */
    static volatile boolean adaptive = !"false".equalsIgnoreCase(System.getProperty("mlp4j.workers.adaptive"));

    private final int size;
    /** Per worker slot: its latest thread (which may have ended), or null before the first. */
    private final Thread[] threads;
    /** Per worker slot (every {@link #STRIDE}th): {@link #NONE}, {@link #RUNNING} or {@link #PARKED}. */
    private final AtomicIntegerArray state;
    /** Per worker slot (every {@link #STRIDE}th): the last run that has work for it. */
    private final AtomicLongArray runs;
    /** Per part (every {@link #STRIDE}th slot): 1 once a thread has claimed it in this run, else 0. */
    private volatile AtomicIntegerArray claimed = new AtomicIntegerArray(STRIDE);
    /** Parts of the current run finished. */
    private final AtomicInteger done = new AtomicInteger();
    private final ReentrantLock owner = new ReentrantLock();
    private final Calibrator calibrator;
    private volatile Task task;
    private volatile int parts;
    /** The caller while it is parked waiting for the workers, else null. */
    private volatile Thread waiter;
    private volatile Throwable failure;
    /** Runs so far; written only by the holder. */
    private long run;
    /** Runs handed to the workers so far (not run on the caller alone). */
    private volatile long splitRuns;
    /** Worker threads started so far. */
    private final AtomicInteger started = new AtomicInteger();

    private Workers(int size) {
        this.size = size;
        this.threads = new Thread[size];
        this.state = new AtomicIntegerArray(size * STRIDE);
        this.runs = new AtomicLongArray(size * STRIDE);
        this.calibrator = new Calibrator(size);
    }

    /**
     * Returns the shared pool of {@code threads} threads (the caller and {@code threads − 1}
     * workers). Its workers start when a task first needs them.
     *
     * @param threads 2 to 64
     * @return the pool
     */
    public static Workers shared(int threads) {
        if (threads < 2 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 2 and " + MAX_THREADS + ", but was "
                    + threads + ".");
        }
        synchronized (POOLS) {
            Workers pool = POOLS[threads];
            if (pool == null) {
                pool = new Workers(threads);
                POOLS[threads] = pool;
            }
            return pool;
        }
    }

    /** Returns the number of threads, the caller included. */
    public int size() {
        return size;
    }

    /**
     * Returns how many threads this pool currently runs its main task on (1 to {@link #size()}):
     * the choice measured for the kind of task that costs the most time; {@link #size()} before
     * anything was measured.
     */
    public int parallelism() {
        return adaptive ? calibrator.parallelism() : size;
    }

    /** Returns a short sentence saying why {@link #parallelism()} threads run. */
    public String reason() {
        if (!adaptive) {
            return size + " threads: adaptive choice turned off (mlp4j.workers.adaptive=false)";
        }
        return calibrator.reason();
    }

    /** Returns how many runs this pool has handed to its workers so far (runs split between threads). */
    public long splitRuns() {
        return splitRuns;
    }

    /** Returns how many worker threads this pool has started so far (each restart counts). */
    public int threadsStarted() {
        return started.get();
    }

    /** Returns how many of this pool's worker threads are alive now. */
    public int liveThreads() {
        int live = 0;
        for (int t = 1; t < size; t++) {
            Thread thread = threads[t];
            if (thread != null && thread.isAlive()) {
                live++;
            }
        }
        return live;
    }

    /**
     * Claims the pool for the calling thread, if no other thread holds it; the holder must
     * {@link #release()} it. Reentrant.
     *
     * @return whether the pool is now held by the calling thread
     */
    public boolean tryAcquire() {
        return owner.tryLock();
    }

    /** Releases a pool claimed with {@link #tryAcquire()}. */
    public void release() {
        owner.unlock();
    }

    /**
     * Runs {@code task} and returns when it is done: as {@code n} parts, each thread (the caller
     * is thread 0) running its own block of them and then the parts of slower threads; or, when
     * the pool measured that splitting this kind of task in {@code n} does not pay, in fewer parts
     * (on fewer threads), or as one part on the caller. None of this changes what the task
     * computes, as long as the task splits its work deterministically (its parts decide only who
     * computes what). The caller must hold the pool.
     *
     * @param task the task
     * @param n the number of parts, at least 1
     * @throws RuntimeException or Error thrown by any part (the first one seen)
     */
    public void run(Task task, int n) {
        run(task, n, task.getClass());
    }

    /**
     * Runs {@code task} as {@link #run(Task, int)} does, deciding whether to split it together with
     * every task run under the same {@code site}: tasks that work on the same data (the steps of one
     * network) are timed and split, or not, as one, since splitting one of them alone moves the
     * data between the cores' caches. Only the site's hash is kept.
     *
     * @param task the task
     * @param n the number of parts, at least 1
     * @param site the object whose tasks are measured together
     * @throws RuntimeException or Error thrown by any part (the first one seen)
     */
    public void run(Task task, int n, Object site) {
        if (n == 1) {
            task.run(0, 1);
            return;
        }
        if (n < 1 || n > MAX_PARTS) {
            throw new IllegalArgumentException("A task has 1 to " + MAX_PARTS + " parts, but was given " + n + ".");
        }
        if (!adaptive) {
            split(task, n);
            return;
        }
        int measured = calibrator.site(site, n);
        int plan = calibrator.plan(measured);
        if (plan == Calibrator.ALONE) {
            task.run(0, 1);
            return;
        }
        if (plan == Calibrator.SPLIT) {
            calibrator.splitRan(measured, split(task, calibrator.width(measured)));
            return;
        }
        long start = System.nanoTime();
        if (plan == Calibrator.TIME_ALONE) {
            task.run(0, 1);
        } else {
            split(task, calibrator.width(measured));
        }
        calibrator.record(measured, plan == Calibrator.TIME_SPLIT, System.nanoTime() - start);
    }

    /**
     * Runs {@code task} as {@code n} parts on the workers and the caller, and returns whether the
     * caller had to run a part whose owner had not started it in time.
     */
    private boolean split(Task task, int n) {
        this.task = task;
        this.parts = n;
        this.failure = null;
        done.set(0);
        AtomicIntegerArray claims = claimed;
        if (claims.length() < n * STRIDE) {
            claimed = new AtomicIntegerArray(n * STRIDE);                     // once per larger part count
        } else {
            for (int p = 0; p < n; p++) {
                claims.set(p * STRIDE, 0);                                    // publishes task and parts
            }
        }
        long r = ++run;
        splitRuns = splitRuns + 1;
        int busy = Math.min(size, n);
        for (int t = 1; t < busy; t++) {
            runs.set(t * STRIDE, r);
            wake(t, r);
        }
        work(0);
        boolean late = awaitParts(n);
        this.task = null;
        Throwable first = failure;
        failure = null;
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        return late;
    }

    /**
     * Makes sure worker {@code t} will look at run {@code r}: nothing if it is running (it spins
     * or works), an unpark if it is parked, a new thread if it has ended.
     */
    private void wake(int t, long r) {
        int slot = t * STRIDE;
        while (true) {
            int s = state.get(slot);
            if (s == RUNNING) {
                return;
            }
            if (s == PARKED) {
                if (state.compareAndSet(slot, PARKED, RUNNING)) {
                    LockSupport.unpark(threads[t]);
                    return;
                }
            } else {
                start(t, r - 1);
                return;
            }
        }
    }

    /** Starts worker {@code t}, which has seen runs up to {@code seen}. */
    private void start(int t, long seen) {
        state.set(t * STRIDE, RUNNING);
        Thread thread = new Thread(null, () -> workLoop(t, seen), "mlp4j-worker-" + size + "-" + t, 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(Workers.class.getClassLoader());
        threads[t] = thread;
        try {
            thread.start();
            started.incrementAndGet();
        } catch (RuntimeException | OutOfMemoryError e) {
            state.set(t * STRIDE, NONE);                                      // the caller runs the parts; retried next run
        }
    }

    /**
     * Waits until all {@code n} parts are done: spins, runs the parts whose owners have not
     * started them after {@link #PATIENCE_NANOS}, spins a while longer, then parks until the
     * thread that finishes the last part wakes it. Returns whether it ran a part of another
     * thread's: a worker arrived late.
     */
    private boolean awaitParts(int n) {
        if (done.get() == n) {
            return false;
        }
        long start = System.nanoTime();
        boolean tookOver = false;
        boolean late = false;
        while (done.get() < n) {
            long waited = System.nanoTime() - start;
            if (!tookOver && waited >= PATIENCE_NANOS) {
                for (int p = 0; p < n; p++) {
                    late |= runPart(p);                                       // owners too slow to start: take their parts
                }
                tookOver = true;
            } else if (waited < WAIT_SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                waiter = Thread.currentThread();
                if (done.get() < n) {
                    LockSupport.parkNanos(this, WAIT_SPIN_NANOS);
                }
                waiter = null;
            }
        }
        return late;
    }

    /**
     * Runs thread {@code index}'s share of the current run: first its own block of parts, in
     * order, then the parts other threads have not claimed yet, from the end of each block down
     * (a thread that is ahead helps one that is behind, and the two meet in the block's middle).
     * The first part of another thread's block is left to its owner, which may be about to start
     * it; the caller takes those after {@link #PATIENCE_NANOS}.
     */
    private void work(int index) {
        int n = parts;
        int threads = Math.min(size, n);
        if (index >= threads) {
            return;
        }
        for (int p = blockStart(index, n, threads); p < blockStart(index + 1, n, threads); p++) {
            runPart(p);
        }
        for (int other = 1; other < threads; other++) {
            int t = (index + other) % threads;
            int first = blockStart(t, n, threads);
            for (int p = blockStart(t + 1, n, threads) - 1; p > first; p--) {
                runPart(p);
            }
        }
    }

    /** Returns the first part of thread {@code t}'s block when {@code n} parts run on {@code threads} threads. */
    private static int blockStart(int t, int n, int threads) {
        return (int) ((long) n * t / threads);
    }

    /**
     * Runs part {@code p} of the current run if no thread has claimed it. The task and part count
     * are read after the claim: the caller writes them before it resets the claims (or publishes
     * a new, larger array of claims, all 0; an older array stays all 1), and cannot start another
     * run until this part is done. Returns whether this thread ran it.
     */
    private boolean runPart(int p) {
        AtomicIntegerArray claims = claimed;
        if (p * STRIDE >= claims.length() || claims.get(p * STRIDE) != 0 || !claims.compareAndSet(p * STRIDE, 0, 1)) {
            return false;
        }
        Task current = task;
        int n = parts;
        try {
            current.run(p, n);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        if (done.incrementAndGet() == n) {
            Thread caller = waiter;
            if (caller != null) {
                LockSupport.unpark(caller);
            }
        }
        return true;
    }

    /**
     * A worker's life: run the parts of each new run, spin briefly for the next, park; end after
     * the idle timeout or on an interrupt while idle.
     */
    private void workLoop(int index, long seenBefore) {
        int slot = index * STRIDE;
        long seen = seenBefore;
        while (true) {
            long r = runs.get(slot);
            if (r != seen) {
                seen = r;
                work(index);
                continue;
            }
            if (spinFor(slot, seen)) {
                continue;
            }
            if (!parkUntilWork(slot, seen)) {
                return;
            }
        }
    }

    /** Spins up to {@link #SPIN_NANOS} for a run newer than {@code seen}; returns whether one came. */
    private boolean spinFor(int slot, long seen) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < SPIN_NANOS) {
            if (runs.get(slot) != seen) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * Parks until a run newer than {@code seen} arrives. Returns false when the worker should
     * end instead: idle for the timeout or interrupted, and no caller has claimed it meanwhile
     * (the caller turns {@link #PARKED} into {@link #RUNNING} before it unparks a worker, and
     * starts a new one for a slot that is {@link #NONE}).
     */
    private boolean parkUntilWork(int slot, long seen) {
        state.set(slot, PARKED);
        long deadline = System.nanoTime() + idleNanos;
        while (runs.get(slot) == seen) {
            boolean interrupted = Thread.interrupted();                       // clears the flag: never spin on it
            if (interrupted || System.nanoTime() - deadline >= 0) {
                if (state.compareAndSet(slot, PARKED, NONE)) {
                    return false;
                }
                break;                                                        // a caller claimed this worker
            }
            if (state.get(slot) != PARKED) {
                break;
            }
            LockSupport.parkNanos(this, deadline - System.nanoTime());
        }
        state.compareAndSet(slot, PARKED, RUNNING);                           // unless a caller did
        return true;
    }
}
