package io.github.mlp4j.io;

import java.util.zip.CRC32C;

/**
 * Constants of the model file format shared by {@link ModelWriter} and {@link ModelReader}; the
 * full specification is {@code docs/model-format.md}.
 *
 * <pre>
 *   offset 0      8 bytes   magic  89 4D 4C 50 34 4A 0D 0A  ("\x89MLP4J\r\n")
 *   offset 8      uint32    format version
 *   offset 12     int32     body length B, 0 ≤ B ≤ MAX_BODY
 *   offset 16     B bytes   body (its layout depends on the version)
 *   offset 16+B   uint32    CRC-32C of bytes 0 .. 16+B−1
 * </pre>
 * Every number is little-endian.
 */
final class Format {
    /** The eight bytes every model starts with. */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'L', 'P', '4', 'J', '\r', '\n'};
    /** The version this library writes. */
    static final int CURRENT_VERSION = 2;
    /** The oldest version this library reads. */
    static final int OLDEST_VERSION = 1;
    /** Bytes before the body: magic, version and body length. */
    static final int HEADER = 16;
    /** Bytes after the body: the checksum. */
    static final int TRAILER = 4;
    /** The largest body, so that a whole model fits in one Java array. */
    static final int MAX_BODY = Integer.MAX_VALUE - 64;

    static final String NONE = "none";
    static final String STANDARD = "standard";
    static final String MIN_MAX = "minmax";

    private Format() {
    }

    /** Returns the CRC-32C of {@code bytes[0, length)}. */
    static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** Reads a little-endian int from {@code b} at {@code at}. */
    static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /** Writes {@code v} little-endian into {@code b} at {@code at}. */
    static void putInt32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
