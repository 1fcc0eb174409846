package io.github.mlp4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small pool of persistent daemon threads that runs one {@link Task} split into parts, the
 * calling thread doing part 0.
 *
 * <p>Parts are claimed from a shared counter by whichever thread is free, the caller included, so
 * a worker that the operating system has not scheduled yet delays nothing.
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

    /** Spin iterations before a waiting thread parks (tens of microseconds). */
    private static final int SPINS = 20_000;

    private final int size;
    private final Thread[] threads;
    /**
     * The current generation (high 32 bits), its number of parts (bits 16–31) and its next
     * unclaimed part (bits 0–15), in one word so that a thread that claims a part also learns,
     * atomically, which run the part belongs to and how many parts that run has.
     */
    private final AtomicLong claims = new AtomicLong();
    /** Parts of the current generation finished. */
    private final AtomicInteger done = new AtomicInteger();
    private final ReentrantLock owner = new ReentrantLock();
    private final VolatileFlags sleeping;
    private volatile Task task;
    private volatile long generation;
    private volatile Throwable failure;

    private Workers(int size) {
        this.size = size;
        this.sleeping = new VolatileFlags(size);
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
     * Runs {@code task} as {@code n} parts and returns when all are done. The calling thread and
     * the workers claim parts from a shared counter, so the caller does every part itself if the
     * workers are slow to wake (on a busy machine); which thread runs a part never changes what
     * the part computes. The caller must hold the pool.
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
        long g = generation + 1;
        this.task = task;
        this.failure = null;
        done.set(0);
        claims.set(g << 32 | (long) n << 16);                    // this generation, n parts, next part 0
        generation = g;                                          // wakes spinning workers
        for (int t = 1; t < size; t++) {
            if (sleeping.get(t)) {
                LockSupport.unpark(threads[t]);
            }
        }
        work();
        int spins = 0;
        while (done.get() < n) {
            if (++spins < SPINS) {
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

    /**
     * Claims and runs parts of the current run until none is left.
     *
     * <p>The part, its count and its run come from one compare-and-set on {@link #claims}, and the
     * task is read only after the claim succeeded: the caller cannot start another run (and
     * replace the task) until this part is done, so the task read is the claimed run's.
     */
    private void work() {
        while (true) {
            long c = claims.get();
            int n = (int) (c >>> 16) & 0xFFFF;
            int part = (int) c & 0xFFFF;
            if (part >= n) {
                return;                                          // every part of this run is taken
            }
            if (!claims.compareAndSet(c, c + 1)) {
                continue;
            }
            Task current = task;
            try {
                current.run(part, n);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            done.incrementAndGet();
        }
    }

    private void workLoop(int index) {
        long seen = 0;
        while (true) {
            long g;
            int spins = 0;
            while ((g = generation) == seen) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    sleeping.set(index, true);
                    if (generation == seen) {
                        LockSupport.park(this);
                    }
                    sleeping.set(index, false);
                    spins = 0;
                }
            }
            seen = g;
            work();
        }
    }

    /** Volatile booleans, one per thread. */
    private static final class VolatileFlags {
        private final java.util.concurrent.atomic.AtomicIntegerArray flags;

        VolatileFlags(int n) {
            flags = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        }

        boolean get(int i) {
            return flags.get(i) != 0;
        }

        void set(int i, boolean value) {
            flags.set(i, value ? 1 : 0);
        }
    }
}
