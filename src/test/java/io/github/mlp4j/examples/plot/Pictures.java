package io.github.mlp4j.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks shared by the picture tests: a file decodes, has a size, and is not blank. */
final class Pictures {
    private Pictures() {
    }

    /** Reads a PNG back with ImageIO and checks its size. */
    static BufferedImage readPng(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("decoded " + file).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        return image;
    }

    /** Returns the number of distinct RGB values in an image. */
    static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colors.size();
    }

    /** Counts the pixels exactly of a colour (antialiased edges aside, a drawn line has many). */
    static int count(BufferedImage image, Color color) {
        int rgb = color.getRGB() & 0xffffff;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
