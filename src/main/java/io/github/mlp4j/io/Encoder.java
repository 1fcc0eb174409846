package io.github.mlp4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer that writes the fields of a model, refusing anything the
 * reader would refuse: strings that are not valid Unicode (an unpaired surrogate has no UTF-8
 * form) and more bytes than one Java array holds. Not thread-safe; one per write.
 */
final class Encoder {
    /** The largest array the JVMs in use allocate. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] buffer;
    private int size;

    /** Creates an encoder whose buffer starts with {@code capacity} bytes (clamped to 256 … MAX_ARRAY). */
    Encoder(long capacity) {
        buffer = new byte[(int) Math.max(256, Math.min(capacity, MAX_ARRAY))];
    }

    /** Returns how many bytes have been written. */
    int size() {
        return size;
    }

    /** Returns the buffer, whose first {@link #size()} bytes are the ones written; not a copy. */
    byte[] buffer() {
        return buffer;
    }

    /** Returns exactly the bytes written: the buffer itself when it is full, else a copy. */
    byte[] toByteArray() {
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /**
     * Returns the capacity to grow a buffer of {@code length} bytes, holding {@code size}, to so
     * that {@code more} bytes fit: double it, but never past {@link #MAX_ARRAY}, so that a buffer
     * near the limit grows once to the limit rather than by a few bytes at a time.
     *
     * @throws IllegalArgumentException if {@code size + more} exceeds {@link #MAX_ARRAY}
     */
    static int grownCapacity(int length, int size, long more) {
        long needed = size + more;
        if (needed > MAX_ARRAY) {
            throw new IllegalArgumentException("The model needs more than " + MAX_ARRAY + " bytes but one model file"
                    + " holds at most " + (Format.HEADER + (long) Format.MAX_BODY + Format.TRAILER)
                    + "; save a smaller network.");
        }
        return (int) Math.max(needed, Math.min(2L * length, MAX_ARRAY));
    }

    private void ensure(long more) {
        if (buffer.length - size < more) {
            buffer = Arrays.copyOf(buffer, grownCapacity(buffer.length, size, more));
        }
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    void int32(int v) {
        ensure(4);
        Format.putInt32(buffer, size, v);
        size += 4;
    }

    /** Overwrites the int32 at {@code at}, which was written before. */
    void int32At(int at, int v) {
        Format.putInt32(buffer, at, v);
    }

    void int64(long v) {
        int32((int) v);
        int32((int) (v >>> 32));
    }

    void float64(double v) {
        int64(Double.doubleToRawLongBits(v));
    }

    /**
     * Writes {@code v}, each value finite.
     *
     * @throws IllegalArgumentException naming {@code field} and the index if a value is NaN or infinite
     */
    void finites(double[] v, String field) {
        ensure(8L * v.length);
        ByteBuffer out = ByteBuffer.wrap(buffer, size, 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(field + "[" + i + "] is " + v[i] + ", but a model file holds only"
                        + " finite values (a reader would refuse it); fix the value before saving.");
            }
            out.putDouble(v[i]);
        }
        size += 8 * v.length;
    }

    /**
     * Writes a string as an int32 byte length and its UTF-8 bytes.
     *
     * @throws IllegalArgumentException naming {@code field} if the string holds an unpaired
     *     surrogate, which UTF-8 cannot encode
     */
    void string(String s, String field) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " \"" + abbreviate(s) + "\" holds an unpaired surrogate"
                        + String.format(" U+%04X at index %d", (int) c, i) + ", which UTF-8 cannot encode, so a model"
                        + " file cannot hold it; remove it or complete the pair.");
            }
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        bytes(utf8);
    }

    /** Returns {@code s}, or its first 40 characters and an ellipsis, for a message. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
