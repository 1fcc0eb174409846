package io.github.mlp4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of the cost per epoch: the training curve and, when given, the validation curve.
 *
 * <p>Value {@code i} of a cost array is drawn at epoch {@code i + 1}. The chart has the title
 * given, the axis titles "Epoch" and "Cost", and a legend. With {@link #withLogScale(boolean)
 * withLogScale(true)} the cost axis is logarithmic, which shows the late, slow part of training.
 *
 * <p>How an example uses it, after training:
 * <pre>{@code
 * double[] training = history.trainingCost();          // one value per epoch
 * double[] validation = history.validationCost();      // or null when there is none
 * CostChart.of(training)
 *         .withValidation(validation)
 *         .withTitle("Two circles — binary cross-entropy")
 *         .withLogScale(true)
 *         .writePng(Path.of("target/two-circles-cost.png"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: each {@code with…} method returns a new chart, and
 * the arrays given are copied.
 */
public final class CostChart {
    private final double[] training;
    private final double[] validation;
    private final String title;
    private final boolean logScale;
    private final int width;
    private final int height;

    private CostChart(double[] training, double[] validation, String title, boolean logScale, int width,
            int height) {
        this.training = training;
        this.validation = validation;
        this.title = title;
        this.logScale = logScale;
        this.width = width;
        this.height = height;
    }

    /**
     * Returns a chart of the training cost, 640×480 pixels, titled "Cost per epoch", with a linear
     * cost axis.
     *
     * @param trainingCost the cost after each epoch, epoch 1 first; not modified (copied)
     * @return the chart
     * @throws NullPointerException if {@code trainingCost} is null
     * @throws IllegalArgumentException if {@code trainingCost} is empty or holds NaN or infinity
     */
    public static CostChart of(double[] trainingCost) {
        return new CostChart(checkCost(trainingCost, "trainingCost"), null, "Cost per epoch", false, 640, 480);
    }

    /**
     * Returns a copy of this chart that also draws the validation cost.
     *
     * @param validationCost the validation cost after each epoch, epoch 1 first, or null for none;
     *     not modified (copied)
     * @return the new chart
     * @throws IllegalArgumentException if {@code validationCost} is empty or holds NaN or infinity
     */
    public CostChart withValidation(double[] validationCost) {
        double[] v = validationCost == null ? null : checkCost(validationCost, "validationCost");
        return new CostChart(training, v, title, logScale, width, height);
    }

    /**
     * Returns a copy of this chart with another title.
     *
     * @param chartTitle the title shown above the plot
     * @return the new chart
     */
    public CostChart withTitle(String chartTitle) {
        return new CostChart(training, validation, Charts.title(chartTitle), logScale, width, height);
    }

    /**
     * Returns a copy of this chart with a logarithmic (or linear) cost axis.
     *
     * @param logarithmic true for a logarithmic cost axis
     * @return the new chart
     */
    public CostChart withLogScale(boolean logarithmic) {
        return new CostChart(training, validation, title, logarithmic, width, height);
    }

    /**
     * Returns a copy of this chart with another image size.
     *
     * @param imageWidth the width in pixels, 100 to 8000
     * @param imageHeight the height in pixels, 100 to 8000
     * @return the new chart
     * @throws IllegalArgumentException if a side is outside 100 to 8000
     */
    public CostChart withSize(int imageWidth, int imageHeight) {
        Charts.checkSize(imageWidth, imageHeight);
        return new CostChart(training, validation, title, logScale, imageWidth, imageHeight);
    }

    /**
     * Draws the chart into a new image.
     *
     * @return an RGB image of the configured size
     * @throws IllegalArgumentException if the cost axis is logarithmic and a cost is not positive
     */
    public BufferedImage render() {
        return BitmapEncoder.getBufferedImage(chart());
    }

    /**
     * Writes the chart as a PNG file, creating parent directories as needed. The file is written
     * to a temporary file first and then moved into place.
     *
     * @param file the file to write; overwritten if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the cost axis is logarithmic and a cost is not positive
     */
    public void writePng(Path file) throws IOException {
        Charts.writePng(render(), file);
    }

    private XYChart chart() {
        Charts.headless();
        if (logScale) {
            requirePositive(training, "trainingCost");
            if (validation != null) {
                requirePositive(validation, "validationCost");
            }
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("Epoch").yAxisTitle("Cost").build();
        Charts.style(chart);
        chart.getStyler().setYAxisLogarithmic(logScale);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax((double) Math.max(2, Math.max(training.length,
                validation == null ? 0 : validation.length)));
        addSeries(chart, "training", training, Charts.SERIES_COLORS[0]);
        if (validation != null) {
            addSeries(chart, "validation", validation, Charts.SERIES_COLORS[1]);
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, double[] cost, java.awt.Color color) {
        double[] epochs = new double[cost.length];
        for (int i = 0; i < cost.length; i++) {
            epochs[i] = i + 1;                                 // value i belongs to epoch i + 1
        }
        XYSeries series = chart.addSeries(name, epochs, cost);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(cost.length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    private static double[] checkCost(double[] cost, String name) {
        Objects.requireNonNull(cost, name);
        if (cost.length == 0) {
            throw new IllegalArgumentException(name + " is empty; pass the cost of at least one epoch.");
        }
        for (int i = 0; i < cost.length; i++) {
            if (!Double.isFinite(cost[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] (epoch " + (i + 1) + ") is " + cost[i]
                        + "; every cost must be finite. Training diverged: plot the epochs before it,"
                        + " or lower the learning rate.");
            }
        }
        return cost.clone();
    }

    private static void requirePositive(double[] cost, String name) {
        for (int i = 0; i < cost.length; i++) {
            if (!(cost[i] > 0)) {
                throw new IllegalArgumentException(name + "[" + i + "] (epoch " + (i + 1) + ") is " + cost[i]
                        + " but a logarithmic cost axis needs positive values; use withLogScale(false).");
            }
        }
    }
}
