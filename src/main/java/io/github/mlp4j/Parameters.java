package io.github.mlp4j;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.random.RandomGenerator;

/**
 * Where a network's parameters {@code θ} live, and the lock that guards them.
 *
 * <p>A dense layer (one whose {@link Layer#kernel()} is {@code AFFINE}) keeps {@code W} as
 * {@code in} row arrays of length {@code out} and {@code b} as one array: the shape its kernels
 * read, since C2 vectorises loops over whole rows but not over a flat vector at an offset. Any
 * other layer keeps its parameters in one array of its own, which its {@link Layer#forward} and
 * {@link Layer#backward} receive with offset 0.
 *
 * <p>The flat vector of {@link Network#parameters()} exists only as a copy: layer by layer, each
 * dense layer's {@code W} row-major then its {@code b}, each other layer's array as it is.
 *
 * <p>Predictions read the parameters under the read lock; a training step writes them under the
 * write lock. The lock is fair, so a step that waits for the lock is not overtaken by predictions
 * that arrive after it, and predictions keep seeing θ either from before a step or after it.
 */
final class Parameters {
    /** The most parameters a network may have: the length of the largest Java array of doubles. */
    static final long MAX_COUNT = Integer.MAX_VALUE - 8;

    final Layer[] layers;
    /** Where layer l's parameters start in the flat vector. */
    final int[] offsets;
    /** The total number of parameters. */
    final int count;
    /** Layer l's {@code W} as rows (in × out) for a dense layer, else null. */
    final double[][][] weights;
    /** Layer l's {@code b} for a dense layer, else null. */
    final double[][] biases;
    /** Layer l's parameters for a layer that is not dense, else null. */
    final double[][] own;
    /**
     * The lengths of the arrays above in θ's order (each dense layer's rows of {@code W}, then its
     * {@code b}; each other layer's array): the segments of an optimizer state shaped like them.
     */
    final int[] segments;
    /** The index in {@link #segments} of layer l's first segment. */
    final int[] firstSegment;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /**
     * Allocates the parameters of {@code layers} and draws their initial values from
     * {@code random}, layer by layer in the flat order.
     *
     * @throws IllegalArgumentException if a layer that is not dense writes past its parameter
     *     count when it initialises them
     */
    Parameters(Layer[] layers, RandomGenerator random) {
        this.layers = layers;
        this.offsets = new int[layers.length];
        long total = 0;
        for (int l = 0; l < layers.length; l++) {
            offsets[l] = (int) total;
            total += layers[l].parameterCount();
        }
        this.count = (int) total;
        this.weights = new double[layers.length][][];
        this.biases = new double[layers.length][];
        this.own = new double[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            if (isDense(layer)) {
                weights[l] = new double[layer.inputSize()][layer.outputSize()];
                biases[l] = new double[layer.outputSize()];
            } else {
                own[l] = new double[layer.parameterCount()];
            }
        }
        this.firstSegment = new int[layers.length];
        this.segments = segmentLengths(layers, firstSegment);
        double[] initial = new double[count];
        for (int l = 0; l < layers.length; l++) {
            if (dense(l)) {
                layers[l].initialize(initial, offsets[l], random);
                continue;
            }
            try {
                layers[l].initialize(own[l], 0, random);                     // its own array: a write past it throws
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("Layer " + (l + 1) + " (" + layers[l].getClass().getName()
                        + ") wrote past its " + own[l].length + " parameters in initialize (" + e.getMessage()
                        + "); parameterCount() must count every parameter the layer uses.", e);
            }
            System.arraycopy(own[l], 0, initial, offsets[l], own[l].length);
        }
        fromFlat(initial);
    }

    /**
     * Returns the lengths of the parameter arrays of {@code layers} in θ's order, see
     * {@link #segments}, and puts where each layer's first one is into {@code first}.
     */
    private static int[] segmentLengths(Layer[] layers, int[] first) {
        int n = 0;
        for (int l = 0; l < layers.length; l++) {
            first[l] = n;
            n += isDense(layers[l]) ? layers[l].inputSize() + 1 : 1;
        }
        int[] lengths = new int[n];
        int s = 0;
        for (Layer layer : layers) {
            if (isDense(layer)) {
                for (int k = 0; k <= layer.inputSize(); k++) {
                    lengths[s++] = layer.outputSize();                       // a row of W, then b
                }
            } else {
                lengths[s++] = layer.parameterCount();
            }
        }
        return lengths;
    }

    /**
     * Returns whether the engine runs {@code layer} with the dense kernels: a {@code Dense} layer,
     * or any layer that asks for {@link Layer.Kernel#AFFINE}.
     */
    static boolean isDense(Layer layer) {
        return layer.kernel() == Layer.Kernel.AFFINE;
    }

    /**
     * Makes {@code weights[l]} and {@code biases[l]} every dense layer's {@code W} and {@code b},
     * and puts the old ones in their place: new parameters built apart take over without a copy.
     * Call under the write lock.
     */
    void swapDense(double[][][] weights, double[][] biases) {
        for (int l = 0; l < layers.length; l++) {
            if (dense(l)) {
                double[][] w = weights[l];
                weights[l] = this.weights[l];
                this.weights[l] = w;
                double[] b = biases[l];
                biases[l] = this.biases[l];
                this.biases[l] = b;
            }
        }
    }

    /**
     * Makes {@code own[l]} the parameters of every layer that is not dense, and puts the old ones
     * in their place, as {@link #swapDense} does. Call under the write lock.
     */
    void swapOther(double[][] own) {
        for (int l = 0; l < layers.length; l++) {
            if (!dense(l)) {
                double[] o = own[l];
                own[l] = this.own[l];
                this.own[l] = o;
            }
        }
    }

    /**
     * Returns where layer {@code l}'s parameters start in the flat order.
     *
     * @throws IndexOutOfBoundsException if there is no such layer
     */
    int offset(int l) {
        return offsets[Objects.checkIndex(l, layers.length)];
    }

    /** Returns whether layer {@code l} is dense. */
    boolean dense(int l) {
        return weights[l] != null;
    }

    /** {@return a new copy of the parameters in the flat order}, taken under the read lock. */
    double[] copy() {
        double[] theta = new double[count];
        lock.readLock().lock();
        try {
            toFlat(theta);
        } finally {
            lock.readLock().unlock();
        }
        return theta;
    }

    /**
     * Copies the parameters into {@code theta} in the flat order. Call under a lock.
     *
     * @param theta at least {@link #count} values; overwritten
     */
    void toFlat(double[] theta) {
        toFlat(weights, biases, own, theta);
    }

    /**
     * Copies per-layer arrays shaped like the parameters (a gradient, say) into {@code flat} in
     * θ's order.
     */
    void toFlat(double[][][] w, double[][] b, double[][] other, double[] flat) {
        for (int l = 0; l < layers.length; l++) {
            int offset = offsets[l];
            if (dense(l)) {
                int in = layers[l].inputSize();
                int out = layers[l].outputSize();
                for (int k = 0; k < in; k++) {
                    System.arraycopy(w[l][k], 0, flat, offset + k * out, out);
                }
                System.arraycopy(b[l], 0, flat, offset + in * out, out);
            } else {
                System.arraycopy(other[l], 0, flat, offset, other[l].length);
            }
        }
    }

    /**
     * Sets the parameters from {@code theta} in the flat order. Call under the write lock (or
     * before the network is shared).
     *
     * @param theta at least {@link #count} values; not modified
     */
    void fromFlat(double[] theta) {
        for (int l = 0; l < layers.length; l++) {
            int offset = offsets[l];
            if (dense(l)) {
                int in = layers[l].inputSize();
                int out = layers[l].outputSize();
                for (int k = 0; k < in; k++) {
                    System.arraycopy(theta, offset + k * out, weights[l][k], 0, out);
                }
                System.arraycopy(theta, offset + in * out, biases[l], 0, out);
            } else {
                System.arraycopy(theta, offset, own[l], 0, own[l].length);
            }
        }
    }
}
