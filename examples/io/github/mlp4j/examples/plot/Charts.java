package io.github.mlp4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;

/** Shared look, tick placement and file handling for the pictures of this package. */
final class Charts {
    /** Colours for series, chosen to stay apart for colour-blind readers (Okabe–Ito palette). */
    static final Color[] SERIES_COLORS = {
        new Color(0, 114, 178),    // blue
        new Color(213, 94, 0),     // vermillion
        new Color(0, 158, 115),    // bluish green
        new Color(204, 121, 167),  // reddish purple
        new Color(230, 159, 0),    // orange
        new Color(86, 180, 233),   // sky blue
        new Color(0, 0, 0),        // black
    };
    static final Color TEXT = new Color(30, 30, 30);
    static final Color GRID = new Color(228, 228, 228);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private Charts() {
    }

    /** Sets java.awt.headless=true unless the caller chose otherwise; call before any AWT use. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Returns a white RGB image and its graphics, with antialiasing on. */
    static BufferedImage blank(int width, int height) {
        headless();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Creates graphics for an image with antialiased shapes and text. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /** Draws text turned a quarter to the left, centred vertically on {@code cy}. */
    static void drawVertical(Graphics2D g, String text, double baselineX, double cy) {
        AffineTransform old = g.getTransform();
        g.translate(baselineX, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(text, -g.getFontMetrics().stringWidth(text) / 2f, 0f);
        g.setTransform(old);
    }

    /**
     * Returns "nice" tick values inside [min, max], about {@code wanted} of them, spaced 1, 2 or 5
     * times a power of ten apart.
     */
    static double[] ticks(double min, double max, int wanted) {
        double raw = (max - min) / Math.max(1, wanted);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double step = (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * magnitude;
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        double[] t = new double[(int) Math.max(0, last - first + 1)];
        for (int k = 0; k < t.length; k++) {
            t[k] = (first + k) * step;
            if (Math.abs(t[k]) < step * 1e-9) {
                t[k] = 0;                                    // no "-0" label
            }
        }
        return t;
    }

    /** Formats a tick with as many decimals as the spacing of the ticks needs. */
    static String format(double value, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.max(Math.abs(value), 1);
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (decimals == 0 && Math.abs(value) >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 10) + "f", value);
    }

    /**
     * Writes an image as PNG, first to a temporary file beside the target and then moved into place,
     * creating parent directories as needed.
     */
    static void writePng(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path temporary = temporarySibling(target);
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("The JDK has no PNG writer; cannot write " + file + ".");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Creates the parent directories of {@code target} and returns a fresh name beside it. */
    static Path temporarySibling(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        Files.deleteIfExists(temporary);
        return temporary;
    }

    /** Checks an image size: between {@code min} and 8000 pixels on each side. */
    static void checkSize(int width, int height, int min, String suggestion) {
        if (width < min || height < min || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("Image size must be between " + min + " and 8000 pixels on each"
                    + " side, but was " + width + "×" + height + "; try " + suggestion + ".");
        }
    }

    /** Checks that a chart title is not null. */
    static String title(String title) {
        return Objects.requireNonNull(title, "title");
    }
}
