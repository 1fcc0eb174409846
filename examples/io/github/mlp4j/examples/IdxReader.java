package io.github.mlp4j.examples;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads the MNIST handwritten-digit files in the IDX format, plain or gzipped.
 *
 * <p>An IDX file is big-endian. An image file starts with the magic number {@code 0x00000803}
 * (unsigned bytes, three dimensions), then the image count, the row count and the column count as
 * 32-bit integers, then {@code count·rows·columns} unsigned bytes, one image after another, row by
 * row. A label file starts with {@code 0x00000801} (unsigned bytes, one dimension), then the count,
 * then one unsigned byte per label. A file is read as gzip when its name ends in {@code .gz} or
 * when it starts with the gzip magic bytes {@code 1f 8b}.
 *
 * <p>Pixels are scaled to [0, 1] by {@code pixel / 255.0}; row {@code i} of {@link
 * LabelledImages#pixels()} is image {@code i} flattened row by row, so pixel {@code (r, c)} sits at
 * index {@code r·columns + c}.
 *
 * <p>How an example uses it, with the directory given on the command line:
 * <pre>{@code
 * Path dir = Path.of(args[0]);                               // holds train-images-idx3-ubyte.gz, ...
 * IdxReader.LabelledImages train = IdxReader.readTraining(dir, 10_000);   // first 10 000 images
 * IdxReader.LabelledImages test = IdxReader.readTest(dir, Integer.MAX_VALUE);
 * double[][] x = train.pixels();                              // (10000, 784), values in [0, 1]
 * int[] digits = train.labels();                              // 0..9
 * }</pre>
 *
 * <p>The class has no state; its methods are thread-safe.
 */
public final class IdxReader {
    /** The magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    /** The largest row or column count accepted, to catch a corrupt header before allocating. */
    private static final int MAX_SIDE = 4096;

    private IdxReader() {
    }

    /**
     * Images read from an IDX image file.
     *
     * @param rows the height of each image in pixels
     * @param columns the width of each image in pixels
     * @param pixels one row per image, {@code rows·columns} values in [0, 1]; a reference is kept
     */
    public record Images(int rows, int columns, double[][] pixels) {
        /**
         * Creates the record, checking that every image has {@code rows·columns} pixels.
         *
         * @param rows the height of each image in pixels
         * @param columns the width of each image in pixels
         * @param pixels one row per image; a reference is kept
         * @throws IllegalArgumentException if an image has the wrong number of pixels
         */
        public Images {
            Objects.requireNonNull(pixels, "pixels");
            for (int i = 0; i < pixels.length; i++) {
                if (pixels[i].length != rows * columns) {
                    throw new IllegalArgumentException("Image " + i + " has " + pixels[i].length
                            + " pixels but " + rows + "×" + columns + " images have " + rows * columns + ".");
                }
            }
        }

        /**
         * Returns the number of images.
         *
         * @return {@code pixels().length}
         */
        public int count() {
            return pixels.length;
        }
    }

    /**
     * Images and their labels, read from a matching pair of IDX files.
     *
     * @param rows the height of each image in pixels
     * @param columns the width of each image in pixels
     * @param pixels one row per image, {@code rows·columns} values in [0, 1]; a reference is kept
     * @param labels one label per image, {@code labels[i]} for {@code pixels[i]}; a reference is kept
     */
    public record LabelledImages(int rows, int columns, double[][] pixels, int[] labels) {
        /**
         * Creates the record, checking that there is one label per image.
         *
         * @param rows the height of each image in pixels
         * @param columns the width of each image in pixels
         * @param pixels one row per image; a reference is kept
         * @param labels one label per image; a reference is kept
         * @throws IllegalArgumentException if the counts differ
         */
        public LabelledImages {
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(labels, "labels");
            if (pixels.length != labels.length) {
                throw new IllegalArgumentException("There are " + pixels.length + " images but "
                        + labels.length + " labels; pass one label per image.");
            }
        }

        /**
         * Returns the number of labelled images.
         *
         * @return {@code labels().length}
         */
        public int count() {
            return labels.length;
        }
    }

    /**
     * Reads the MNIST training set (60 000 images) from a directory, or its first {@code limit}
     * images.
     *
     * <p>The files are found by their standard names: {@code train-images-idx3-ubyte} and
     * {@code train-labels-idx1-ubyte}, each also accepted with {@code .gz} appended and with
     * {@code .idx} in place of {@code -idx} (as some mirrors name them).
     *
     * @param directory the directory holding the files
     * @param limit the largest number of images to read; {@link Integer#MAX_VALUE} reads all
     * @return the images and labels
     * @throws NoSuchFileException if a file is missing; the message lists the names tried
     * @throws IOException if a file cannot be read or is not a valid IDX file (see {@link
     *     #read(Path, Path, int)})
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static LabelledImages readTraining(Path directory, int limit) throws IOException {
        return readSet(directory, "train", limit);
    }

    /**
     * Reads the MNIST test set (10 000 images) from a directory, or its first {@code limit} images.
     *
     * <p>The files are found by their standard names: {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each also accepted with {@code .gz} appended and with
     * {@code .idx} in place of {@code -idx}.
     *
     * @param directory the directory holding the files
     * @param limit the largest number of images to read; {@link Integer#MAX_VALUE} reads all
     * @return the images and labels
     * @throws NoSuchFileException if a file is missing; the message lists the names tried
     * @throws IOException if a file cannot be read or is not a valid IDX file (see {@link
     *     #read(Path, Path, int)})
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static LabelledImages readTest(Path directory, int limit) throws IOException {
        return readSet(directory, "t10k", limit);
    }

    /**
     * Finds an IDX file in a directory by its standard MNIST name.
     *
     * <p>For {@code prefix = "train"} and {@code kind = "images"} the names tried, in this order,
     * are {@code train-images-idx3-ubyte}, {@code train-images-idx3-ubyte.gz},
     * {@code train-images.idx3-ubyte} and {@code train-images.idx3-ubyte.gz}; labels use
     * {@code idx1}.
     *
     * @param directory the directory to look in
     * @param prefix {@code "train"} or {@code "t10k"}
     * @param kind {@code "images"} or {@code "labels"}
     * @return the first name tried that exists as a regular file
     * @throws NoSuchFileException if none exists; the message lists the names tried
     * @throws IllegalArgumentException if {@code kind} is neither {@code "images"} nor
     *     {@code "labels"}
     */
    public static Path find(Path directory, String prefix, String kind) throws NoSuchFileException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(kind, "kind");
        String idx = switch (kind) {
            case "images" -> "idx3-ubyte";
            case "labels" -> "idx1-ubyte";
            default -> throw new IllegalArgumentException(
                    "kind must be \"images\" or \"labels\", but was \"" + kind + "\".");
        };
        List<String> tried = new ArrayList<>();
        for (String separator : new String[] {"-", "."}) {
            for (String suffix : new String[] {"", ".gz"}) {
                String name = prefix + "-" + kind + separator + idx + suffix;
                tried.add(name);
                Path file = directory.resolve(name);
                if (Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        throw new NoSuchFileException(directory.toString(), null, "no MNIST " + prefix + " " + kind
                + " file; looked for " + String.join(", ", tried)
                + ". Download the four MNIST files into this directory (gzipped or not).");
    }

    /**
     * Reads a matching pair of image and label files, or their first {@code limit} entries.
     *
     * @param imagesFile an IDX image file (magic {@code 0x00000803}), plain or gzipped
     * @param labelsFile an IDX label file (magic {@code 0x00000801}), plain or gzipped
     * @param limit the largest number of images to read; {@link Integer#MAX_VALUE} reads all
     * @return the images scaled to [0, 1] and their labels
     * @throws IOException if a file cannot be read, has the wrong magic number, ends before the
     *     count in its header says, or if the two files declare different counts
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static LabelledImages read(Path imagesFile, Path labelsFile, int limit) throws IOException {
        Objects.requireNonNull(imagesFile, "imagesFile");
        Objects.requireNonNull(labelsFile, "labelsFile");
        checkLimit(limit);
        int imageCount = declaredCount(imagesFile, IMAGES_MAGIC);
        int labelCount = declaredCount(labelsFile, LABELS_MAGIC);
        if (imageCount != labelCount) {
            throw new IOException(imagesFile.getFileName() + " holds " + imageCount + " images but "
                    + labelsFile.getFileName() + " holds " + labelCount
                    + " labels; the files do not belong together. Use the images and labels of the same set"
                    + " (train-… with train-…, t10k-… with t10k-…).");
        }
        Images images = readImages(imagesFile, limit);
        int[] labels = readLabels(labelsFile, limit);
        return new LabelledImages(images.rows(), images.columns(), images.pixels(), labels);
    }

    /**
     * Reads an IDX image file, or its first {@code limit} images, scaling each pixel to [0, 1].
     *
     * <p>Pixel {@code p} (an unsigned byte) becomes {@code p / 255.0}.
     *
     * @param file an IDX image file (magic {@code 0x00000803}), plain or gzipped
     * @param limit the largest number of images to read; {@link Integer#MAX_VALUE} reads all
     * @return the images
     * @throws IOException if the file cannot be read, has the wrong magic number, an impossible
     *     header, or ends before the count in its header says
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static Images readImages(Path file, int limit) throws IOException {
        Objects.requireNonNull(file, "file");
        checkLimit(limit);
        try (DataInputStream in = open(file)) {
            int count = readHeader(in, file, IMAGES_MAGIC);
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows < 1 || columns < 1 || rows > MAX_SIDE || columns > MAX_SIDE) {
                throw new IOException(file.getFileName() + " declares images of " + rows + "×" + columns
                        + " pixels; expected sides between 1 and " + MAX_SIDE
                        + ". The header is corrupt; download the file again.");
            }
            int n = Math.min(count, limit);
            int size = rows * columns;
            byte[] buffer = new byte[size];
            double[][] pixels = new double[n][];
            for (int i = 0; i < n; i++) {
                readFully(in, buffer, file, "image", i, count);
                double[] image = new double[size];
                for (int j = 0; j < size; j++) {
                    image[j] = (buffer[j] & 0xff) / 255.0;   // unsigned byte → [0, 1]
                }
                pixels[i] = image;
            }
            return new Images(rows, columns, pixels);
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + " ends inside its header; the file is truncated."
                    + " Download it again.", e);
        }
    }

    /**
     * Reads an IDX label file, or its first {@code limit} labels.
     *
     * @param file an IDX label file (magic {@code 0x00000801}), plain or gzipped
     * @param limit the largest number of labels to read; {@link Integer#MAX_VALUE} reads all
     * @return the labels, each in [0, 255] (0 to 9 for MNIST)
     * @throws IOException if the file cannot be read, has the wrong magic number, or ends before
     *     the count in its header says
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public static int[] readLabels(Path file, int limit) throws IOException {
        Objects.requireNonNull(file, "file");
        checkLimit(limit);
        try (DataInputStream in = open(file)) {
            int count = readHeader(in, file, LABELS_MAGIC);
            int n = Math.min(count, limit);
            byte[] buffer = new byte[n];
            readFully(in, buffer, file, "label", 0, count);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = buffer[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + " ends inside its header; the file is truncated."
                    + " Download it again.", e);
        }
    }

    private static LabelledImages readSet(Path directory, String prefix, int limit) throws IOException {
        checkLimit(limit);
        return read(find(directory, prefix, "images"), find(directory, prefix, "labels"), limit);
    }

    private static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, but was " + limit
                    + "; pass Integer.MAX_VALUE to read every entry.");
        }
    }

    /** Reads only the header of a file and returns its declared count. */
    private static int declaredCount(Path file, int magic) throws IOException {
        try (DataInputStream in = open(file)) {
            return readHeader(in, file, magic);
        } catch (EOFException e) {
            throw new IOException(file.getFileName() + " ends inside its header; the file is truncated."
                    + " Download it again.", e);
        }
    }

    /** Opens a file, unzipping it when its name ends in .gz or it starts with the gzip magic bytes. */
    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = file.getFileName().toString().endsWith(".gz") || (b0 == 0x1f && b1 == 0x8b);
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return new DataInputStream(in);
        } catch (IOException e) {
            raw.close();
            throw new IOException(file.getFileName() + " has a .gz name or gzip magic bytes but is not a"
                    + " valid gzip file (" + e.getMessage() + "). Download it again.", e);
        }
    }

    /** Reads the magic number and the count; fails with a clear message on a wrong magic. */
    private static int readHeader(DataInputStream in, Path file, int expectedMagic) throws IOException {
        int magic = in.readInt();
        if (magic != expectedMagic) {
            String expected = expectedMagic == IMAGES_MAGIC ? "an IDX image file" : "an IDX label file";
            String hint = magic == LABELS_MAGIC ? " It looks like a label file; pass the images file here."
                    : magic == IMAGES_MAGIC ? " It looks like an image file; pass the labels file here."
                    : " It is not an MNIST IDX file, or it is corrupt.";
            throw new IOException(file.getFileName() + " starts with magic number " + hex(magic) + " but "
                    + expected + " starts with " + hex(expectedMagic) + "." + hint);
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IOException(file.getFileName() + " declares " + count
                    + " entries; a count cannot be negative. The header is corrupt; download the file again.");
        }
        return count;
    }

    /** Fills {@code buffer}, naming the entry where the data ran out if the file is truncated. */
    private static void readFully(DataInputStream in, byte[] buffer, Path file, String what, int index,
            int count) throws IOException {
        int done = 0;
        while (done < buffer.length) {
            int read = in.read(buffer, done, buffer.length - done);
            if (read < 0) {
                int complete = what.equals("image") ? index : done;
                throw new IOException(file.getFileName() + " ends after " + complete + " complete " + what
                        + "s but its header declares " + count + "; the file is truncated. Download it again.");
            }
            done += read;
        }
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
