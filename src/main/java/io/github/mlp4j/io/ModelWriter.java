package io.github.mlp4j.io;

import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.layer.Dense;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes models in the current version of mlp4j's binary model format ({@code docs/model-format.md}).
 *
 * <p>{@link #save(Model, Path)} is atomic: the bytes go to a temporary file in the target's folder,
 * named {@code .<name>.mlp4j-tmp-<random>}, which is forced to disk and then renamed over the
 * target in one step. A save that is interrupted or killed therefore leaves either the previous
 * file or the new one, never a mixture; the temporary file it leaves behind is removed by the next
 * save to the same path. Saving one path from two threads or processes at once is not supported.
 *
 * <p>A network can be saved when each of its layers is a {@link Dense} layer or of a kind
 * registered with {@link LayerKinds}, and its activations and loss are built in. Everything is
 * checked against the rules the reader applies (finite parameters and scaling statistics, text
 * that UTF-8 can encode, a layer codec that reads back what it writes), so a file this class
 * writes always loads; what breaks a rule is refused with an {@link IllegalArgumentException}
 * that names it, before any file is touched. Models up to the format's limit, a body of
 * 2³¹ − 65 bytes, can be saved given the heap for their bytes. All methods are static and
 * thread-safe.
 */
public final class ModelWriter {
    /** The format version this library writes. */
    public static final int FORMAT_VERSION = Format.CURRENT_VERSION;

    /** What the names of temporary files contain between the target's name and the random part. */
    static final String TEMP_MARKER = ".mlp4j-tmp-";

    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private ModelWriter() {
    }

    /**
     * Saves {@code model} to {@code path} atomically, replacing any file there.
     *
     * <p>Steps: remove temporary files that killed saves to this path left behind; write the model
     * to a new temporary file {@code .<name>.mlp4j-tmp-<random>} in the same folder; force it to
     * the disk ({@link FileChannel#force}); rename it over {@code path} with
     * {@link StandardCopyOption#ATOMIC_MOVE}; force the folder's entry to disk where the system
     * allows it. If any step fails the temporary file is deleted and the previous file is intact.
     *
     * @param model the model to save
     * @param path the file to create or replace; its folder must exist
     * @throws IllegalArgumentException if the network has a layer, activation or loss that the
     *     format cannot describe (a layer kind that is not registered, say), or the model holds a
     *     value a reader would refuse (a non-finite parameter, a string with an unpaired surrogate);
     *     the previous file, if any, is then untouched
     * @throws IOException if writing fails, or if the file system cannot rename atomically (the
     *     message says so); the previous file, if any, is then unchanged
     */
    public static void save(Model model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        Encoder bytes = encode(model);
        Path target = path.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || target.getFileName() == null) {
            throw new IllegalArgumentException("path " + path + " names no file; pass a file path such as model.mlp4j.");
        }
        String prefix = "." + target.getFileName() + TEMP_MARKER;
        removeLeftovers(folder, prefix);
        Path temp = null;
        try {
            temp = writeTemporary(folder, prefix, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + folder + " cannot replace a file in one atomic step, so "
                        + target + " was not saved and any previous file there is unchanged. Save to a local disk, or"
                        + " write the model to a stream with ModelWriter.write and place the file yourself.", e);
            }
            temp = null;
        } catch (IOException | RuntimeException | Error e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
        forceFolder(folder);
    }

    /**
     * Writes {@code model} to {@code out} in one piece and flushes it. The stream is not closed,
     * and nothing but the model is written, so several models (or other data) can follow each
     * other in one stream; {@link ModelReader#read(InputStream)} reads exactly one back.
     *
     * @param model the model to write
     * @param out the stream; written to and flushed, not closed
     * @throws IllegalArgumentException if the network cannot be described by the format
     * @throws IOException if the stream fails
     */
    public static void write(Model model, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        Encoder e = encode(model);
        out.write(e.buffer(), 0, e.size());
        out.flush();
    }

    /**
     * Returns the bytes of {@code model} in the current format, exactly as {@link #save} writes them.
     *
     * @param model the model
     * @return a new array: header, body and checksum
     * @throws IllegalArgumentException if the model holds something that a reader would refuse
     *     (see {@link #save})
     */
    public static byte[] toBytes(Model model) {
        return encode(model).toByteArray();
    }

    /**
     * Encodes {@code model}: header, body, checksum. The buffer starts large enough for the
     * parameters, so a large model is copied at most once or twice while it grows.
     */
    static Encoder encode(Model model) {
        Objects.requireNonNull(model, "model");
        Network network = model.network();
        Encoder e = new Encoder(Format.HEADER + 8L * network.parameterCount() + 16L * network.inputSize() + 4096);
        e.bytes(Format.MAGIC);
        e.int32(Format.CURRENT_VERSION);
        e.int32(0);                                                          // body length, filled in below
        FormatV2.write(e, model);
        long body = (long) e.size() - Format.HEADER;
        if (body > Format.MAX_BODY) {
            throw new IllegalArgumentException("The model needs " + body + " bytes but one model file holds at most "
                    + Format.MAX_BODY + "; save a smaller network.");
        }
        e.int32At(12, (int) body);
        e.int32(Format.crc(e.buffer(), e.size()));                           // CRC-32C of everything before
        return e;
    }

    // ----------------------------------------------------------------------------------------
    // Files

    private static void removeLeftovers(Path folder, String prefix) throws IOException {
        DirectoryStream.Filter<Path> ours = p -> p.getFileName().toString().startsWith(prefix);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, ours)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Writes {@code bytes} to a new temporary file in {@code folder}, forces it to disk, returns its path. */
    private static Path writeTemporary(Path folder, String prefix, Encoder bytes) throws IOException {
        // The random part only has to differ between saves; it needs no statistical quality.
        Rng rng = new Rng(System.nanoTime() ^ ProcessHandle.current().pid() << 32 ^ TEMP_COUNTER.incrementAndGet());
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve(prefix + String.format("%016x", rng.nextLong()));
            FileChannel channel;
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 16) {
                    continue;
                }
                throw e;
            }
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes.buffer(), 0, bytes.size());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);                                         // the data is on disk before the rename
            } catch (IOException | RuntimeException | Error e) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return temp;
        }
    }

    /**
     * Forces the folder's entries to disk so that the rename itself survives a power cut. Some
     * systems (Windows) cannot open a folder as a channel; there the rename is as durable as the
     * system makes it, and the file's content is already on disk, so that failure is not an error.
     */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Not an error: see above. The model file is complete and in place.
        }
    }
}
