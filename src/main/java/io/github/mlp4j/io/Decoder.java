package io.github.mlp4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads little-endian fields of a model's body from a stream, checking every size against the
 * bytes that remain before anything is allocated; each failure is a {@link ModelFormatException}
 * naming the field and its offset. It holds only a 64 KB window of the body, and keeps the
 * CRC-32C of every byte it reads, so that {@link #finish()} can check the checksum again. Not
 * thread-safe; one per read.
 */
final class Decoder {
    private static final int WINDOW = 1 << 16;

    private final InputStream in;
    private final String source;
    private final long end;
    private final CRC32C crc = new CRC32C();
    private final byte[] window = new byte[WINDOW];
    private final ByteBuffer view = ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN);
    /** The model offset of {@code window[0]}. */
    private long windowStart;
    /** The valid bytes in the window. */
    private int filled;
    /** The next byte to read, as an index into the window. */
    private int at;

    /**
     * Reads the body that follows {@code header} in {@code in}, up to (not including) the
     * checksum at model offset {@code end}; {@code source} ("the file", "the stream") is named
     * when the stream ends too early.
     */
    Decoder(byte[] header, InputStream in, long end, String source) {
        this.in = in;
        this.end = end;
        this.source = source;
        crc.update(header, 0, Format.HEADER);
        this.windowStart = Format.HEADER;
    }

    /** Returns the model offset of the next byte to read. */
    long position() {
        return windowStart + at;
    }

    /** Returns how many bytes of the body remain. */
    long remaining() {
        return end - position();
    }

    private void need(long count, String field) throws ModelFormatException {
        if (count > remaining()) {
            throw new ModelFormatException("The body ends inside field " + field + ": it needs " + count
                    + " bytes but only " + remaining() + " remain before the checksum. The model is damaged.",
                    field, position());
        }
    }

    /** Makes at least {@code n ≤ 8} unread bytes available in the window; they are known to exist. */
    private void load(int n) throws IOException {
        if (filled - at >= n) {
            return;
        }
        int kept = filled - at;
        System.arraycopy(window, at, window, 0, kept);
        windowStart += at;
        at = 0;
        filled = kept;
        long unread = end - (windowStart + filled);                     // body bytes not yet in the window
        while (filled < n) {
            int r = in.read(window, filled, (int) Math.min(WINDOW - filled, unread));
            if (r < 0) {
                throw new ModelFormatException("The model is truncated: its header gives a length of " + (end
                        + Format.TRAILER) + " bytes but " + source + " ends after " + (windowStart + filled)
                        + ". The file is incomplete (was its save or download cut short?) or its body length is"
                        + " damaged.", "body", windowStart + filled);
            }
            crc.update(window, filled, r);
            filled += r;
            unread -= r;
        }
    }

    int int32(String field) throws IOException {
        need(4, field);
        load(4);
        int v = view.getInt(at);
        at += 4;
        return v;
    }

    long int64(String field) throws IOException {
        need(8, field);
        load(8);
        long v = view.getLong(at);
        at += 8;
        return v;
    }

    double float64(String field) throws IOException {
        return Double.longBitsToDouble(int64(field));
    }

    /** Reads a finite double. */
    double finite(String field) throws IOException {
        long offset = position();
        double v = float64(field);
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(field + " is " + v + " but must be finite; the model is damaged.", field,
                    offset);
        }
        return v;
    }

    /** Reads {@code n} finite doubles, after checking that 8·n bytes remain. */
    double[] finites(int n, String field) throws IOException {
        need(8L * n, field);
        double[] v = new double[n];
        int i = 0;
        while (i < n) {
            load(8);
            int k = Math.min(n - i, (filled - at) / 8);
            for (int j = 0; j < k; j++, i++, at += 8) {
                v[i] = view.getDouble(at);
                if (!Double.isFinite(v[i])) {
                    throw new ModelFormatException(field + "[" + i + "] is " + v[i] + " but must be finite; the model"
                            + " is damaged.", field + "[" + i + "]", position());
                }
            }
        }
        return v;
    }

    /** Reads {@code n} raw bytes, after checking that they remain. */
    byte[] bytes(int n, String field) throws IOException {
        need(n, field);
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            load(1);
            int k = Math.min(n - i, filled - at);
            System.arraycopy(window, at, b, i, k);
            at += k;
            i += k;
        }
        return b;
    }

    /**
     * Reads a count of items that each take at least {@code minBytes} bytes, checking that it is
     * at least {@code min} and that that many items can fit in what remains.
     */
    int count(String field, int min, int minBytes) throws IOException {
        long offset = position();
        int n = int32(field);
        if (n < min) {
            throw new ModelFormatException(field + " is " + n + " but must be at least " + min + "; the model is damaged.",
                    field, offset);
        }
        if ((long) n * minBytes > remaining()) {
            throw new ModelFormatException(field + " is " + n + ", which needs at least " + (long) n * minBytes
                    + " bytes, but only " + remaining() + " remain; the model is damaged.", field, offset);
        }
        return n;
    }

    /** Reads a string: an int32 byte length, then that many bytes of strictly valid UTF-8. */
    String string(String field) throws IOException {
        long offset = position();
        int length = count(field + ".length", 0, 1);
        byte[] utf8 = bytes(length, field);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            ModelFormatException m = new ModelFormatException(field + " is not valid UTF-8; the model is damaged.",
                    field, offset);
            m.initCause(e);
            throw m;
        }
    }

    /**
     * Checks that the whole body was read, then reads the checksum (exactly its four bytes) and
     * compares it with the bytes this decoder read.
     */
    void finish() throws IOException {
        if (remaining() != 0) {
            throw new ModelFormatException("The body has " + remaining() + " bytes left after its last field;"
                    + " the model is damaged.", "body", position());
        }
        byte[] trailer = in.readNBytes(Format.TRAILER);
        if (trailer.length < Format.TRAILER) {
            throw new ModelFormatException("The model is truncated: " + source + " ends inside the checksum, after "
                    + (end + trailer.length) + " bytes.", "checksum", end);
        }
        int stored = Format.int32(trailer, 0);
        int actual = (int) crc.getValue();
        if (stored != actual) {
            throw new ModelFormatException(String.format("The checksum does not match: the model stores CRC-32C %08x"
                    + " but its bytes give %08x, so some byte of it was changed (or %s changed while it was read)."
                    + " Load a good copy.", stored, actual, source), "checksum", end);
        }
    }
}
