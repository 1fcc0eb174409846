package io.github.mlp4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small pool of persistent daemon threads that runs one {@link Task} split into parts, the
 * calling thread doing part 0.
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
    private static final Workers[] POOLS = new Workers[MAX_THREADS + 1];

    /** Spin iterations before a waiting thread parks (tens of microseconds). */
    private static final int SPINS = 20_000;

    private final int size;
    private final Thread[] threads;
    private final AtomicInteger pending = new AtomicInteger();
    private final ReentrantLock owner = new ReentrantLock();
    private final VolatileFlags sleeping;
    private volatile Task task;
    private volatile int parts;
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
     * Runs {@code task} as {@code n} parts, part 0 on the calling thread and the others on workers,
     * and returns when all are done. The caller must hold the pool.
     *
     * @param task the task
     * @param n the number of parts, 1 to {@link #size()}
     * @throws RuntimeException or Error thrown by any part (the first one seen)
     */
    public void run(Task task, int n) {
        if (n == 1) {
            task.run(0, 1);
            return;
        }
        this.task = task;
        this.parts = n;
        this.failure = null;
        pending.set(n - 1);
        generation++;                                            // volatile write: publishes the task
        for (int t = 1; t < n; t++) {
            if (sleeping.get(t)) {
                LockSupport.unpark(threads[t]);
            }
        }
        Throwable mine = null;
        try {
            task.run(0, n);
        } catch (RuntimeException | Error e) {
            mine = e;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
        Throwable first = mine != null ? mine : failure;
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
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
            Task current = task;
            int n = parts;
            if (current != null && index < n) {
                try {
                    current.run(index, n);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                pending.decrementAndGet();
            }
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
