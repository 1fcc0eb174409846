package io.github.mlp4j.data;

import io.github.mlp4j.internal.Checks;

/** Shape checks shared by the fitted scalers, so every scaler words a wrong width the same way. */
final class ScalerChecks {
    private ScalerChecks() {
    }

    /**
     * Checks that {@code x} is a well-formed matrix of {@code inputSize} columns.
     *
     * @throws IllegalArgumentException if x is empty, ragged, holds NaN or infinity, or has another width
     */
    static void matrix(double[][] x, int inputSize) {
        int width = Checks.matrix(x, "x");
        if (width != inputSize) {
            throw new IllegalArgumentException("x has " + width + " columns but the scaler was fitted on "
                    + inputSize + "; pass rows with " + inputSize + " values.");
        }
    }

    /**
     * Checks that {@code row} holds {@code inputSize} finite values.
     *
     * @throws IllegalArgumentException if the row has another length or holds NaN or infinity
     */
    static void row(double[] row, int inputSize) {
        if (Checks.vector(row, "row") != inputSize) {
            throw new IllegalArgumentException("row has " + row.length + " values but the scaler was fitted on "
                    + inputSize + " columns; pass " + inputSize + " values.");
        }
    }
}
