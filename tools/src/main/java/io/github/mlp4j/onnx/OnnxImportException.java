package io.github.mlp4j.onnx;

import java.io.IOException;

/**
 * Thrown when an ONNX model cannot be imported: its bytes are not a valid ONNX model (the message
 * gives the byte offset), or its graph is not a multilayer perceptron that a {@code Network} can
 * compute exactly (the message names the node, its operator and why, such as
 * {@code "node 'conv1' is a Conv; mlp4j imports dense layers only"}).
 *
 * <p>This is the only exception that a bad model causes; other {@link IOException}s mean that
 * reading itself failed (a missing file, a disk error).
 */
public final class OnnxImportException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what is wrong and, where it helps, what to do.
     *
     * @param message the message
     */
    public OnnxImportException(String message) {
        super(message);
    }
}
