package io.github.mlp4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small pool of persistent daemon threads that runs one {@link Task} split into parts, the
 * calling thread doing part 0.
 *
 * <p>Part {@code p} belongs to thread {@code p mod size}: the same thread runs the same part run
 * after run, so the rows or columns a part works on stay in that core's cache (a training step
 * runs several tasks on the same data, and steps repeat). A part whose owner has not started it
 * after the caller finished its own parts and waited {@link #PATIENCE} spins is run by the caller
 * instead (it claims the part with a compare-and-set, so no part runs twice): a worker that the
 * operating system has not scheduled delays a run by microseconds, not by a time slice.
 *
 * <p>Workers spin briefly between tasks (a training loop hands out a task every few hundred
 * microseconds) and then park, so an idle pool costs nothing. Running a task allocates nothing.
 * One pool per thread count is shared by every network; a caller that finds the pool busy
 * ({@link #tryAcquire()} fails) runs its task on one thread instead, which gives the same results
 * because tasks split their work deterministically.
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

    /** Spin iterations before a waiting worker parks (about 400 µs on this project's machine). */
    private static final int SPINS = 20_000;
    /** Spin iterations the caller waits for a part's owner before it runs the part itself (about 40 µs). */
    private static final int PATIENCE = 2_000;
    /** Array slots between two threads' or parts' flags: 64 bytes, one cache line. */
    private static final int STRIDE = 16;

    private final int size;
    private final Thread[] threads;
    /** Per thread (every {@link #STRIDE}th slot): the last run that has work for it. */
    private final AtomicLongArray runs;
    /** Per part (every {@link #STRIDE}th slot): 1 once a thread has claimed it in this run, else 0. */
    private AtomicIntegerArray claimed = new AtomicIntegerArray(STRIDE);
    /** Parts of the current run finished. */
    private final AtomicInteger done = new AtomicInteger();
    private final ReentrantLock owner = new ReentrantLock();
    private final AtomicIntegerArray sleeping;
    private volatile Task task;
    private volatile int parts;
    private long run;
    private volatile Throwable failure;

    private Workers(int size) {
        this.size = size;
        this.runs = new AtomicLongArray(size * STRIDE);
        this.sleeping = new AtomicIntegerArray(size * STRIDE);
        this.threads = new Thread[size];
        for (int t = 1; t < size; t++) {
            int index = t;
            Thread thread = new Thread(() -> workLoop(index), "mlp4j-worker-" + size + "-" + t);
            thread.setDaemon(true);
            threads[t] = thread;
            thread.start();
        }
    }

    /**
     * Returns the shared pool of {@code threads} threads (the caller and {@code threads − 1}
     * workers), starting it on first use.
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
     * Runs {@code task} as {@code n} parts and returns when all are done. Part {@code p} runs on
     * thread {@code p mod size} (the caller is thread 0), or on the caller if its owner is slow to
     * start it; which thread runs a part never changes what the part computes. The caller must
     * hold the pool.
     *
     * @param task the task
     * @param n the number of parts, at least 1
     * @throws RuntimeException or Error thrown by any part (the first one seen)
     */
    public void run(Task task, int n) {
        if (n == 1) {
            task.run(0, 1);
            return;
        }
        if (n > MAX_PARTS) {
            throw new IllegalArgumentException("A task can have at most " + MAX_PARTS + " parts, but was given " + n + ".");
        }
        if (claimed.length() < n * STRIDE) {
            claimed = new AtomicIntegerArray(n * STRIDE);                     // once per larger part count
        }
        this.task = task;
        this.parts = n;
        this.failure = null;
        done.set(0);
        for (int p = 0; p < n; p++) {
            claimed.set(p * STRIDE, 0);                                       // publishes task and parts
        }
        long r = ++run;
        int busy = Math.min(size, n);
        for (int t = 1; t < busy; t++) {
            runs.set(t * STRIDE, r);                                          // wakes a spinning worker
            if (sleeping.get(t * STRIDE) != 0) {
                LockSupport.unpark(threads[t]);
            }
        }
        work(0);
        int spins = 0;
        while (done.get() < n) {
            if (++spins == PATIENCE) {
                for (int p = 0; p < n; p++) {
                    runPart(p);                                               // owners too slow: take their parts
                }
            } else if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        Throwable first = failure;
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    /** Runs the parts of the current run that belong to thread {@code index} and are not yet claimed. */
    private void work(int index) {
        int n = parts;
        for (int p = index; p < n; p += size) {
            runPart(p);
        }
    }

    /**
     * Runs part {@code p} of the current run if no thread has claimed it. The task and part count
     * are read after the claim: the caller writes them before it resets the claims, and cannot
     * start another run until this part is done.
     */
    private void runPart(int p) {
        if (claimed.get(p * STRIDE) != 0 || !claimed.compareAndSet(p * STRIDE, 0, 1)) {
            return;
        }
        Task current = task;
        int n = parts;
        try {
            current.run(p, n);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        done.incrementAndGet();
    }

    private void workLoop(int index) {
        long seen = 0;
        int slot = index * STRIDE;
        while (true) {
            long r;
            int spins = 0;
            while ((r = runs.get(slot)) == seen) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    sleeping.set(slot, 1);
                    if (runs.get(slot) == seen) {
                        LockSupport.park(this);
                    }
                    sleeping.set(slot, 0);
                    spins = 0;
                }
            }
            seen = r;
            work(index);
        }
    }
}
