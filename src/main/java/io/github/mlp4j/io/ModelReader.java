package io.github.mlp4j.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Reads models in every version of mlp4j's binary model format ({@code docs/model-format.md}).
 *
 * <p>Malformed input of any kind (a wrong magic number, an unknown version, a truncated file, a
 * flipped bit, a size out of range, an unknown activation or loss, bytes after the model) ends in
 * a {@link ModelFormatException} whose message says what is wrong and at which byte offset. Before
 * anything is allocated, every size is checked against the bytes that remain, so a damaged or
 * hostile file cannot exhaust memory. The checksum is checked before the body is decoded: a file
 * is read twice, first in 64 KB blocks for its checksum and then to decode it, so a damaged file
 * of any size gets the checksum error in a small heap; a stream's model is held in memory, read
 * in growing chunks (a length that claims more than the stream holds costs only what the stream
 * really delivers), and a model of more than a third of the heap is refused before it is read. A
 * model that loads has passed its CRC-32C checksum, so it predicts exactly as the saved one did.
 * A layer of a kind registered with {@link LayerKinds} is recreated by its codec.
 *
 * <p>All methods are static and thread-safe.
 */
public final class ModelReader {
    /** The largest model, in bytes, that {@link #read(InputStream)} accepts: 1 GiB. */
    public static final long DEFAULT_STREAM_LIMIT = 1L << 30;

    /**
     * A stream's model is held in memory until its checksum is checked, then decoded into
     * parameters that the network copies: a model of more than a third of the heap cannot load
     * from a stream, and is refused before it is read.
     */
    private static final int STREAM_MEMORY_FACTOR = 3;

    /** The block in which a checksum is computed. */
    private static final int CHECKSUM_BLOCK = 1 << 16;

    /** The first chunk read from a stream; later chunks double, up to the model's length. */
    private static final int FIRST_CHUNK = 1 << 16;

    private ModelReader() {
    }

    /**
     * Loads the model in {@code path}, which must hold exactly one model and nothing else.
     *
     * @param path the model file
     * @return the model
     * @throws ModelFormatException if the file is not exactly one valid model (the message says what
     *     is wrong and where)
     * @throws IOException if the file cannot be read
     */
    public static Model load(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        byte[] head;
        long total;
        try (InputStream in = Files.newInputStream(path)) {                  // unbuffered: we read in large blocks
            head = new byte[Format.HEADER];
            int n = in.readNBytes(head, 0, head.length);
            int body = header(head, n);
            total = (long) Format.HEADER + body + Format.TRAILER;
            long size = Files.size(path);
            if (size > total) {
                throw new ModelFormatException("The file has " + size + " bytes but the model in it ends after " + total
                        + " (its header gives a body of " + body + " bytes); a model file must hold nothing after"
                        + " the model. The file was appended to or damaged.", "end of model", total);
            }
            if (size < total) {
                throw truncated(total, size, "the file");
            }
            checkChecksum(in, head, total);                                  // before anything is allocated for it
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] again = in.readNBytes(Format.HEADER);
            if (!Arrays.equals(again, head)) {
                throw new ModelFormatException("The file's header changed while it was read; load it again once"
                        + " nothing writes to it.", "header", 0);
            }
            return decode(head, in, total, "the file");
        }
    }

    /**
     * Reads one model from {@code in}, of at most {@link #DEFAULT_STREAM_LIMIT} bytes, and leaves
     * the stream right after the model's last byte (its checksum), so that whatever follows can
     * be read next. The stream is not closed.
     *
     * @param in the stream
     * @return the model
     * @throws ModelFormatException if the stream does not start with a valid model
     * @throws IOException if the stream fails
     */
    public static Model read(InputStream in) throws IOException {
        return read(in, DEFAULT_STREAM_LIMIT);
    }

    /**
     * Reads one model of at most {@code maxBytes} bytes from {@code in}, as {@link #read(InputStream)}
     * does. Pass a small limit for streams from untrusted sources.
     *
     * @param in the stream; read up to the model's last byte, not further; not closed
     * @param maxBytes the largest model accepted, in bytes (header, body and checksum), at least 1
     * @return the model
     * @throws IllegalArgumentException if {@code maxBytes < 1}
     * @throws ModelFormatException if the stream does not start with a valid model, or its header
     *     announces more than {@code maxBytes} bytes
     * @throws IOException if the stream fails
     */
    public static Model read(InputStream in, long maxBytes) throws IOException {
        Objects.requireNonNull(in, "in");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, but was " + maxBytes
                    + "; pass the size of the largest model you accept, such as 1 << 20.");
        }
        byte[] head = new byte[Format.HEADER];
        int n = in.readNBytes(head, 0, head.length);
        int body = header(head, n);
        long total = (long) Format.HEADER + body + Format.TRAILER;
        if (total > maxBytes) {
            throw new ModelFormatException("The header announces a model of " + total + " bytes, more than the limit of "
                    + maxBytes + " for this stream; if you trust the source, read it with a larger maxBytes.",
                    "header.bodyLength", 12);
        }
        if (STREAM_MEMORY_FACTOR * total > Runtime.getRuntime().maxMemory()) {
            throw new ModelFormatException("The header announces a model of " + total + " bytes; reading it from a"
                    + " stream needs at least " + STREAM_MEMORY_FACTOR + " times that (its bytes, the decoded"
                    + " parameters and the network's own copy) but this JVM's heap holds at most "
                    + Runtime.getRuntime().maxMemory() + ". Load it from a file with ModelReader.load,"
                    + " which checks the checksum without holding the bytes, or give the JVM more heap (-Xmx); if"
                    + " the stream is damaged, this is the damage.", "header.bodyLength", 12);
        }
        byte[] all = readRest(in, head, total, "the stream");
        checkChecksum(new ByteArrayInputStream(all, Format.HEADER, all.length - Format.HEADER), head, total);
        return decode(head, new ByteArrayInputStream(all, Format.HEADER, all.length - Format.HEADER), total,
                "the stream");
    }

    /**
     * Returns the model held in {@code bytes}, which must be exactly one model and nothing else.
     *
     * @param bytes the model's bytes; not modified
     * @return the model
     * @throws ModelFormatException if the bytes are not exactly one valid model
     */
    public static Model fromBytes(byte[] bytes) throws ModelFormatException {
        Objects.requireNonNull(bytes, "bytes");
        int body = header(bytes, bytes.length);
        long total = (long) Format.HEADER + body + Format.TRAILER;
        if (bytes.length < total) {
            throw truncated(total, bytes.length, "the input");
        }
        if (bytes.length > total) {
            throw new ModelFormatException("The input has " + bytes.length + " bytes but the model in it ends after "
                    + total + "; pass exactly one model.", "end of model", total);
        }
        try {
            checkChecksum(new ByteArrayInputStream(bytes, Format.HEADER, bytes.length - Format.HEADER), bytes, total);
            return decode(bytes, new ByteArrayInputStream(bytes, Format.HEADER, bytes.length - Format.HEADER), total,
                    "the input");
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);                        // an array stream does not fail
        }
    }

    // ----------------------------------------------------------------------------------------

    /**
     * Checks the first {@code n} bytes of {@code b} as a header and returns the body length.
     * Mismatches in what is present are reported before a missing end.
     */
    private static int header(byte[] b, int n) throws ModelFormatException {
        if (n == 0) {
            throw new ModelFormatException("The input is empty; an mlp4j model starts with the magic number"
                    + " 89 4D 4C 50 34 4A 0D 0A (\"\\x89MLP4J\\r\\n\"). Check the path, and that the save finished.",
                    "header.magic", 0);
        }
        for (int i = 0; i < Format.MAGIC.length; i++) {
            if (i == n) {
                throw truncatedHeader(n, "header.magic", 0);
            }
            if (b[i] != Format.MAGIC[i]) {
                throw new ModelFormatException("This is not an mlp4j model: it starts with " + hex(b, Math.min(n, 8))
                        + " but a model starts with the magic number 89 4D 4C 50 34 4A 0D 0A (\"\\x89MLP4J\\r\\n\");"
                        + " byte " + i + " differs. Check that the file is an mlp4j model.", "header.magic", i);
            }
        }
        if (n < 12) {
            throw truncatedHeader(n, "header.version", 8);
        }
        int version = Format.int32(b, 8);
        if (version < Format.OLDEST_VERSION || version > Format.CURRENT_VERSION) {
            throw new ModelFormatException("The model has format version " + Integer.toUnsignedString(version)
                    + ", but this mlp4j reads versions " + Format.OLDEST_VERSION + " to " + Format.CURRENT_VERSION
                    + ". A newer mlp4j may read it, or the file is damaged.", "header.version", 8);
        }
        if (n < Format.HEADER) {
            throw truncatedHeader(n, "header.bodyLength", 12);
        }
        int body = Format.int32(b, 12);
        if (body < 0 || body > Format.MAX_BODY) {
            throw new ModelFormatException("The body length is " + body + " bytes, outside 0 to " + Format.MAX_BODY
                    + "; the file is damaged.", "header.bodyLength", 12);
        }
        return body;
    }

    private static ModelFormatException truncatedHeader(int n, String field, long offset) {
        return new ModelFormatException("The model is truncated: the input ends after " + n + " bytes, inside its "
                + Format.HEADER + "-byte header. The file is incomplete; was its save or download cut short?", field, offset);
    }

    private static ModelFormatException truncated(long total, long n, String what) {
        return new ModelFormatException("The model is truncated: its header gives a length of " + total + " bytes but "
                + what + " ends after " + n + ". The file is incomplete (was its save or download cut short?) or its"
                + " body length is damaged.", "body", n);
    }

    /** Reads the rest of a model of {@code total} bytes whose header is in {@code head}, in growing chunks. */
    private static byte[] readRest(InputStream in, byte[] head, long total, String what) throws IOException {
        byte[] all = new byte[(int) Math.min(total, FIRST_CHUNK)];
        System.arraycopy(head, 0, all, 0, Format.HEADER);
        int have = Format.HEADER;
        while (have < total) {
            if (have == all.length) {                                        // grow only as bytes arrive
                all = Arrays.copyOf(all, (int) Math.min(total, 2L * all.length));
            }
            int r = in.read(all, have, all.length - have);
            if (r < 0) {
                throw truncated(total, have, what);
            }
            have += r;
        }
        return all;
    }

    /**
     * Reads the body and the checksum that follow {@code head} in {@code in}, a model of
     * {@code total} bytes known to be all there, in blocks of 64 KB, and checks the checksum.
     */
    private static void checkChecksum(InputStream in, byte[] head, long total) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(head, 0, Format.HEADER);
        byte[] block = new byte[CHECKSUM_BLOCK];
        long end = total - Format.TRAILER;
        long at = Format.HEADER;
        while (at < end) {
            int r = in.read(block, 0, (int) Math.min(block.length, end - at));
            if (r < 0) {
                throw truncated(total, at, "the input");
            }
            crc.update(block, 0, r);
            at += r;
        }
        byte[] trailer = in.readNBytes(Format.TRAILER);
        if (trailer.length < Format.TRAILER) {
            throw truncated(total, end + trailer.length, "the input");
        }
        int stored = Format.int32(trailer, 0);
        int actual = (int) crc.getValue();
        if (stored != actual) {
            throw new ModelFormatException(String.format("The checksum does not match: the model stores CRC-32C %08x"
                    + " but its bytes give %08x, so some byte of it was changed. The file is damaged; load a good copy.",
                    stored, actual), "checksum", end);
        }
    }

    /** Decodes the body that follows {@code head} in {@code in}, then checks the checksum once more. */
    private static Model decode(byte[] head, InputStream in, long total, String source) throws IOException {
        int version = Format.int32(head, 8);
        Decoder d = new Decoder(head, in, total - Format.TRAILER, source);
        try {
            switch (version) {
                case 1:
                    return FormatV1.read(d);
                case 2:
                    return FormatV2.read(d);
                default:
                    throw new ModelFormatException("Format version " + version + " has no decoder.", "header.version", 8);
            }
        } catch (RuntimeException bug) {
            // Every malformed input is meant to be caught by an explicit check; this is the safety net.
            ModelFormatException e = new ModelFormatException("The model could not be decoded (" + bug
                    + "); the file is damaged.", "body", d.position());
            e.initCause(bug);
            throw e;
        }
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return s.toString();
    }
}
