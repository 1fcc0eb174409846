package io.github.mlp4j.internal;

/**
 * An optimizer state that can follow the gradient {@code s·g + λ·θ} (clipped by the factor
 * {@code s}, with L2 weight decay {@code λ}) without a buffer to hold it: it forms each entry as it
 * reads it, in the same arithmetic as {@link #effective}, so the step is bit-identical to
 * {@code update(θ, s·g + λ·θ, ε)} and saves a pass over the parameters. The built-in optimizers
 * implement it; the network uses it when the state it is given does.
 *
 * <p>A state that implements it also promises that a NaN or infinite entry of {@code g} makes
 * its parameter NaN or infinite ({@code ε·∞}, {@code ∞/∞} and anything with NaN are), so a
 * caller that checks the new θ, as the network does before writing it, need not check {@code g}
 * first.
 *
 * <p>Such a state can also be {@linkplain #shape shaped} like a network's parameters and then
 * updated one segment at a time ({@link #beginUpdate}, {@link #updateSegment} for each segment,
 * then {@link #endUpdate}), straight from the gradient in the layers' own arrays: the network's
 * copy-free step. Different segments of one update may be updated on different threads at once.
 */
public interface ScaledUpdate {

    /**
     * Applies {@code θ ← update(θ, s·g + λ·θ, ε)}.
     *
     * @param theta the parameters θ; overwritten with the updated values
     * @param gradient {@code g = ∂C/∂θ}, of the same length; not modified
     * @param learningRate ε, positive and finite
     * @param gradientScale s, positive and finite (1 without clipping)
     * @param weightDecay λ, at least 0 (0 without decay)
     * @throws IllegalArgumentException as the state's {@code update(θ, g, ε)} does
     */
    void update(double[] theta, double[] gradient, double learningRate, double gradientScale, double weightDecay);

    /**
     * Keeps the buffers from now on as segments of these lengths, in θ's order, with the same
     * values; nothing happens if the state already has these segments (the same array).
     *
     * @param lengths the segments' lengths, adding up to the parameter count; kept, not copied
     * @throws IllegalArgumentException if the lengths do not add up to the parameter count
     */
    void shape(int[] lengths);

    /** Starts update number {@code steps() + 1} by segments: computes what its segments share. */
    void beginUpdate();

    /**
     * Applies update number {@code steps() + 1} to one segment: {@code next ← update(θ, s·g + λ·θ,
     * ε)} over the segment's length, the buffers' segment updated with it. Call it once for every
     * segment, between {@link #beginUpdate} and {@link #endUpdate}; it reads nothing another
     * segment's call writes. The arguments are not checked.
     *
     * @param theta the segment's parameters, from index 0; not modified unless it is {@code next}
     * @param gradient {@code g}, the segment's gradient, from index 0; not modified
     * @param next receives the segment's new parameters (may be {@code theta})
     * @param segment the segment's index in the lengths given to {@link #shape}
     * @param learningRate ε, positive and finite
     * @param gradientScale s, positive and finite
     * @param weightDecay λ, at least 0
     */
    void updateSegment(double[] theta, double[] gradient, double[] next, int segment, double learningRate,
            double gradientScale, double weightDecay);

    /** Counts the update whose segments {@link #updateSegment} has applied. */
    void endUpdate();

    /**
     * Returns the gradient entry a step follows, {@code s·g + λ·θ}; just {@code s·g} when
     * {@code λ} is 0, so that a step without decay is bit-identical to one on {@code s·g} (and,
     * with {@code s = 1}, on {@code g} itself: {@code g·1 = g} for every double).
     *
     * @param g the entry of ∂C/∂θ
     * @param theta the parameter it belongs to
     * @param gradientScale s
     * @param weightDecay λ
     * @return {@code s·g + λ·θ}
     */
    static double effective(double g, double theta, double gradientScale, double weightDecay) {
        return weightDecay == 0 ? g * gradientScale : g * gradientScale + weightDecay * theta;
    }
}
