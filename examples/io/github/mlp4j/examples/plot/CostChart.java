package io.github.mlp4j.examples.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

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
    private final String trainingName;
    private final String validationName;

    private CostChart(double[] training, double[] validation, String title, boolean logScale, int width,
            int height, String trainingName, String validationName) {
        this.training = training;
        this.validation = validation;
        this.title = title;
        this.logScale = logScale;
        this.width = width;
        this.height = height;
        this.trainingName = trainingName;
        this.validationName = validationName;
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
        return new CostChart(checkCost(trainingCost, "trainingCost"), null, "Cost per epoch", false, 640, 480,
                "training", "validation");
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
        return new CostChart(training, v, title, logScale, width, height, trainingName, validationName);
    }

    /**
     * Returns a copy of this chart with another title.
     *
     * @param chartTitle the title shown above the plot
     * @return the new chart
     */
    public CostChart withTitle(String chartTitle) {
        return new CostChart(training, validation, Charts.title(chartTitle), logScale, width, height, trainingName,
                validationName);
    }

    /**
     * Returns a copy of this chart with a logarithmic (or linear) cost axis.
     *
     * @param logarithmic true for a logarithmic cost axis
     * @return the new chart
     */
    public CostChart withLogScale(boolean logarithmic) {
        return new CostChart(training, validation, title, logarithmic, width, height, trainingName, validationName);
    }

    /**
     * Returns a copy of this chart with another image size.
     *
     * @param imageWidth the width in pixels, 200 to 8000
     * @param imageHeight the height in pixels, 200 to 8000
     * @return the new chart
     * @throws IllegalArgumentException if a side is outside 200 to 8000
     */
    public CostChart withSize(int imageWidth, int imageHeight) {
        Charts.checkSize(imageWidth, imageHeight, 200, "640×480");
        return new CostChart(training, validation, title, logScale, imageWidth, imageHeight, trainingName,
                validationName);
    }

    /**
     * Returns a copy of this chart whose legend names the two curves differently (by default
     * "training" and "validation"), for example "held-out test" when the second curve is measured
     * on the test set.
     *
     * @param trainingLegend the legend entry of the training curve
     * @param validationLegend the legend entry of the validation curve
     * @return the new chart
     * @throws IllegalArgumentException if a name is blank or both are the same
     */
    public CostChart withLegend(String trainingLegend, String validationLegend) {
        Objects.requireNonNull(trainingLegend, "trainingLegend");
        Objects.requireNonNull(validationLegend, "validationLegend");
        if (trainingLegend.isBlank() || validationLegend.isBlank() || trainingLegend.equals(validationLegend)) {
            throw new IllegalArgumentException("The legend needs two different, non-blank names, but got \""
                    + trainingLegend + "\" and \"" + validationLegend + "\"; try \"training\" and \"test\".");
        }
        return new CostChart(training, validation, title, logScale, width, height, trainingLegend,
                validationLegend);
    }

    /**
     * Draws the chart into a new image.
     *
     * @return an RGB image of the configured size
     * @throws IllegalArgumentException if the cost axis is logarithmic and a cost is not positive
     */
    public BufferedImage render() {
        return plot().render(width, height);
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

    private LinePlot plot() {
        if (logScale) {
            requirePositive(training, "trainingCost");
            if (validation != null) {
                requirePositive(validation, "validationCost");
            }
        }
        LinePlot plot = new LinePlot();
        plot.title = title;
        plot.xAxisTitle = "Epoch";
        plot.yAxisTitle = "Cost";
        plot.logY = logScale;
        int epochs = Math.max(training.length, validation == null ? 0 : validation.length);
        double pad = Math.max(0.5, 0.02 * (epochs - 1));      // keeps the end markers inside the frame
        plot.xMin = 1 - pad;
        plot.xMax = epochs + pad;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] cost : validation == null ? new double[][] {training} : new double[][] {training, validation}) {
            for (double c : cost) {
                low = Math.min(low, c);
                high = Math.max(high, c);
            }
        }
        if (logScale) {
            double span = Math.max(Math.log10(high / low), 0.3);      // at least a factor of 2 shown
            plot.yMin = low / Math.pow(10, 0.05 * span);
            plot.yMax = high * Math.pow(10, 0.05 * span);
        } else {
            plot.yMin = Math.min(0, low);                             // a cost axis starts at 0
            plot.yMax = high > plot.yMin ? high + 0.05 * (high - plot.yMin) : plot.yMin + 1;
        }
        boolean markers = epochs <= 30;
        plot.series.add(series(trainingName, training, Charts.SERIES_COLORS[0], markers));
        if (validation != null) {
            plot.series.add(series(validationName, validation, Charts.SERIES_COLORS[1], markers));
        }
        return plot;
    }

    private static LinePlot.Series series(String name, double[] cost, Color color, boolean markers) {
        double[] epochs = new double[cost.length];
        for (int i = 0; i < cost.length; i++) {
            epochs[i] = i + 1;                                 // value i belongs to epoch i + 1
        }
        return new LinePlot.Series(name, epochs, cost, color, 2.2f, markers, true);
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
