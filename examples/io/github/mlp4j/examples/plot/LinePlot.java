package io.github.mlp4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws line charts with Java2D: title, axes with "nice" ticks and a light grid, lines broken at
 * NaN and cut at the plot's edge, and a legend in the emptiest corner. Used by {@link CostChart}
 * and {@link FunctionChart}; not part of the public API.
 */
final class LinePlot {
    /** One line; {@code y[k]} NaN leaves a gap. Arrays are not modified. */
    record Series(String name, double[] x, double[] y, Color color, float lineWidth, boolean markers,
            boolean inLegend) {
    }

    String title = "";
    String xAxisTitle = "";
    String yAxisTitle = "";
    double xMin;
    double xMax;
    double yMin;
    double yMax;
    boolean logY;
    final List<Series> series = new ArrayList<>();

    private int left;
    private int top;
    private int plotWidth;
    private int plotHeight;

    /** Draws the chart into a new RGB image of the given size. */
    BufferedImage render(int width, int height) {
        BufferedImage image = Charts.blank(width, height);
        Graphics2D g = Charts.graphics(image);
        try {
            YTicks y = yTicks(Math.max(3, (height - 120) / 60));
            g.setFont(Charts.TICK_FONT);
            FontMetrics tickMetrics = g.getFontMetrics();
            int widest = 0;
            for (String label : y.labels) {
                widest = Math.max(widest, tickMetrics.stringWidth(label));
            }
            g.setFont(Charts.AXIS_TITLE_FONT);
            FontMetrics titleMetrics = g.getFontMetrics();
            left = 16 + (yAxisTitle.isEmpty() ? 0 : titleMetrics.getHeight() + 6) + widest + 8;
            top = title.isEmpty() ? 18 : 48;
            int bottomMargin = 8 + tickMetrics.getHeight() + (xAxisTitle.isEmpty() ? 0 : titleMetrics.getHeight() + 4) + 12;
            plotWidth = width - left - 24;
            plotHeight = height - top - bottomMargin;
            double[] xTicks = Charts.ticks(xMin, xMax, Math.max(3, plotWidth / 90));

            drawGrid(g, xTicks, y);
            drawSeries(g);
            drawAxes(g, xTicks, y, widest);
            drawLegend(g);
            if (!title.isEmpty()) {
                g.setFont(Charts.TITLE_FONT);
                g.setColor(Charts.TEXT);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(title, Math.max(6, left + (plotWidth - fm.stringWidth(title)) / 2), 30);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Major ticks with labels, and minor grid values (log axes only). */
    private record YTicks(double[] values, String[] labels, double[] minor) {
    }

    private YTicks yTicks(int wanted) {
        if (!logY) {
            double[] t = Charts.ticks(yMin, yMax, wanted);
            String[] labels = new String[t.length];
            for (int k = 0; k < t.length; k++) {
                labels[k] = Charts.format(t[k], t);
            }
            return new YTicks(t, labels, new double[0]);
        }
        int low = (int) Math.floor(Math.log10(yMin));
        int high = (int) Math.ceil(Math.log10(yMax));
        List<Double> values = new ArrayList<>();
        List<Double> minor = new ArrayList<>();
        boolean fewDecades = Math.log10(yMax / yMin) <= 2.5;   // then 2× and 5× get labels too
        for (int e = low; e <= high; e++) {
            for (int m = 1; m <= 9; m++) {
                double v = m * Math.pow(10, e);
                if (v < yMin * (1 - 1e-9) || v > yMax * (1 + 1e-9)) {
                    continue;
                }
                if (m == 1 || (fewDecades && (m == 2 || m == 5))) {
                    values.add(v);
                } else {
                    minor.add(v);
                }
            }
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        String[] labels = new String[v.length];
        for (int k = 0; k < v.length; k++) {
            labels[k] = label(v[k]);
        }
        return new YTicks(v, labels, minor.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Formats a value of a logarithmic axis without trailing noise: 0.002, 0.05, 20. */
    private static String label(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(1)).stripTrailingZeros();
        return v >= 1e-4 && v < 1e6 ? d.toPlainString() : d.toString().replace("E", "e").replace("e+", "e");
    }

    private double sx(double x) {
        return left + (x - xMin) / (xMax - xMin) * plotWidth;
    }

    private double sy(double y) {
        double f = logY ? (Math.log(y) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))
                : (y - yMin) / (yMax - yMin);
        return top + plotHeight - f * plotHeight;
    }

    private void drawGrid(Graphics2D g, double[] xTicks, YTicks y) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(242, 242, 242));
        for (double v : y.minor) {
            g.draw(new Line2D.Double(left, sy(v), left + plotWidth, sy(v)));
        }
        g.setColor(Charts.GRID);
        for (double v : xTicks) {
            g.draw(new Line2D.Double(sx(v), top, sx(v), top + plotHeight));
        }
        for (double v : y.values) {
            g.draw(new Line2D.Double(left, sy(v), left + plotWidth, sy(v)));
        }
    }

    private void drawSeries(Graphics2D g) {
        Shape oldClip = g.getClip();
        g.clip(new Rectangle(left, top, plotWidth + 1, plotHeight + 1));
        for (Series s : series) {
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int k = 0; k < s.x().length; k++) {
                double v = s.y()[k];
                if (Double.isNaN(v) || (logY && !(v > 0))) {
                    pen = false;                             // a gap in the line
                    continue;
                }
                double px = sx(s.x()[k]);
                double py = Math.max(-1e5, Math.min(1e5, sy(v)));   // far outside is cut by the clip
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
            }
            g.setColor(s.color());
            g.setStroke(new BasicStroke(s.lineWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            if (s.markers()) {
                for (int k = 0; k < s.x().length; k++) {
                    if (!Double.isNaN(s.y()[k])) {
                        g.fill(new Ellipse2D.Double(sx(s.x()[k]) - 3.5, sy(s.y()[k]) - 3.5, 7, 7));
                    }
                }
            }
        }
        g.setClip(oldClip);
    }

    private void drawAxes(Graphics2D g, double[] xTicks, YTicks y, int widest) {
        g.setColor(new Color(110, 110, 110));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, plotWidth, plotHeight);
        g.setFont(Charts.TICK_FONT);
        g.setColor(Charts.TEXT);
        FontMetrics fm = g.getFontMetrics();
        int bottom = top + plotHeight;
        for (double v : xTicks) {
            int px = (int) Math.round(sx(v));
            g.drawLine(px, bottom, px, bottom + 4);
            String label = Charts.format(v, xTicks);
            g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 6 + fm.getAscent());
        }
        for (int k = 0; k < y.values.length; k++) {
            int py = (int) Math.round(sy(y.values[k]));
            g.drawLine(left - 4, py, left, py);
            g.drawString(y.labels[k], left - 7 - fm.stringWidth(y.labels[k]), py + fm.getAscent() / 2 - 1);
        }
        g.setFont(Charts.AXIS_TITLE_FONT);
        FontMetrics titleMetrics = g.getFontMetrics();
        if (!xAxisTitle.isEmpty()) {
            g.drawString(xAxisTitle, left + (plotWidth - titleMetrics.stringWidth(xAxisTitle)) / 2,
                    bottom + 8 + fm.getHeight() + titleMetrics.getAscent());
        }
        if (!yAxisTitle.isEmpty()) {
            Charts.drawVertical(g, yAxisTitle, left - 12 - widest - titleMetrics.getDescent(), top + plotHeight / 2.0);
        }
    }

    /** Draws the legend in the corner of the plot that covers the fewest points of the lines. */
    private void drawLegend(Graphics2D g) {
        List<Series> shown = new ArrayList<>();
        for (Series s : series) {
            if (s.inLegend()) {
                shown.add(s);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        g.setFont(Charts.LEGEND_FONT);
        FontMetrics fm = g.getFontMetrics();
        int line = 26;
        int pad = 8;
        int rowHeight = fm.getHeight() + 2;
        int textWidth = 0;
        for (Series s : shown) {
            textWidth = Math.max(textWidth, fm.stringWidth(s.name()));
        }
        int boxWidth = pad + line + 8 + textWidth + pad;
        int boxHeight = pad + shown.size() * rowHeight + pad - 2;
        int margin = 10;
        int[][] corners = {
            {left + plotWidth - margin - boxWidth, top + margin},                    // top right
            {left + margin, top + margin},                                           // top left
            {left + plotWidth - margin - boxWidth, top + plotHeight - margin - boxHeight},   // bottom right
            {left + margin, top + plotHeight - margin - boxHeight},                  // bottom left
        };
        int best = 0;
        long fewest = Long.MAX_VALUE;
        for (int c = 0; c < corners.length; c++) {
            long covered = covered(corners[c][0], corners[c][1], boxWidth, boxHeight);
            if (covered < fewest) {
                fewest = covered;
                best = c;
            }
        }
        int x = corners[best][0];
        int y = corners[best][1];
        g.setColor(new Color(255, 255, 255, 235));
        g.fillRect(x, y, boxWidth, boxHeight);
        g.setColor(new Color(190, 190, 190));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, boxWidth, boxHeight);
        for (int k = 0; k < shown.size(); k++) {
            Series s = shown.get(k);
            int baseline = y + pad + k * rowHeight + fm.getAscent();
            double cy = baseline - fm.getAscent() / 2.0 + 2;
            g.setColor(s.color());
            g.setStroke(new BasicStroke(s.lineWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(x + pad, cy, x + pad + line, cy));
            if (s.markers()) {
                g.fill(new Ellipse2D.Double(x + pad + line / 2.0 - 3.5, cy - 3.5, 7, 7));
            }
            g.setColor(Charts.TEXT);
            g.drawString(s.name(), x + pad + line + 8, baseline);
        }
    }

    /** Counts the points of every line that fall inside a rectangle of the image. */
    private long covered(int x, int y, int w, int h) {
        long count = 0;
        for (Series s : series) {
            for (int k = 0; k < s.x().length; k++) {
                double v = s.y()[k];
                if (Double.isNaN(v) || (logY && !(v > 0))) {
                    continue;
                }
                double px = sx(s.x()[k]);
                double py = sy(v);
                if (px >= x && px <= x + w && py >= y && py <= y + h) {
                    count++;
                }
            }
        }
        return count;
    }
}
