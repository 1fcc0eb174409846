package io.github.mlp4j.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads little-endian fields from a model's body, checking every size against the bytes that
 * remain before anything is allocated; each failure is a {@link ModelFormatException} naming the
 * field and its offset. Not thread-safe; one per read.
 */
final class Decoder {
    private final byte[] bytes;
    private final int end;
    private int position;

    /** Reads {@code bytes[start, end)}; offsets in messages count from {@code bytes[0]}. */
    Decoder(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /** Returns the offset of the next byte to read. */
    int position() {
        return position;
    }

    /** Returns how many bytes of the body remain. */
    int remaining() {
        return end - position;
    }

    private void need(long count, String field) throws ModelFormatException {
        if (count > end - position) {
            throw new ModelFormatException("The body ends inside field " + field + ": it needs " + count
                    + " bytes but only " + (end - position) + " remain before the checksum. The model is damaged.",
                    field, position);
        }
    }

    int int32(String field) throws ModelFormatException {
        need(4, field);
        int v = Format.int32(bytes, position);
        position += 4;
        return v;
    }

    long int64(String field) throws ModelFormatException {
        need(8, field);
        long lo = Format.int32(bytes, position) & 0xFFFFFFFFL;
        long hi = Format.int32(bytes, position + 4);
        position += 8;
        return hi << 32 | lo;
    }

    double float64(String field) throws ModelFormatException {
        return Double.longBitsToDouble(int64(field));
    }

    /** Reads a finite double. */
    double finite(String field) throws ModelFormatException {
        int at = position;
        double v = float64(field);
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(field + " is " + v + " but must be finite; the model is damaged.", field, at);
        }
        return v;
    }

    /** Reads {@code n} finite doubles, after checking that 8·n bytes remain. */
    double[] finites(int n, String field) throws ModelFormatException {
        need(8L * n, field);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = finite(field + "[" + i + "]");
        }
        return v;
    }

    /**
     * Reads a count of items that each take at least {@code minBytes} bytes, checking that it is
     * at least {@code min} and that that many items can fit in what remains.
     */
    int count(String field, int min, int minBytes) throws ModelFormatException {
        int at = position;
        int n = int32(field);
        if (n < min) {
            throw new ModelFormatException(field + " is " + n + " but must be at least " + min + "; the model is damaged.",
                    field, at);
        }
        if ((long) n * minBytes > end - position) {
            throw new ModelFormatException(field + " is " + n + ", which needs at least " + (long) n * minBytes
                    + " bytes, but only " + (end - position) + " remain; the model is damaged.", field, at);
        }
        return n;
    }

    /** Reads a string: an int32 byte length, then that many bytes of strictly valid UTF-8. */
    String string(String field) throws ModelFormatException {
        int at = position;
        int length = count(field + ".length", 0, 1);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            ModelFormatException m = new ModelFormatException(field + " is not valid UTF-8; the model is damaged.",
                    field, at);
            m.initCause(e);
            throw m;
        }
    }
}
