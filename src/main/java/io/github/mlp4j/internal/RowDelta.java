package io.github.mlp4j.internal;

import io.github.mlp4j.Activation;

/**
 * A loss whose output {@code δᴸ = ∂C/∂zᴸ} of some rows of a batch depends on those rows alone, so
 * that the engine computes it on the thread that ran those rows forward and goes on back through
 * the layers without handing the rows to another thread. The built-in losses implement it; their
 * {@code Loss.delta} is this method over all the rows, so both give the same bits.
 */
public interface RowDelta {
    /**
     * Computes {@code δ = ∂C/∂z} of the mean cost over {@code rows} rows, for rows
     * {@code from..to−1} only.
     *
     * @param head the output layer's activation
     * @param z the output layer's weighted sums; not modified
     * @param yHat the network's outputs {@code f(z)}; not modified
     * @param y the targets; not modified
     * @param rows the number of rows in the batch (the mean is over them)
     * @param from the first row to compute, inclusive
     * @param to the last row to compute, exclusive
     * @param width the number of outputs
     * @param delta the result; rows {@code from..to−1} are overwritten
     */
    void delta(Activation head, double[][] z, double[][] yHat, double[][] y, int rows, int from, int to, int width,
            double[][] delta);
}
