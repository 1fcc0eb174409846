package io.github.mlp4j.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A line chart of one or more functions of one variable over an interval, with a legend.
 *
 * <p>Each function is sampled at {@code samples} evenly spaced points
 * {@code x_k = from + k·(to − from)/(samples − 1)}, {@code k = 0 … samples − 1}, and drawn as a line
 * through them. A value that is NaN or infinite leaves a gap in its line (so {@code −log(0)} does
 * no harm). A thin grey line marks {@code y = 0} when it lies inside the plot. With {@link
 * #withYRange(double, double)} values outside the range are cut off at the plot's edge.
 *
 * <p>How the Activations example draws each activation with its derivative, and the losses:
 * <pre>{@code
 * FunctionChart sigmoid = FunctionChart.on(-6, 6)
 *         .withTitle("Sigmoid")
 *         .withAxisTitles("z", "")
 *         .withFunction("σ(z)", z -> 1 / (1 + Math.exp(-z)))
 *         .withFunction("σ′(z) = σ(z)(1 − σ(z))", z -> { double s = 1 / (1 + Math.exp(-z)); return s * (1 - s); });
 * FunctionChart crossEntropy = FunctionChart.on(0.001, 0.999)
 *         .withTitle("Binary cross-entropy")
 *         .withAxisTitles("ŷ", "")
 *         .withYRange(-10, 10)
 *         .withFunction("C = −log(1 − ŷ), y = 0", p -> -Math.log(1 - p))
 *         .withFunction("C = −log ŷ, y = 1", p -> -Math.log(p));
 * sigmoid.writePng(Path.of("target/sigmoid.png"));
 * FunctionChart.writeGridPng(Path.of("target/activations.png"), 2, List.of(sigmoid, tanh, relu, leakyRelu));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe if the functions given are: each {@code with…}
 * method returns a new chart. The functions are called only when the chart is drawn.
 */
public final class FunctionChart {
    /** One named function. */
    private record Curve(String name, DoubleUnaryOperator function) {
    }

    private final double from;
    private final double to;
    private final List<Curve> curves;
    private final String title;
    private final String xAxisTitle;
    private final String yAxisTitle;
    private final double yMin;
    private final double yMax;
    private final int samples;
    private final int width;
    private final int height;

    private FunctionChart(double from, double to, List<Curve> curves, String title, String xAxisTitle,
            String yAxisTitle, double yMin, double yMax, int samples, int width, int height) {
        this.from = from;
        this.to = to;
        this.curves = List.copyOf(curves);
        this.title = title;
        this.xAxisTitle = xAxisTitle;
        this.yAxisTitle = yAxisTitle;
        this.yMin = yMin;
        this.yMax = yMax;
        this.samples = samples;
        this.width = width;
        this.height = height;
    }

    /**
     * Returns an empty chart of the interval [from, to]: no functions yet, no title, axis titles
     * "x" and "y", the y range chosen from the data, 401 samples, 640×480 pixels.
     *
     * @param from the left end of the interval
     * @param to the right end of the interval, greater than {@code from}
     * @return the chart
     * @throws IllegalArgumentException if an end is not finite or {@code to ≤ from}
     */
    public static FunctionChart on(double from, double to) {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(to > from)) {
            throw new IllegalArgumentException("The interval must be finite with from < to, but was ["
                    + from + ", " + to + "]; try FunctionChart.on(-5, 5).");
        }
        return new FunctionChart(from, to, List.of(), "", "x", "y", Double.NaN, Double.NaN, 401, 640, 480);
    }

    /**
     * Returns a copy of this chart with one more function, drawn in the next series colour.
     *
     * @param name the name shown in the legend; unique within the chart
     * @param function the function to draw; called only when the chart is drawn
     * @return the new chart
     * @throws IllegalArgumentException if {@code name} is blank or already used in this chart
     */
    public FunctionChart withFunction(String name, DoubleUnaryOperator function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A function's name is shown in the legend and must not be blank.");
        }
        for (Curve c : curves) {
            if (c.name().equals(name)) {
                throw new IllegalArgumentException("This chart already has a function named \"" + name
                        + "\"; give each function its own name.");
            }
        }
        List<Curve> more = new ArrayList<>(curves);
        more.add(new Curve(name, function));
        return new FunctionChart(from, to, more, title, xAxisTitle, yAxisTitle, yMin, yMax, samples, width,
                height);
    }

    /**
     * Returns a copy of this chart with another title.
     *
     * @param chartTitle the title shown above the plot; empty for none
     * @return the new chart
     */
    public FunctionChart withTitle(String chartTitle) {
        return new FunctionChart(from, to, curves, Charts.title(chartTitle), xAxisTitle, yAxisTitle, yMin,
                yMax, samples, width, height);
    }

    /**
     * Returns a copy of this chart with other axis titles.
     *
     * @param xTitle the title under the horizontal axis; empty for none
     * @param yTitle the title beside the vertical axis; empty for none
     * @return the new chart
     */
    public FunctionChart withAxisTitles(String xTitle, String yTitle) {
        Objects.requireNonNull(xTitle, "xTitle");
        Objects.requireNonNull(yTitle, "yTitle");
        return new FunctionChart(from, to, curves, title, xTitle, yTitle, yMin, yMax, samples, width, height);
    }

    /**
     * Returns a copy of this chart whose vertical axis shows [min, max]; lines are cut off at its
     * edges.
     *
     * @param min the bottom of the vertical axis
     * @param max the top of the vertical axis, greater than {@code min}
     * @return the new chart
     * @throws IllegalArgumentException if an end is not finite or {@code max ≤ min}
     */
    public FunctionChart withYRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("The y range must be finite with min < max, but was [" + min
                    + ", " + max + "]; try withYRange(-1, 1).");
        }
        return new FunctionChart(from, to, curves, title, xAxisTitle, yAxisTitle, min, max, samples, width,
                height);
    }

    /**
     * Returns a copy of this chart that samples each function at another number of points.
     *
     * @param count the number of points, at least 2
     * @return the new chart
     * @throws IllegalArgumentException if {@code count < 2}
     */
    public FunctionChart withSamples(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("samples must be at least 2, but was " + count + "; try 401.");
        }
        return new FunctionChart(from, to, curves, title, xAxisTitle, yAxisTitle, yMin, yMax, count, width,
                height);
    }

    /**
     * Returns a copy of this chart with another image size.
     *
     * @param imageWidth the width in pixels, 200 to 8000
     * @param imageHeight the height in pixels, 200 to 8000
     * @return the new chart
     * @throws IllegalArgumentException if a side is outside 200 to 8000
     */
    public FunctionChart withSize(int imageWidth, int imageHeight) {
        Charts.checkSize(imageWidth, imageHeight, 200, "640×480");
        return new FunctionChart(from, to, curves, title, xAxisTitle, yAxisTitle, yMin, yMax, samples,
                imageWidth, imageHeight);
    }

    /**
     * Draws the chart into a new image.
     *
     * @return an RGB image of the configured size
     * @throws IllegalStateException if the chart has no function yet, or a function has no finite
     *     value on the interval
     */
    public BufferedImage render() {
        return plot().render(width, height);
    }

    /**
     * Writes the chart as a PNG file, creating parent directories as needed.
     *
     * @param file the file to write; overwritten if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the chart has no function yet, or a function has no finite
     *     value on the interval
     */
    public void writePng(Path file) throws IOException {
        Charts.writePng(render(), file);
    }

    /**
     * Draws several charts side by side into one image, row by row, each at its own size.
     *
     * <p>The cells of the grid are as wide as the widest chart and as tall as the tallest; the
     * image is {@code columns} cells wide and {@code ⌈charts.size() / columns⌉} cells tall.
     *
     * @param columns the number of charts per row, at least 1
     * @param charts the charts, drawn left to right, then top to bottom; not modified
     * @return an RGB image holding every chart
     * @throws IllegalArgumentException if {@code charts} is empty or {@code columns < 1}
     * @throws IllegalStateException if a chart has no function
     */
    public static BufferedImage renderGrid(int columns, List<FunctionChart> charts) {
        Objects.requireNonNull(charts, "charts");
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("charts is empty; pass at least one chart.");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, but was " + columns + ".");
        }
        int cellWidth = 0;
        int cellHeight = 0;
        for (FunctionChart c : charts) {
            cellWidth = Math.max(cellWidth, c.width);
            cellHeight = Math.max(cellHeight, c.height);
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        Charts.headless();
        BufferedImage grid = new BufferedImage(cols * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                FunctionChart c = Objects.requireNonNull(charts.get(i), "charts[" + i + "]");
                g.drawImage(c.render(), (i % cols) * cellWidth, (i / cols) * cellHeight, null);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /**
     * Writes several charts side by side into one PNG file (see {@link #renderGrid(int, List)}).
     *
     * @param file the file to write; overwritten if it exists
     * @param columns the number of charts per row, at least 1
     * @param charts the charts, drawn left to right, then top to bottom; not modified
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if {@code charts} is empty or {@code columns < 1}
     * @throws IllegalStateException if a chart has no function
     */
    public static void writeGridPng(Path file, int columns, List<FunctionChart> charts) throws IOException {
        Charts.writePng(renderGrid(columns, charts), file);
    }

    private LinePlot plot() {
        if (curves.isEmpty()) {
            throw new IllegalStateException("The chart \"" + title + "\" has no function to draw;"
                    + " call withFunction(name, f) before render() or writePng(file).");
        }
        LinePlot plot = new LinePlot();
        plot.title = title;
        plot.xAxisTitle = xAxisTitle;
        plot.yAxisTitle = yAxisTitle;
        plot.xMin = from;
        plot.xMax = to;
        double[] x = new double[samples];
        double step = (to - from) / (samples - 1);
        for (int k = 0; k < samples; k++) {
            x[k] = k == samples - 1 ? to : from + k * step;   // x_k = from + k·(to − from)/(samples − 1)
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        List<double[]> values = new ArrayList<>();
        for (Curve c : curves) {
            double[] y = new double[samples];
            boolean any = false;
            for (int k = 0; k < samples; k++) {
                double v = c.function().applyAsDouble(x[k]);
                y[k] = Double.isFinite(v) ? v : Double.NaN;   // NaN leaves a gap in the line
                if (Double.isFinite(v)) {
                    any = true;
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
            if (!any) {
                throw new IllegalStateException("The function \"" + c.name() + "\" has no finite value on ["
                        + from + ", " + to + "]; choose an interval inside its domain.");
            }
            values.add(y);
        }
        if (Double.isNaN(yMin)) {
            double pad = high > low ? 0.06 * (high - low) : Math.max(1, Math.abs(high) * 0.1);
            plot.yMin = low - pad;
            plot.yMax = high + pad;
        } else {
            plot.yMin = yMin;
            plot.yMax = yMax;
        }
        if (plot.yMin < 0 && plot.yMax > 0) {
            plot.series.add(new LinePlot.Series("y = 0", new double[] {from, to}, new double[] {0, 0},
                    new Color(140, 140, 140), 1f, false, false));
        }
        for (int i = 0; i < curves.size(); i++) {
            Color color = Charts.SERIES_COLORS[i % Charts.SERIES_COLORS.length];
            plot.series.add(new LinePlot.Series(curves.get(i).name(), x, values.get(i), color, 2.2f, false, true));
        }
        return plot;
    }

}
