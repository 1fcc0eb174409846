package io.github.mlp4j.spark;

import io.github.mlp4j.Network;
import io.github.mlp4j.Workspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per executor JVM, idle copies of the networks that tasks compute with, so that a step does not
 * parse the model bytes again. A task borrows a copy, sets its parameters, and returns it; copies
 * are never shared between running tasks, so the pool holds at most as many copies per network as
 * tasks ran at once. Only the networks of the last few training runs or scorings are kept.
 */
final class NetworkPool {
    /** The most networks (keyed by their broadcast) whose copies are kept. */
    private static final int KEYS = 4;

    /** One borrowed network with its scratch buffers. */
    static final class Lease {
        final Network network;
        final long key;
        private Workspace workspace;
        private double[][] x;
        private double[][] y;

        Lease(Network network, long key) {
            this.network = network;
            this.key = key;
        }

        /** {@return a workspace for up to {@code capacity} rows, kept with the lease} */
        Workspace workspace(int capacity) {
            if (workspace == null || x.length < capacity) {
                workspace = network.workspace(capacity);
                x = new double[capacity][];
                y = new double[capacity][];
            }
            return workspace;
        }

        /** {@return row references for the inputs of a batch, capacity as in {@link #workspace}} */
        double[][] x() {
            return x;
        }

        /** {@return row references for the targets of a batch} */
        double[][] y() {
            return y;
        }
    }

    private static final Map<Long, ArrayDeque<Lease>> IDLE = new LinkedHashMap<>(8, 0.75f, true);

    private NetworkPool() {
    }

    /**
     * Borrows a copy of the network saved in {@code bytes}.
     *
     * @param key the broadcast's id, the same for the same bytes
     * @param bytes the network as {@link Network#save(java.io.OutputStream)} wrote it
     * @return a copy that no other task holds; give it back with {@link #giveBack}
     */
    static Lease borrow(long key, byte[] bytes) {
        synchronized (IDLE) {
            ArrayDeque<Lease> idle = IDLE.get(key);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        try {
            return new Lease(Network.load(new ByteArrayInputStream(bytes)), key);
        } catch (IOException e) {
            throw new UncheckedIOException("The network broadcast to this executor cannot be read.", e);
        }
    }

    /** Returns a copy borrowed with {@link #borrow}. */
    static void giveBack(Lease lease) {
        if (lease.x != null) {
            java.util.Arrays.fill(lease.x, null);                           // no references into cached data
            java.util.Arrays.fill(lease.y, null);
        }
        synchronized (IDLE) {
            IDLE.computeIfAbsent(lease.key, k -> new ArrayDeque<>()).push(lease);
            if (IDLE.size() > KEYS) {
                Iterator<Long> eldest = IDLE.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
    }
}
