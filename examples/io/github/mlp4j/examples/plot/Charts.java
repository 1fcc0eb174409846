package io.github.mlp4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** Shared look and file handling for the charts of this package. Not part of the public API. */
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

    /** The font family of every label; logical, so it always exists. */
    static final String FONT = Font.SANS_SERIF;

    private Charts() {
    }

    /** Sets java.awt.headless=true unless the caller chose otherwise; call before any AWT use. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Gives an XY chart the common look: white background, light grid, readable fonts. */
    static void style(XYChart chart) {
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(120, 120, 120));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        s.setLegendBorderColor(new Color(180, 180, 180));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendSeriesLineLength(28);
        s.setChartPadding(12);
        s.setPlotMargin(6);
        s.setSeriesColors(SERIES_COLORS);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
    }

    /**
     * Writes an image as PNG, first to a temporary file beside the target and then moved into place,
     * creating parent directories as needed.
     */
    static void writePng(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = Files.createTempFile(parent, absolute.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("The JDK has no PNG writer; cannot write " + file + ".");
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Checks an image size: between 100 and 8000 pixels on each side. */
    static void checkSize(int width, int height) {
        if (width < 100 || height < 100 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("Image size must be between 100 and 8000 pixels on each side,"
                    + " but was " + width + "×" + height + "; try 640×480.");
        }
    }

    /** Checks that a chart title is not null. */
    static String title(String title) {
        return Objects.requireNonNull(title, "title");
    }
}
