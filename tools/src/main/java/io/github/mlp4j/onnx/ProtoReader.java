package io.github.mlp4j.onnx;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A minimal Protocol Buffers decoder over a slice of a byte array: the reverse of
 * {@link ProtoWriter}, enough of the wire format to read ONNX's messages without a protobuf
 * dependency.
 *
 * <p>A message is a sequence of fields, each a key varint {@code (fieldNumber << 3) | wireType}
 * followed by its value: a varint (wire type 0), eight little-endian bytes (1), a varint length
 * and that many bytes (2), or four little-endian bytes (5). {@link #next()} reads a key; then
 * exactly one of the value methods, or {@link #skip()}, reads its value.
 *
 * <p>Every length is checked against the bytes that remain in the enclosing message before
 * anything is read or allocated, so a damaged or hostile file ends in an
 * {@link OnnxImportException} that names the byte offset, never in a huge allocation. Embedded
 * messages and byte strings are returned as views of the same array, not copies.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int end;
    private final String what;
    private int position;
    private int field;
    private int wireType;

    /**
     * Creates a reader of {@code bytes[from .. to)}, a message named {@code what} in error messages.
     */
    ProtoReader(byte[] bytes, int from, int to, String what) {
        this.bytes = bytes;
        this.position = from;
        this.end = to;
        this.what = what;
    }

    /** Returns whether another field follows. */
    boolean hasNext() {
        return position < end;
    }

    /** Reads the next key and returns its field number (at least 1); {@link #wireType()} gives its type. */
    int next() throws OnnxImportException {
        int start = position;
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (key >>> 3 > 0x1FFF_FFFFL || field == 0) {
            throw malformed("a field number of " + (key >>> 3) + ", outside 1 to 536870911", start);
        }
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw malformed("field " + field + " with wire type " + wireType + ", which ONNX never uses", start);
        }
        return field;
    }

    /** Returns the wire type of the field whose key {@link #next()} read last. */
    int wireType() {
        return wireType;
    }

    /**
     * Returns the offset of the next unread byte in {@link #bytes()}, which holds the whole model:
     * the reader's first byte until a field is read.
     */
    int position() {
        return position;
    }

    /** Reads a varint value of any width: int32, int64, enum or bool. */
    long varint() throws OnnxImportException {
        int start = position;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw malformed("a varint cut short by the end of the " + what, start);
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;                 // 7 bits per byte, least significant first
            if (b >= 0) {                                        // high bit clear: last byte
                return value;
            }
        }
        throw malformed("a varint longer than 10 bytes", start);
    }

    /** Reads the value of the current field as an integer, whatever its numeric wire type. */
    long integer() throws OnnxImportException {
        return switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> fixed64();
            case FIXED32 -> fixed32() & 0xFFFF_FFFFL;
            default -> throw malformed("field " + field + " holding bytes where a number belongs", position);
        };
    }

    /** Reads four little-endian bytes. */
    int fixed32() throws OnnxImportException {
        require(4);
        int v = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16
                | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        return v;
    }

    /** Reads eight little-endian bytes. */
    long fixed64() throws OnnxImportException {
        long low = fixed32() & 0xFFFF_FFFFL;
        long high = fixed32() & 0xFFFF_FFFFL;
        return low | high << 32;
    }

    /** Reads a {@code float} field (wire type 5). */
    float float32() throws OnnxImportException {
        expect(FIXED32, "a float");
        return Float.intBitsToFloat(fixed32());
    }

    /** Reads a length-delimited field and returns a reader of its bytes, named {@code name} in messages. */
    ProtoReader message(String name) throws OnnxImportException {
        expect(LENGTH_DELIMITED, name);
        int length = length();
        ProtoReader inner = new ProtoReader(bytes, position, position + length, name);
        position += length;
        return inner;
    }

    /** Reads a {@code string} field as UTF-8. */
    String string() throws OnnxImportException {
        expect(LENGTH_DELIMITED, "a string");
        int length = length();
        int start = position;
        position += length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, length)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("a string of field " + field + " that is not valid UTF-8", start);
        }
    }

    /** Skips the value of the current field. */
    void skip() throws OnnxImportException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> fixed64();
            case FIXED32 -> fixed32();
            default -> {
                int length = length();
                position += length;
            }
        }
    }

    /** Returns the whole array this reader views (for {@link #position()} and {@link #to()}). */
    byte[] bytes() {
        return bytes;
    }

    /** Returns the offset just past this reader's last byte in {@link #bytes()}. */
    int to() {
        return end;
    }

    /** Returns an exception for malformed bytes found at {@code offset}. */
    OnnxImportException malformed(String problem, int offset) {
        return new OnnxImportException("Not a valid ONNX model: the " + what + " holds " + problem + " (at byte "
                + offset + "). The file is damaged, cut short, or not an ONNX model.");
    }

    private void expect(int type, String name) throws OnnxImportException {
        if (wireType != type) {
            throw malformed("field " + field + " with wire type " + wireType + " where " + name + " (wire type "
                    + type + ") belongs", position);
        }
    }

    /** Reads a length varint and checks that so many bytes remain. */
    private int length() throws OnnxImportException {
        int start = position;
        long length = varint();
        if (length < 0 || length > end - position) {
            throw malformed("field " + field + " declaring " + Long.toUnsignedString(length) + " bytes when only "
                    + (end - position) + " remain", start);
        }
        return (int) length;
    }

    private void require(int count) throws OnnxImportException {
        if (end - position < count) {
            throw malformed("field " + field + " cut short: " + count + " bytes needed, " + (end - position)
                    + " remain", position);
        }
    }
}
