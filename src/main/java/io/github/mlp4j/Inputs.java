package io.github.mlp4j;

import io.github.mlp4j.internal.Checks;
import java.util.Objects;

/**
 * The checks a network makes at its public boundary, on inputs, targets and outputs, each
 * with a message that says what was expected, what was given, and what to do.
 */
final class Inputs {
    private Inputs() {
    }

    /** Checks that {@code x} is a matrix of {@code width} columns, without looking at its values. */
    static void checkShape(double[][] x, int width) {
        Checks.width(Checks.shape(x, "x"), width, "x", "inputs (the first layer's inputSize)");
    }

    /** Checks that {@code x} is a matrix of finite values and {@code width} columns. */
    static void checkInputs(double[][] x, int width) {
        checkShape(x, width);
        Checks.finite(x, "x", new double[width]);
    }

    /** Checks one row {@code x} of {@code in} finite inputs, and the array {@code output} of {@code out} values for its outputs. */
    static void checkRow(double[] x, double[] output, int in, int out) {
        Checks.width(Checks.vector(x, "x"), in, "x", "inputs (the first layer's inputSize)");
        Objects.requireNonNull(output, "output");
        if (output.length != out) {
            throw new IllegalArgumentException("output has " + output.length + " values but the network has " + out
                    + " outputs; pass an array of length outputSize().");
        }
    }

    /** Checks the targets {@code y} of the inputs {@code x}, whose shape is already checked. */
    static void checkTargets(double[][] x, double[][] y, int width, Loss loss) {
        Checks.width(Checks.matrix(y, "y"), width, "y", "outputs (the last layer's outputSize)");
        Checks.sameRows(x, y);
        loss.checkTargets(y, "y");
    }

    /** Checks the lengths of rows {@code 0..rows−1} of a batch that a trainer has validated once. */
    static void checkRows(double[][] x, double[][] y, int rows, int in, int out) {
        for (int i = 0; i < rows; i++) {
            if (x[i].length != in) {
                Checks.width(x[i].length, in, "Row " + i + " of x", "inputs (the first layer's inputSize)");
            }
            if (y[i].length != out) {
                Checks.width(y[i].length, out, "Row " + i + " of y", "outputs (the last layer's outputSize)");
            }
        }
    }

    /** Throws if an output of any row is NaN or infinite. */
    static void checkOutputs(double[][] out) {
        for (int i = 0; i < out.length; i++) {
            checkOutput(out[i], i);
        }
    }

    /**
     * Throws if an output of row {@code row} is NaN or infinite: the inputs are finite (checked),
     * so the parameters overflow on them.
     */
    static void checkOutput(double[] out, int row) {
        if (Checks.allFinite(out)) {
            return;
        }
        for (int j = 0; j < out.length; j++) {
            if (!Double.isFinite(out[j])) {
                throw new ArithmeticException("Output " + j + " of row " + row + " is " + out[j]
                        + ": the network's parameters overflow on this input (its values are finite). Check the"
                        + " parameters (largest |w|), or scale the inputs as they were scaled in training.");
            }
        }
    }
}
