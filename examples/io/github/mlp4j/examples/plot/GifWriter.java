package io.github.mlp4j.examples.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an animated GIF that loops forever, one frame at a time, with the JDK's own GIF writer.
 *
 * <p>Frames are written as they come, so memory holds one frame, not the whole film. Each frame
 * carries its delay in hundredths of a second (the GIF unit; a delay is rounded to the nearest
 * 10 ms), and the first frame carries the NETSCAPE2.0 application extension with loop count 0,
 * which viewers read as "loop forever". Colour frames are reduced to a palette of at most 256
 * colours by the JDK. Every frame must have the size of the first.
 *
 * <p>The file is written to a temporary file beside the target and moved into place by {@link
 * #close()}, so a reader never sees half a GIF; if writing fails the temporary file is deleted.
 *
 * <p>How an example records training, one frame per 50 epochs, holding the last frame longer:
 * <pre>{@code
 * try (GifWriter gif = GifWriter.open(Path.of("target/two-circles.gif"), Duration.ofMillis(120))) {
 *     for (int epoch = 50; epoch <= 1000; epoch += 50) {
 *         ...train 50 epochs...
 *         BufferedImage frame = DecisionBoundary.of(x, y, predict).withTitle("epoch " + epoch).render();
 *         gif.writeFrame(frame, epoch == 1000 ? Duration.ofSeconds(2) : gif.frameDelay());
 *     }
 * }
 * }</pre>
 * Or, with the frames already in a list: {@code GifWriter.write(path, frames, Duration.ofMillis(100))}.
 *
 * <p>Instances are not thread-safe.
 */
public final class GifWriter implements Closeable {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final Path target;
    private final Path temporary;
    private final Duration frameDelay;
    private final ImageOutputStream output;
    private final ImageWriter writer;
    private int frames;
    private int width;
    private int height;
    private boolean closed;

    private GifWriter(Path target, Path temporary, Duration frameDelay, ImageOutputStream output,
            ImageWriter writer) {
        this.target = target;
        this.temporary = temporary;
        this.frameDelay = frameDelay;
        this.output = output;
        this.writer = writer;
    }

    /**
     * Opens a GIF file for writing, creating parent directories as needed.
     *
     * @param file the file to write; overwritten when the writer is closed
     * @param frameDelay how long each frame is shown unless {@link #writeFrame(BufferedImage,
     *     Duration)} says otherwise; 10 ms to 655.35 s, rounded to 10 ms
     * @return the writer; close it to finish the file
     * @throws IOException if the file cannot be created
     * @throws IllegalArgumentException if {@code frameDelay} is outside 10 ms to 655.35 s
     */
    public static GifWriter open(Path file, Duration frameDelay) throws IOException {
        Objects.requireNonNull(file, "file");
        checkDelay(frameDelay);
        Charts.headless();
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("The JDK has no GIF writer; cannot write " + file + ".");
        }
        ImageWriter writer = writers.next();
        Path target = file.toAbsolutePath();
        Path temporary = Charts.temporarySibling(target);
        ImageOutputStream output = null;
        try {
            output = ImageIO.createImageOutputStream(temporary.toFile());
            if (output == null) {
                throw new IOException("Cannot open " + temporary + " as an image stream.");
            }
            writer.setOutput(output);
            writer.prepareWriteSequence(null);
            return new GifWriter(target, temporary, frameDelay, output, writer);
        } catch (IOException | RuntimeException e) {
            if (output != null) {
                output.close();
            }
            writer.dispose();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * Writes frames from a list into an animated GIF that loops forever.
     *
     * @param file the file to write; overwritten if it exists
     * @param images the frames in order, all of one size; not modified
     * @param frameDelay how long each frame is shown; 10 ms to 655.35 s, rounded to 10 ms
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if {@code images} is empty, the frames differ in size, or
     *     {@code frameDelay} is out of range
     */
    public static void write(Path file, List<BufferedImage> images, Duration frameDelay) throws IOException {
        Objects.requireNonNull(images, "images");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("images is empty; pass at least one frame.");
        }
        try (GifWriter gif = open(file, frameDelay)) {
            for (BufferedImage image : images) {
                gif.writeFrame(image);
            }
        }
    }

    /**
     * Returns the delay given to {@link #open(Path, Duration)}.
     *
     * @return the default time each frame is shown
     */
    public Duration frameDelay() {
        return frameDelay;
    }

    /**
     * Returns the number of frames written so far.
     *
     * @return the frame count
     */
    public int frameCount() {
        return frames;
    }

    /**
     * Appends a frame shown for the default delay.
     *
     * @param image the frame; not modified
     * @throws IOException if the frame cannot be written
     * @throws IllegalArgumentException if its size differs from the first frame's
     * @throws IllegalStateException if the writer is closed
     */
    public void writeFrame(BufferedImage image) throws IOException {
        writeFrame(image, frameDelay);
    }

    /**
     * Appends a frame shown for its own delay.
     *
     * @param image the frame; not modified
     * @param delay how long this frame is shown; 10 ms to 655.35 s, rounded to 10 ms
     * @throws IOException if the frame cannot be written
     * @throws IllegalArgumentException if its size differs from the first frame's, or the delay is
     *     out of range
     * @throws IllegalStateException if the writer is closed
     */
    public void writeFrame(BufferedImage image, Duration delay) throws IOException {
        Objects.requireNonNull(image, "image");
        checkDelay(delay);
        if (closed) {
            throw new IllegalStateException("This GifWriter is closed; open a new one to write more frames.");
        }
        if (frames == 0) {
            width = image.getWidth();
            height = image.getHeight();
        } else if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException("Frame " + frames + " is " + image.getWidth() + "×"
                    + image.getHeight() + " but the first frame is " + width + "×" + height
                    + "; every frame of a GIF must have the same size.");
        }
        BufferedImage rgb = toRgb(image);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Long.toString(centiseconds(delay)));
        control.setAttribute("transparentColorIndex", "0");

        if (frames == 0) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0});   // sub-block 1: loop count 0 (little-endian) = forever
            extensions.appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
        try {
            writer.writeToSequence(new IIOImage(rgb, null, metadata), param);
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        frames++;
    }

    /**
     * Finishes the GIF and moves it into place. Closing a closed writer does nothing.
     *
     * @throws IOException if the file cannot be finished or moved
     * @throws IllegalStateException if no frame was written; the file is then not created
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (frames == 0) {
            abort();
            throw new IllegalStateException("No frame was written, so no GIF was created at " + target
                    + "; call writeFrame before close.");
        }
        closed = true;
        try {
            try {
                writer.endWriteSequence();
            } finally {
                writer.dispose();
                output.close();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Closes everything and deletes the temporary file, leaving no GIF behind. */
    private void abort() throws IOException {
        closed = true;
        writer.dispose();
        output.close();
        Files.deleteIfExists(temporary);
    }

    private static long centiseconds(Duration delay) {
        return Math.round(delay.toNanos() / 1e7);   // the GIF delay unit is 1/100 s
    }

    private static void checkDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.compareTo(Duration.ofMillis(10)) < 0 || delay.compareTo(Duration.ofMillis(655_350)) > 0) {
            throw new IllegalArgumentException("A GIF frame delay must be between 10 ms and 655.35 s, but was "
                    + delay.toMillis() + " ms; try Duration.ofMillis(100).");
        }
    }

    /** Returns the child node with this name, creating it at the end if it is missing. */
    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** Returns the image itself if it is 8-bit RGB, else an RGB copy (the GIF writer palettizes it). */
    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_BYTE_INDEXED) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
