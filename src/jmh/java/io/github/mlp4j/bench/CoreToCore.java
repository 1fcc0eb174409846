package io.github.mlp4j.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how long one cache line takes to travel between two threads: two threads pass a
 * counter back and forth through one {@link AtomicLong}, each waiting (spinning) for the other's
 * write before it writes the next value. A round trip moves the line to the other core and back.
 *
 * <p>A two-thread training step moves thousands of lines between the cores (the other thread's
 * half of the partial sums, of {@code W} and of the batch's activations and local gradients), so
 * this latency sets what splitting a small batch over two cores can gain. Run it with
 * {@code bash bench/run.sh probe CoreToCore [trips]}; it prints one JSON line.
 */
public final class CoreToCore {
    private CoreToCore() {
    }

    /**
     * Runs the probe.
     *
     * @param args the round trips per trial (default 2,000,000)
     * @throws InterruptedException if interrupted while waiting for the other thread
     */
    public static void main(String[] args) throws InterruptedException {
        int trips = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        double[] roundTrips = new double[5];
        for (int trial = 0; trial < roundTrips.length; trial++) {
            roundTrips[trial] = roundTripNanos(trips);
        }
        java.util.Arrays.sort(roundTrips);
        double median = roundTrips[roundTrips.length / 2];
        System.out.printf("{\"probe\": \"core-to-core\", \"round_trip_ns\": %.0f, \"one_way_ns\": %.0f, "
                + "\"trials\": %d, \"trips_per_trial\": %d, \"processors\": %d}%n", median, median / 2,
                roundTrips.length, trips, Runtime.getRuntime().availableProcessors());
    }

    /** Returns the mean time of one round trip over {@code trips} trips. */
    private static double roundTripNanos(int trips) throws InterruptedException {
        AtomicLong line = new AtomicLong();
        Thread other = new Thread(() -> {
            for (long i = 1; i <= trips; i++) {
                while (line.get() != 2 * i - 1) {
                    Thread.onSpinWait();                                       // wait for the ping
                }
                line.set(2 * i);                                               // pong
            }
        });
        other.start();
        long start = System.nanoTime();
        for (long i = 1; i <= trips; i++) {
            line.set(2 * i - 1);                                               // ping
            while (line.get() != 2 * i) {
                Thread.onSpinWait();                                           // wait for the pong
            }
        }
        long elapsed = System.nanoTime() - start;
        other.join();
        return (double) elapsed / trips;
    }
}
