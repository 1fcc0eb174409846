package io.github.mlp4j.io;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.activation.Identity;
import io.github.mlp4j.activation.LeakyRelu;
import io.github.mlp4j.activation.Relu;
import io.github.mlp4j.activation.Sigmoid;
import io.github.mlp4j.activation.Softmax;
import io.github.mlp4j.activation.Tanh;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.loss.BinaryCrossEntropy;
import io.github.mlp4j.loss.CrossEntropy;
import io.github.mlp4j.loss.MeanSquaredError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * <p>Only networks of {@link Dense} layers with the built-in activations and losses can be saved.
 * All methods are static and thread-safe.
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
     *     format cannot describe
     * @throws IOException if writing fails, or if the file system cannot rename atomically (the
     *     message says so); the previous file, if any, is then unchanged
     */
    public static void save(Model model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        byte[] bytes = toBytes(model);
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
        out.write(toBytes(model));
        out.flush();
    }

    /**
     * Returns the bytes of {@code model} in the current format, exactly as {@link #save} writes them.
     *
     * @param model the model
     * @return a new array: header, body and checksum
     * @throws IllegalArgumentException if the network has a layer other than {@link Dense}, an
     *     activation or loss other than the built-in ones, or is too large for one model file
     */
    public static byte[] toBytes(Model model) {
        Objects.requireNonNull(model, "model");
        Encoder e = new Encoder();
        e.bytes(Format.MAGIC);
        e.int32(Format.CURRENT_VERSION);
        e.int32(0);                                                          // body length, filled in below
        writeNetwork(e, model.network());
        writeScaling(e, model.scaling().orElse(null));
        writeClassNames(e, model.classNames());
        writeProvenance(e, model.provenance());
        long body = (long) e.size - Format.HEADER;
        if (body > Format.MAX_BODY) {
            throw new IllegalArgumentException("The model needs " + body + " bytes but one model file holds at most "
                    + Format.MAX_BODY + "; save a smaller network.");
        }
        Format.putInt32(e.buffer, 12, (int) body);
        e.int32(Format.crc(e.buffer, e.size));                               // CRC-32C of everything before
        return Arrays.copyOf(e.buffer, e.size);
    }

    // ----------------------------------------------------------------------------------------
    // Body sections (the layout is that of docs/model-format.md, version 1)

    private static void writeNetwork(Encoder e, Network network) {
        List<Layer> layers = network.layers();
        e.int64(network.seed());
        e.int32(network.inputSize());
        e.int32(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (!(layer instanceof Dense)) {
                throw new IllegalArgumentException("Layer " + (l + 1) + " is a " + layer.getClass().getName()
                        + "; model files can hold only Dense layers. Save the parameters() yourself for custom layers.");
            }
            e.int32(layer.outputSize());
            Activation a = layer.activation();
            e.string(activationName(a, l));
            if (a instanceof LeakyRelu leaky) {
                e.int32(1);
                e.float64(leaky.slope());
            } else {
                e.int32(0);
            }
        }
        e.string(lossName(network.lossFunction()));
        double[] theta = network.parameters();
        e.int32(theta.length);
        for (double t : theta) {
            e.float64(t);
        }
    }

    private static String activationName(Activation a, int l) {
        if (a instanceof Sigmoid) {
            return "sigmoid";
        } else if (a instanceof Tanh) {
            return "tanh";
        } else if (a instanceof Relu) {
            return "relu";
        } else if (a instanceof LeakyRelu) {
            return "leakyRelu";
        } else if (a instanceof Identity) {
            return "identity";
        } else if (a instanceof Softmax) {
            return "softmax";
        }
        throw new IllegalArgumentException("Layer " + (l + 1) + " uses the activation " + a.name() + " ("
                + a.getClass().getName() + "), which model files cannot describe; use a built-in activation.");
    }

    private static String lossName(Loss loss) {
        if (loss instanceof MeanSquaredError) {
            return "mse";
        } else if (loss instanceof BinaryCrossEntropy) {
            return "binaryCrossEntropy";
        } else if (loss instanceof CrossEntropy) {
            return "crossEntropy";
        }
        throw new IllegalArgumentException("The loss " + loss.name() + " (" + loss.getClass().getName()
                + ") cannot be described by model files; use Loss.mse(), binaryCrossEntropy() or crossEntropy().");
    }

    private static void writeScaling(Encoder e, Scaling scaling) {
        if (scaling == null) {
            e.string(Format.NONE);
        } else if (scaling instanceof Scaling.Standard s) {
            e.string(Format.STANDARD);
            e.int32(s.inputSize());
            e.float64s(s.mean());
            e.float64s(s.scale());
        } else if (scaling instanceof Scaling.MinMax m) {
            e.string(Format.MIN_MAX);
            e.int32(m.inputSize());
            e.float64s(m.min());
            e.float64s(m.max());
            e.float64(m.lower());
            e.float64(m.upper());
        }
    }

    private static void writeClassNames(Encoder e, List<String> names) {
        e.int32(names.size());
        for (String name : names) {
            e.string(name);
        }
    }

    private static void writeProvenance(Encoder e, Provenance p) {
        e.string(p.libraryVersion());
        e.int64(p.createdAt().getEpochSecond());
        e.int32(p.createdAt().getNano());
        e.int64(p.seed());
        e.int32(p.settings().size());
        for (Map.Entry<String, String> s : p.settings().entrySet()) {
            e.string(s.getKey());
            e.string(s.getValue());
        }
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
    private static Path writeTemporary(Path folder, String prefix, byte[] bytes) throws IOException {
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
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
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

    /** A growable little-endian byte buffer. */
    private static final class Encoder {
        byte[] buffer = new byte[256];
        int size;

        private void ensure(int more) {
            if (buffer.length - size < more) {
                long wanted = Math.max((long) buffer.length * 2, (long) size + more);
                if (wanted > Integer.MAX_VALUE - 8) {
                    wanted = (long) size + more;
                    if (wanted > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("The model does not fit in one model file (at most "
                                + Format.MAX_BODY + " bytes); save a smaller network.");
                    }
                }
                buffer = Arrays.copyOf(buffer, (int) wanted);
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

        void int64(long v) {
            int32((int) v);
            int32((int) (v >>> 32));
        }

        void float64(double v) {
            int64(Double.doubleToRawLongBits(v));
        }

        void float64s(double[] v) {
            for (double d : v) {
                float64(d);
            }
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            bytes(utf8);
        }
    }
}
