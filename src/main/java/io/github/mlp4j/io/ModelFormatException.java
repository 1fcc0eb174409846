package io.github.mlp4j.io;

import java.io.IOException;

/**
 * Thrown when bytes that should hold an mlp4j model do not: a wrong magic number, an unknown
 * format version, a file cut short, a checksum that does not match, a size out of range, an
 * unknown activation or loss name, or bytes after the end of the model.
 *
 * <p>This is the only exception that malformed input causes; the message says what is wrong and
 * where ({@link #offset()}, counted in bytes from the model's first byte, and {@link #field()}).
 * Other {@link IOException}s mean that reading itself failed (a missing file, a disk error).
 * The catalogue of messages is in {@code docs/errors.md}.
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The byte offset, from the model's first byte, of the field where the problem was found. */
    private final long offset;
    /** The name of the field where the problem was found. */
    private final String field;

    /**
     * Creates an exception for a problem found in {@code field} at byte {@code offset}.
     *
     * @param problem what is wrong, and what to do about it, in one or two sentences
     * @param field the name of the field being read, such as {@code "header.version"}
     * @param offset the byte offset of the field from the model's first byte, at least 0
     */
    public ModelFormatException(String problem, String field, long offset) {
        super(problem + " (field " + field + " at byte offset " + offset + ")");
        this.field = field;
        this.offset = offset;
    }

    /**
     * {@return the byte offset, from the model's first byte, of the field where the problem was
     * found}
     */
    public long offset() {
        return offset;
    }

    /** {@return the name of the field where the problem was found, such as {@code "header.magic"}} */
    public String field() {
        return field;
    }
}
