package io.github.mlp4j.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Protocol Buffers encoder: enough of the wire format to write ONNX's messages, so that
 * the library needs no protobuf dependency.
 *
 * <p>A field is a key followed by its value. The key is the varint {@code (fieldNumber << 3) | wireType},
 * with wire type 0 for varints ({@code int32}, {@code int64}, enums), 2 for length-delimited values
 * (strings, bytes, embedded messages: a varint length, then the bytes) and 5 for 32-bit
 * little-endian values ({@code float}). A varint stores 7 bits per byte, least significant group
 * first, with the high bit set on every byte but the last: 300 = 0b10_0101100 is written
 * {@code AC 02}. Negative {@code int64} values are written as their 64-bit two's complement, ten
 * bytes long.
 *
 * <p>An embedded message is built in its own writer and added with {@link #message}. Fields are
 * written in the order of the calls, so the same calls always give the same bytes.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes an {@code int32}, {@code int64} or enum field as a varint. */
    ProtoWriter varint(int field, long value) {
        key(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** Writes a {@code string} field as UTF-8 bytes. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a {@code bytes} field: the length, then the bytes. */
    ProtoWriter bytes(int field, byte[] value) {
        key(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    /** Writes an embedded message field from the bytes another writer has collected. */
    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** Writes a {@code float} field as four little-endian bytes. */
    ProtoWriter float32(int field, float value) {
        key(field, FIXED32);
        int bits = Float.floatToIntBits(value);
        for (int shift = 0; shift < 32; shift += 8) {
            out.write(bits >>> shift);
        }
        return this;
    }

    /** Returns the bytes written so far. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {                      // more than 7 bits left
            out.write((int) (v & 0x7F) | 0x80);          // low 7 bits, continuation bit set
            v >>>= 7;                                    // unsigned: negatives end after 10 bytes
        }
        out.write((int) v);
    }
}
