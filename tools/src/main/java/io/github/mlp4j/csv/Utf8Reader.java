package io.github.mlp4j.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a CSV file's bytes as strict UTF-8, and reports bytes that are not UTF-8 as a
 * {@link CsvFormatException} naming the file, the line and the cell column where they are (the
 * JDK's own readers say only "Input length = 1"). A file that starts with a UTF-16 byte-order mark
 * is refused with the advice to save it as UTF-8.
 *
 * <p>Characters before a bad byte are delivered first; the error is thrown by the read that would
 * return the bad byte, so every line before it is read and checked as usual. Not thread-safe.
 */
final class Utf8Reader extends Reader {
    private static final int BLOCK = 1 << 16;

    private final InputStream in;
    private final String source;
    private final char delimiter;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    private boolean endOfInput;
    private boolean started;
    /** The 1-based line of the next character, and the cell (1-based) and character (0-based) in it. */
    private int line = 1;
    private int cell = 1;
    private int character;
    private boolean quoted;
    private boolean afterCarriageReturn;

    Utf8Reader(InputStream in, String source, char delimiter) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
        bytes.flip();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            int produced = out.position() - offset;
            if (result.isError()) {
                if (produced > 0) {
                    return track(buffer, offset, produced);                  // deliver what came before the bad byte
                }
                throw malformed(result.length());
            }
            if (produced > 0) {
                return track(buffer, offset, produced);
            }
            if (endOfInput) {
                decoder.flush(out);
                int flushed = out.position() - offset;
                return flushed > 0 ? track(buffer, offset, flushed) : -1;
            }
            refill();
        }
    }

    private void refill() throws IOException {
        bytes.compact();
        int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (r < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + r);
        }
        bytes.flip();
        if (!started && (bytes.remaining() >= 2 || endOfInput)) {
            started = true;
            if (bytes.remaining() >= 2) {
                int b0 = bytes.get(0) & 0xFF;
                int b1 = bytes.get(1) & 0xFF;
                if (b0 == 0xFF && b1 == 0xFE || b0 == 0xFE && b1 == 0xFF) {
                    throw new CsvFormatException(source, 1, 1, "the file is UTF-16 (it starts with the byte-order"
                            + String.format(" mark %02X %02X), but CSV files are read as UTF-8; save it as UTF-8.", b0, b1));
                }
            }
        }
    }

    /** Advances the line, cell and character counts over the delivered characters. */
    private int track(char[] buffer, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            char c = buffer[i];
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;                                 // \r\n ends one line
                continue;
            }
            afterCarriageReturn = c == '\r';
            if (c == '\n' || c == '\r') {
                line++;
                cell = 1;
                character = 0;
                quoted = false;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                cell++;
            }
            character++;
        }
        return count;
    }

    private CsvFormatException malformed(int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length && i < bytes.remaining(); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        return new CsvFormatException(source, line, cell, "the byte" + (length > 1 ? "s " : " ") + hex + " after "
                + character + " characters of the line " + (length > 1 ? "are" : "is") + " not UTF-8. The file may be"
                + " in another encoding (such as Latin-1 or Windows-1252, where é is the one byte E9); save it as"
                + " UTF-8.");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
