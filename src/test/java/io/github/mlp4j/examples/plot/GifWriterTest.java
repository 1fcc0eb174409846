package io.github.mlp4j.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class GifWriterTest {
    @TempDir
    Path dir;

    private static BufferedImage frame(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        return image;
    }

    /** Finds the first descendant node with this name, or null. */
    private static IIOMetadataNode find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return (IIOMetadataNode) node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            IIOMetadataNode found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void writesEveryFrameWithItsDelayAndAnEndlessLoop() throws IOException {
        Path file = dir.resolve("out/anim.gif");
        try (GifWriter gif = GifWriter.open(file, Duration.ofMillis(120))) {
            gif.writeFrame(frame(Color.RED, 64, 48));
            gif.writeFrame(frame(Color.GREEN, 64, 48));
            gif.writeFrame(frame(Color.BLUE, 64, 48), Duration.ofSeconds(2));
            assertThat(gif.frameCount()).isEqualTo(3);
        }
        assertThat(Files.list(file.getParent())).containsExactly(file);   // no temporary file left
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3);
            BufferedImage second = reader.read(1);
            assertThat(second.getWidth()).isEqualTo(64);
            assertThat(second.getHeight()).isEqualTo(48);
            assertThat(new Color(second.getRGB(40, 10))).isEqualTo(Color.GREEN);
            String format = "javax_imageio_gif_image_1.0";
            // 120 ms is 12 hundredths of a second; 2 s is 200
            assertThat(find(reader.getImageMetadata(0).getAsTree(format), "GraphicControlExtension")
                    .getAttribute("delayTime")).isEqualTo("12");
            assertThat(find(reader.getImageMetadata(2).getAsTree(format), "GraphicControlExtension")
                    .getAttribute("delayTime")).isEqualTo("200");
            IIOMetadataNode loop = find(reader.getImageMetadata(0).getAsTree(format), "ApplicationExtension");
            assertThat(loop).isNotNull();
            assertThat(loop.getAttribute("applicationID")).isEqualTo("NETSCAPE");
            assertThat(loop.getAttribute("authenticationCode")).isEqualTo("2.0");
            assertThat((byte[]) loop.getUserObject()).containsExactly(1, 0, 0);   // loop count 0 = forever
        } finally {
            reader.dispose();
        }
    }

    @Test
    void writesAListOfFrames() throws IOException {
        Path file = dir.resolve("list.gif");
        GifWriter.write(file, List.of(frame(Color.WHITE, 20, 10), frame(Color.BLACK, 20, 10)), Duration.ofMillis(50));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(2);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void rejectsFramesOfAnotherSizeAndAFilmWithoutFrames() throws IOException {
        try (GifWriter gif = GifWriter.open(dir.resolve("a.gif"), Duration.ofMillis(100))) {
            gif.writeFrame(frame(Color.RED, 64, 48));
            assertThatThrownBy(() -> gif.writeFrame(frame(Color.RED, 32, 48)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Frame 1 is 32×48 but the first frame is 64×48");
        }
        Path empty = dir.resolve("empty.gif");
        GifWriter gif = GifWriter.open(empty, Duration.ofMillis(100));
        assertThatThrownBy(gif::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No frame was written");
        assertThat(empty).doesNotExist();
        assertThat(dir.resolve("empty.gif.part")).doesNotExist();
        assertThatThrownBy(() -> gif.writeFrame(frame(Color.RED, 8, 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> GifWriter.open(dir.resolve("b.gif"), Duration.ofMillis(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 10 ms and 655.35 s, but was 3 ms");
    }
}
