package io.github.mlp4j.optim;

import java.util.Objects;

/** Argument checks shared by the optimizers' {@code update} methods and hyper-parameters. */
final class UpdateChecks {
    private UpdateChecks() {
    }

    /**
     * Checks the arguments of one update: O(1) work, run once per call, never inside the loop.
     *
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if an array length differs from {@code parameterCount} or
     *     the learning rate is not positive and finite
     */
    static void update(double[] theta, double[] gradient, double learningRate, int parameterCount) {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(gradient, "gradient");
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("theta has " + theta.length
                    + " values but this optimizer state was started for " + parameterCount
                    + " parameters; call start(" + theta.length + ") for a network of that size.");
        }
        if (gradient.length != parameterCount) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values but theta has "
                    + parameterCount + "; pass one gradient value per parameter.");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite, but was "
                    + learningRate + "; try a value such as 0.01.");
        }
    }

    /**
     * Returns {@code value} if it lies in [0, 1), else throws naming {@code name}.
     *
     * @throws IllegalArgumentException if {@code value} is outside [0, 1) or NaN
     */
    static double decayRate(double value, String name, String suggestion) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), but was " + value
                    + "; try a value such as " + suggestion + ".");
        }
        return value;
    }

    /** Returns a fresh parameter count if it is at least 1, else throws. */
    static int parameterCount(int parameterCount) {
        if (parameterCount < 1) {
            throw new IllegalArgumentException("parameterCount must be at least 1, but was " + parameterCount
                    + "; pass the length of the network's parameter array.");
        }
        return parameterCount;
    }

    /**
     * Returns {@code value} if it is finite and at least 0, else throws naming {@code name}.
     *
     * @throws IllegalArgumentException if {@code value} is negative, NaN or infinite
     */
    static double nonNegativeFinite(double value, String name, String suggestion) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and at least 0, but was " + value
                    + "; try a value such as " + suggestion + ", or 0 to turn it off.");
        }
        return value;
    }

    /**
     * Checks that a snapshot came from the named optimizer and holds {@code bufferCount}
     * buffers, and returns a copy of them.
     *
     * @throws NullPointerException if {@code snapshot} is null
     * @throws IllegalArgumentException if the name or the number of buffers differs
     */
    static double[][] snapshot(Optimizer.Snapshot snapshot, String optimizerName, int bufferCount) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (!snapshot.optimizerName().equals(optimizerName)) {
            throw new IllegalArgumentException("The snapshot was taken from a \"" + snapshot.optimizerName()
                    + "\" optimizer but this is \"" + optimizerName
                    + "\"; restore it with the optimizer that made it.");
        }
        if (snapshot.bufferCount() != bufferCount) {
            throw new IllegalArgumentException("The snapshot holds " + snapshot.bufferCount()
                    + " buffers but \"" + optimizerName + "\" keeps " + bufferCount
                    + "; it cannot have come from this optimizer.");
        }
        return snapshot.buffers();
    }
}
