package io.github.mlp4j.internal;

import java.util.concurrent.TimeUnit;

/**
 * Decides, for each kind of task a {@link Workers} pool runs, whether splitting it between the
 * threads pays, from timings taken on this machine while the program runs.
 *
 * <p>A kind of task (a <em>site</em>) is a key and a part count: by default the task's class (one
 * per lambda in the code that hands out tasks); a network's engine gives every task of its steps
 * one key, so that the tasks that read and write the same weights are split, or not, together.
 * A new site runs split for a while ({@link #warmUpNanos}); then, and again now and then, the
 * pool times {@link #RUNS} runs of it, split and on the caller alone in blocks of {@link #BLOCK} (split,
 * alone, alone, split, so that a trend in the machine's load hits both alike, and in blocks so
 * that each way runs with its data in the caches it uses). Neighbouring runs of a site
 * do the same work, so the two sums compare like with like; the slowest run of each way is left
 * out, so that one garbage collection or descheduled thread does not decide; a measurement whose
 * answer is clear after {@link #EARLY_RUNS} runs ends there. Splitting is chosen
 * if it took at most {@link #MARGIN} of the time alone, and kept while it takes at most
 * {@link #KEEP_MARGIN}; if it did not pay on all the threads,
 * the measurement is repeated at once on half as many (as parts: a task may run in fewer parts
 * than asked), down to two, before the site falls back to one thread: a machine with some cores
 * busy may still gain from a few. Between measurements the site runs
 * the chosen way untimed. The next measurement comes after {@link #FIRST_CHECK_NANOS}, the wait
 * doubling while the choice stays the same (up to {@link #LAST_CHECK_NANOS}; not while the site
 * is young, {@link #YOUNG_NANOS}): a host whose load
 * changes gets a new choice within seconds, and a steady one pays for timing the slower way
 * rarely. A site that splits is measured at once when its workers keep arriving late
 * ({@link #splitRan}), the sign of a core taken by other work.
 *
 * <p>Used only by the thread that holds the pool, except {@link #parallelism()} and
 * {@link #reason()}, which read a summary published once per measurement. Nothing here allocates
 * while tasks run, and a site keeps only a hash of its task's class, never the class or the task.
 */
final class Calibrator {
    /** Run this site on the caller alone, untimed. */
    static final int ALONE = 0;
    /** Run this site split, untimed. */
    static final int SPLIT = 1;
    /** Run this site on the caller alone and {@link #record} the time. */
    static final int TIME_ALONE = 2;
    /** Run this site split and {@link #record} the time. */
    static final int TIME_SPLIT = 3;

    /**
     * Timed runs in a row that run the same way: a split run after one alone finds the data in the
     * caller's cache, not in the workers', so runs are timed in blocks of each way. A site's runs
     * repeat a cycle (a network's step hands out two to four tasks of different sizes), and a
     * block of 12 holds whole cycles of 1, 2, 3, 4 or 6 tasks, so both ways time the same mix.
     */
    static final int BLOCK = 12;
    /** Timed runs per measurement: half split, half alone. */
    static final int RUNS = 4 * BLOCK;
    /** Splitting must take at most this fraction of the time alone to be chosen. */
    static final double MARGIN = 1.0;
    /**
     * A site that runs split keeps splitting unless splitting took more than this fraction of the
     * time alone: one noisy measurement does not undo a choice, while a busy core (which makes
     * splitting take half as long again) still does.
     */
    static final double KEEP_MARGIN = 1.1;
    /**
     * Timed runs after which a measurement ends early when the answer is already clear: splitting
     * took more than {@link #CLEARLY_SLOWER} or less than {@link #CLEARLY_FASTER} of the time alone.
     */
    static final int EARLY_RUNS = 2 * BLOCK;
    static final double CLEARLY_SLOWER = 1.5;
    static final double CLEARLY_FASTER = 0.5;
    static final long FIRST_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long LAST_CHECK_NANOS = TimeUnit.SECONDS.toNanos(4);
    /**
     * How long a new site runs split before its first measurement, until a measurement of this
     * pool has ended: the JIT compiles the code of both ways meanwhile, and timing code that is
     * still interpreted or half compiled would decide against splitting. Once one has ended, the
     * pool's own code and the kernels are compiled, and a new site (a network built or loaded
     * later) is first measured after {@link #FIRST_CHECK_NANOS}, so that a busy host does not pay
     * a second of splitting for every network. A knob for tests (normally {@link #WARM_UP_NANOS}).
     */
    static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);
    static volatile long warmUpNanos = WARM_UP_NANOS;
    /** The wait before a site's second measurement; a knob for tests (normally {@link #FIRST_CHECK_NANOS}). */
    static volatile long firstCheckNanos = FIRST_CHECK_NANOS;

    /**
     * Untimed split runs over which a site counts how often a worker arrived late (the caller ran
     * a part its owner had not started in time).
     */
    static final int LATE_WINDOW = 1024;
    /**
     * A site whose workers arrived late in more than this fraction of a window's split runs is
     * measured at once: a busy core (another program, or an application thread beside) keeps a
     * worker from its parts, and splitting then costs more than it gains.
     */
    static final double LATE_SHARE = 0.25;
    /**
     * The least time from a site's birth before lateness counts: in a cold JVM the JIT's own
     * threads make workers late at first too, and a measurement then would time half-compiled code.
     */
    static final long LATE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    /**
     * For this long after a site is new its measurements come every {@link #FIRST_CHECK_NANOS},
     * without doubling the wait: a measurement made while the JIT still compiles (a burst of it
     * can come seconds into a run) may choose wrongly, and is soon redone.
     */
    static final long YOUNG_NANOS = TimeUnit.SECONDS.toNanos(3);

    private static final int SITES = 128;
    private static final int PROBES = 8;

    private final int size;
    /** Per site: a nonzero hash of its task class and part count, 0 when free. */
    private final int[] tag = new int[SITES];
    /** Per site: timed runs so far in the current measurement, or −1 between measurements. */
    private final int[] timed = new int[SITES];
    /** Per site: whether the last measurement chose to split. */
    private final boolean[] splits = new boolean[SITES];
    /** Per site: the part count its task was given. */
    private final int[] full = new int[SITES];
    /** Per site: the parts it is split into, when split: {@link #full}, or fewer once that did not pay. */
    private final int[] width = new int[SITES];
    /** Per site: the threads the last measurement chose (1 for alone). */
    private final int[] chosen = new int[SITES];
    /** Per site: the threads its last split runs were timed on. */
    private final int[] measured = new int[SITES];
    private final long[] aloneSum = new long[SITES];
    private final long[] aloneMax = new long[SITES];
    private final long[] splitSum = new long[SITES];
    private final long[] splitMax = new long[SITES];
    /** Per site: when (System.nanoTime) it was new. */
    private final long[] born = new long[SITES];
    /** Per site: untimed split runs in the current window, and how many of them had a late worker. */
    private final int[] windowRuns = new int[SITES];
    private final int[] lateRuns = new int[SITES];
    /** Per site: when (System.nanoTime) the next measurement starts. */
    private final long[] nextCheck = new long[SITES];
    /** Per site: the wait before the next measurement. */
    private final long[] interval = new long[SITES];
    /** Per site: the pool's run count when it last ran, to reuse the least recently used site. */
    private final long[] lastUsed = new long[SITES];
    /** Per site: the average time of one run alone in its last measurement, in nanoseconds. */
    private final long[] meanAlone = new long[SITES];
    /** Per site: the average time of one run split in its last measurement, in nanoseconds. */
    private final long[] meanSplit = new long[SITES];
    private long uses;
    /** Whether a measurement of this pool has ended: its code is compiled. */
    private boolean measuredOnce;

    /** The largest time in a {@link #summaryTimes} field (about 4.3 s). */
    private static final long LIMIT = 0xFFFF_FFFFL;
    /** The measurement of the site with the longest runs: ns per run split (high half) and alone (low half). */
    private volatile long summaryTimes;
    /** Its threads: chosen (bits 8 and up) and measured split (bits 0–7); 0 before any measurement. */
    private volatile int summaryThreads;

    Calibrator(int size) {
        this.size = size;
    }

    /**
     * Returns the site of the tasks that share {@code owner} (see {@link Workers#run(Workers.Task, int,
     * Object)}) run in {@code parts} parts, starting a measurement for a new one.
     */
    int site(Object owner, int parts) {
        int h = System.identityHashCode(owner) * 0x9E3779B1 + parts * 0x85EBCA6B;
        h ^= h >>> 15;
        int key = h | 1;
        int first = h & (SITES - 1);
        int victim = first;
        uses++;
        for (int i = 0; i < PROBES; i++) {
            int s = (first + i) & (SITES - 1);
            if (tag[s] == key) {
                lastUsed[s] = uses;
                return s;
            }
            if (tag[s] == 0) {
                victim = s;
                break;
            }
            if (lastUsed[s] < lastUsed[victim]) {
                victim = s;
            }
        }
        tag[victim] = key;
        lastUsed[victim] = uses;
        timed[victim] = -1;                                                 // split first, while the JIT compiles
        born[victim] = System.nanoTime();
        windowRuns[victim] = 0;
        lateRuns[victim] = 0;
        nextCheck[victim] = born[victim] + (measuredOnce ? firstCheckNanos : warmUpNanos);
        interval[victim] = firstCheckNanos;
        splits[victim] = true;                                              // splitting is the default to keep
        full[victim] = parts;
        width[victim] = parts;
        chosen[victim] = 0;
        meanAlone[victim] = 0;
        clearSums(victim);
        return victim;
    }

    /** Returns the parts into which to split site {@code s} when {@link #plan} says split: at most the parts asked for. */
    int width(int s) {
        return width[s];
    }

    /** Returns how to run site {@code s} this time: {@link #ALONE}, {@link #SPLIT}, {@link #TIME_ALONE} or {@link #TIME_SPLIT}. */
    int plan(int s) {
        int k = timed[s];
        if (k < 0) {
            if (System.nanoTime() - nextCheck[s] < 0) {
                return splits[s] ? SPLIT : ALONE;
            }
            clearSums(s);
            k = 0;
            timed[s] = 0;
            width[s] = full[s];                                             // each measurement starts with all threads
        }
        int phase = (k / BLOCK) & 3;
        return phase == 0 || phase == 3 ? TIME_SPLIT : TIME_ALONE;        // split, alone, alone, split: BLOCK runs each
    }

    /**
     * Records an untimed split run of site {@code s}, and whether a worker arrived late in it; when
     * workers were late in more than {@link #LATE_SHARE} of a window's runs, the site is measured
     * at its next run instead of at its planned time (a new site only after
     * {@link #LATE_AFTER_NANOS}).
     */
    void splitRan(int s, boolean late) {
        lateRuns[s] += late ? 1 : 0;
        if (++windowRuns[s] < LATE_WINDOW) {
            return;
        }
        if (lateRuns[s] > LATE_SHARE * LATE_WINDOW && System.nanoTime() - born[s] >= LATE_AFTER_NANOS) {
            nextCheck[s] = System.nanoTime();
        }
        windowRuns[s] = 0;
        lateRuns[s] = 0;
    }

    /** Records that a timed run of site {@code s}, split or alone, took {@code nanos}; decides after {@link #RUNS}. */
    void record(int s, boolean split, long nanos) {
        if (split) {
            splitSum[s] += nanos;
            splitMax[s] = Math.max(splitMax[s], nanos);
        } else {
            aloneSum[s] += nanos;
            aloneMax[s] = Math.max(aloneMax[s], nanos);
        }
        int k = ++timed[s];
        long splitTime = splitSum[s] - splitMax[s];
        long aloneTime = aloneSum[s] - aloneMax[s];
        boolean clear = k == EARLY_RUNS
                && (splitTime > CLEARLY_SLOWER * aloneTime || splitTime < CLEARLY_FASTER * aloneTime);
        if (k < RUNS && !clear) {
            return;
        }
        boolean choice = splitTime <= (splits[s] ? KEEP_MARGIN : MARGIN) * aloneTime;
        int fewer = Math.min(width[s], size) / 2;
        if (!choice && fewer >= 2) {
            width[s] = fewer;                                               // measure again at once, on half the threads
            timed[s] = 0;
            clearSums(s);
            return;
        }
        int threads = choice ? Math.min(width[s], size) : 1;
        measured[s] = Math.min(width[s], size);
        boolean young = System.nanoTime() - born[s] < YOUNG_NANOS;
        interval[s] = threads == chosen[s] && !young ? Math.min(2 * interval[s], LAST_CHECK_NANOS) : firstCheckNanos;
        splits[s] = choice;
        chosen[s] = threads;
        timed[s] = -1;
        nextCheck[s] = System.nanoTime() + interval[s];
        int runsEach = k / 2 - 1;
        meanAlone[s] = Math.max(1, aloneTime / runsEach);
        meanSplit[s] = Math.max(1, splitTime / runsEach);
        measuredOnce = true;
        publish();
    }

    /** Publishes the measurement of the site whose runs alone take longest: the one that matters most. */
    private void publish() {
        int best = -1;
        for (int i = 0; i < SITES; i++) {
            if (tag[i] != 0 && meanAlone[i] > 0 && (best < 0 || meanAlone[i] > meanAlone[best])) {
                best = i;
            }
        }
        summaryTimes = (Math.min(meanSplit[best], LIMIT) << 32) | Math.min(meanAlone[best], LIMIT);
        summaryThreads = (chosen[best] << 8) | measured[best];
    }

    private void clearSums(int s) {
        aloneSum[s] = 0;
        aloneMax[s] = 0;
        splitSum[s] = 0;
        splitMax[s] = 0;
    }

    /** Returns the threads chosen for the kind of task with the longest runs; the pool's size before any measurement. */
    int parallelism() {
        int threads = summaryThreads;
        return threads == 0 ? size : threads >>> 8;
    }

    /** Returns why {@link #parallelism()} threads run, with the times measured. */
    String reason() {
        int threads = summaryThreads;
        if (threads == 0) {
            return size + " threads: nothing measured yet (tasks are timed split and alone on their first runs)";
        }
        long times = summaryTimes;
        int chosenThreads = threads >>> 8;
        long split = times >>> 32;
        long alone = times & LIMIT;
        String speed = String.format(java.util.Locale.ROOT, "%.2f", alone / (double) Math.max(split, 1));
        String measuredOn = " (" + (threads & 0xFF) + " threads ran the largest task in " + split / 1_000
                + " µs, one thread in " + alone / 1_000 + " µs: " + speed + "×)";
        if (chosenThreads > 1) {
            return chosenThreads + " threads: splitting measured faster than one thread" + measuredOn;
        }
        return "1 thread: splitting did not pay on this machine now (other work may share the cores)" + measuredOn;
    }
}
