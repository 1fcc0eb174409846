package io.github.mlp4j.internal;

/**
 * A small, seeded pseudo-random generator (SplitMix64) whose output is fixed by its seed alone.
 *
 * <p>mlp4j draws every random number (initial weights, shuffles, generated data) from an
 * instance of this class so that the same seed gives the same bits on every JVM and JDK version:
 * {@link java.util.Random} and {@link java.util.SplittableRandom} are stable too, but their
 * Gaussian samplers are not specified across releases. Gaussians here use the Box–Muller
 * transform with {@link StrictMath}, which is bit-reproducible everywhere.
 *
 * <p>Instances are mutable and not thread-safe; give each thread its own.
 */
public final class Rng implements java.util.random.RandomGenerator {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    /** Creates a generator whose whole sequence is determined by {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** Returns the next 64 pseudo-random bits (SplitMix64). */
    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns a double uniformly distributed in [0, 1), with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Returns a double uniformly distributed in [lo, hi). */
    @Override
    public double nextDouble(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /**
     * Returns an int uniformly distributed in [0, bound), without modulo bias.
     *
     * @throws IllegalArgumentException if {@code bound < 1}
     */
    @Override
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1, but was " + bound);
        }
        // Lemire's multiply-shift with rejection: unbiased and fast.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Returns a standard normal deviate (mean 0, standard deviation 1), by Box–Muller. */
    @Override
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** Shuffles {@code values} in place (Fisher–Yates); the array is modified. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
