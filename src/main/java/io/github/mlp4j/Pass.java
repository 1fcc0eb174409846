package io.github.mlp4j;

/**
 * What a {@link Layer} needs to know about the pass it runs in: whether the network is training
 * or predicting, and, for stochastic layers such as {@link io.github.mlp4j.layer.Dropout}, a
 * source of random numbers for this training step.
 *
 * <p>The random numbers are a pure function of the network's seed, the step's number, the layer,
 * the row of the batch and the unit: {@code uniform(row, unit)} gives the same value whichever
 * thread asks and in whatever order, so a stochastic layer gives bit-identical results for every
 * thread count, and its backward pass can draw again exactly the numbers its forward pass drew.
 *
 * <p>Layers only read a pass. The network keeps one instance per layer in each training
 * workspace and arms it before each step, so a layer must not keep a reference to it.
 */
public final class Pass {
    /** The pass of every prediction, and of {@link Network#loss} and {@link Network#gradient}. */
    public static final Pass INFERENCE = new Pass(-1);

    /** The layer this pass belongs to, which keeps each layer's random numbers apart. */
    private final int layer;
    private boolean training;
    private long stepSeed;

    /** Creates the (inference) pass of layer {@code layer}; {@link #training(long)} arms it for a step. */
    Pass(int layer) {
        this.layer = layer;
    }

    /** Makes this a training pass of the step whose random numbers derive from {@code stepSeed}. */
    void training(long stepSeed) {
        this.training = true;
        this.stepSeed = stepSeed;
    }

    /** Makes this an inference pass: stochastic layers are deterministic. */
    void inference() {
        this.training = false;
    }

    /**
     * {@return whether this is a training pass} In an inference pass, a stochastic layer must be
     * deterministic (dropout passes its inputs through).
     */
    public boolean training() {
        return training;
    }

    /**
     * Returns a number uniformly distributed in [0, 1) for one unit of one row of this step's
     * batch in the current layer; the same arguments always give the same number within a step.
     *
     * @param row the row of the batch, from 0
     * @param unit the unit (column), from 0
     * @return a value in [0, 1) with 53 random bits
     */
    public double uniform(int row, int unit) {
        long z = mix(mix(mix(stepSeed + layer) + row) + unit);             // one hash per (step, layer, row, unit)
        return (z >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's step and finaliser: a bijection of 64-bit values that scrambles every bit. */
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
