package io.github.mlp4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * A picture of the decision boundary of a two-input binary classifier: a coloured map of the
 * predicted probability over the plane, the {@code p = 0.5} contour, and the training points.
 *
 * <p>The classifier is evaluated on a {@code resolution × resolution} grid that spans the plot,
 * in one batch call: {@code predict} receives a {@code (resolution², 2)} matrix of points
 * {@code (x₁, x₂)} and returns one probability of class 1 per row. Each pixel's probability is
 * interpolated bilinearly from the grid and coloured on a diverging scale (blue for 0, white for
 * 0.5, red for 1); the contour {@code p = 0.5} is traced through the grid (marching squares) as a
 * dark line. Training points are drawn on top: class 0 as blue circles, class 1 as red
 * diamonds. Axes have ticks and titles, a colour bar on the right shows the scale, and a legend
 * under the plot names the markers and the contour.
 *
 * <p>By default the plot spans the training points with 10% padding on each side, the grid has
 * 150 × 150 points, and the image is 640 × 560 pixels.
 *
 * <p>How an example draws one frame per 50 epochs into an animated GIF:
 * <pre>{@code
 * Function<double[][], double[]> predict = DecisionBoundary.firstColumn(network::predict);
 * try (GifWriter gif = GifWriter.open(Path.of("target/two-circles.gif"), Duration.ofMillis(120))) {
 *     for (int epoch = 50; epoch <= 500; epoch += 50) {
 *         double cost = train(network, 50);                  // however the example trains
 *         gif.writeFrame(DecisionBoundary.of(x, y, predict)
 *                 .withTitle(String.format("epoch %d — cost %.3f", epoch, cost))
 *                 .render());
 *     }
 * }
 * DecisionBoundary.of(x, y, predict).withTitle("Two circles, trained").writePng(Path.of("target/two-circles.png"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe if the prediction function is: each {@code with…}
 * method returns a new picture, and the arrays given are copied. The function is called only when
 * the picture is drawn.
 */
public final class DecisionBoundary {
    private static final Color[] MAP_STOPS = {
        new Color(67, 147, 195),    // p = 0
        new Color(146, 197, 222),   // p = 0.25
        new Color(247, 247, 247),   // p = 0.5
        new Color(244, 165, 130),   // p = 0.75
        new Color(214, 96, 77),     // p = 1
    };
    private static final Color CLASS_0 = new Color(8, 48, 107);
    private static final Color CLASS_1 = new Color(120, 0, 30);
    private static final Color CONTOUR = new Color(25, 25, 25);
    private static final Color TEXT = Charts.TEXT;
    private static final double PROBABILITY_TOLERANCE = 1e-9;

    private double[][] points;
    private int[] labels;
    private Function<double[][], double[]> predict;
    private String title = "Decision boundary";
    private String xAxisTitle = "x₁";
    private String yAxisTitle = "x₂";
    private double xMin;
    private double xMax;
    private double yMin;
    private double yMax;
    private int resolution = 150;
    private int width = 640;
    private int height = 560;

    private DecisionBoundary() {
    }

    /**
     * Returns a picture of a classifier given as a batch function, the fast form.
     *
     * @param points the training points, shape (n, 2), rows {@code (x₁, x₂)}; not modified (copied)
     * @param labels the class of each point, 0 or 1; not modified (copied)
     * @param predict maps a (m, 2) matrix of points to m probabilities of class 1, each in [0, 1]
     * @return the picture, with default settings
     * @throws IllegalArgumentException if {@code points} is not (n, 2) with finite values, or
     *     {@code labels} has another length or a value other than 0 or 1
     */
    public static DecisionBoundary of(double[][] points, int[] labels, Function<double[][], double[]> predict) {
        Objects.requireNonNull(predict, "predict");
        DecisionBoundary d = new DecisionBoundary();
        d.points = checkPoints(points);
        d.labels = checkLabels(labels, points.length).clone();
        d.predict = predict;
        d.fitRangeToPoints();
        return d;
    }

    /**
     * Returns a picture of a classifier given as a batch function, with targets as a one-column
     * matrix, as a data set holds them.
     *
     * @param points the training points, shape (n, 2); not modified (copied)
     * @param targets the class of each point, shape (n, 1), each 0.0 or 1.0; not modified
     * @param predict maps a (m, 2) matrix of points to m probabilities of class 1, each in [0, 1]
     * @return the picture, with default settings
     * @throws IllegalArgumentException if {@code points} is not (n, 2) with finite values, or
     *     {@code targets} is not (n, 1) with values 0.0 and 1.0
     */
    public static DecisionBoundary of(double[][] points, double[][] targets,
            Function<double[][], double[]> predict) {
        Objects.requireNonNull(targets, "targets");
        int[] labels = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            double[] row = Objects.requireNonNull(targets[i], "targets[" + i + "]");
            if (row.length != 1 || (row[0] != 0.0 && row[0] != 1.0)) {
                throw new IllegalArgumentException("targets[" + i + "] must be {0.0} or {1.0}, but has "
                        + row.length + " value(s)" + (row.length > 0 ? " starting " + row[0] : "")
                        + "; pass one class label, 0 or 1, per point.");
            }
            labels[i] = (int) row[0];
        }
        return of(points, labels, predict);
    }

    /**
     * Returns a picture of a classifier given one point at a time; slower than the batch form
     * {@link #of(double[][], int[], Function)}.
     *
     * @param points the training points, shape (n, 2); not modified (copied)
     * @param labels the class of each point, 0 or 1; not modified (copied)
     * @param probability maps {@code (x₁, x₂)} to the probability of class 1, in [0, 1]
     * @return the picture, with default settings
     * @throws IllegalArgumentException if {@code points} is not (n, 2) with finite values, or
     *     {@code labels} has another length or a value other than 0 or 1
     */
    public static DecisionBoundary ofPointwise(double[][] points, int[] labels, DoubleBinaryOperator probability) {
        Objects.requireNonNull(probability, "probability");
        return of(points, labels, grid -> {
            double[] p = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                p[i] = probability.applyAsDouble(grid[i][0], grid[i][1]);
            }
            return p;
        });
    }

    /**
     * Adapts a prediction function that returns a matrix, such as a network's {@code predict}
     * with shape (m, 1), to the batch form: it returns column 0 of each row.
     *
     * @param predictMatrix maps a (m, 2) matrix to an (m, k) matrix whose column 0 is the
     *     probability of class 1
     * @return the batch function
     */
    public static Function<double[][], double[]> firstColumn(Function<double[][], double[][]> predictMatrix) {
        Objects.requireNonNull(predictMatrix, "predictMatrix");
        return x -> {
            double[][] out = predictMatrix.apply(x);
            double[] p = new double[out.length];
            for (int i = 0; i < out.length; i++) {
                p[i] = out[i][0];
            }
            return p;
        };
    }

    /**
     * Returns a copy of this picture with another title, such as {@code "epoch 250 — cost 0.031"}.
     *
     * @param chartTitle the title shown above the plot
     * @return the new picture
     */
    public DecisionBoundary withTitle(String chartTitle) {
        DecisionBoundary d = copy();
        d.title = Charts.title(chartTitle);
        return d;
    }

    /**
     * Returns a copy of this picture with other axis titles (by default "x₁" and "x₂").
     *
     * @param xTitle the title under the horizontal axis
     * @param yTitle the title beside the vertical axis
     * @return the new picture
     */
    public DecisionBoundary withAxisTitles(String xTitle, String yTitle) {
        DecisionBoundary d = copy();
        d.xAxisTitle = Objects.requireNonNull(xTitle, "xTitle");
        d.yAxisTitle = Objects.requireNonNull(yTitle, "yTitle");
        return d;
    }

    /**
     * Returns a copy of this picture whose horizontal axis spans [min, max].
     *
     * @param min the left edge
     * @param max the right edge, greater than {@code min}
     * @return the new picture
     * @throws IllegalArgumentException if an edge is not finite or {@code max ≤ min}
     */
    public DecisionBoundary withXRange(double min, double max) {
        checkRange(min, max, "x");
        DecisionBoundary d = copy();
        d.xMin = min;
        d.xMax = max;
        return d;
    }

    /**
     * Returns a copy of this picture whose vertical axis spans [min, max].
     *
     * @param min the bottom edge
     * @param max the top edge, greater than {@code min}
     * @return the new picture
     * @throws IllegalArgumentException if an edge is not finite or {@code max ≤ min}
     */
    public DecisionBoundary withYRange(double min, double max) {
        checkRange(min, max, "y");
        DecisionBoundary d = copy();
        d.yMin = min;
        d.yMax = max;
        return d;
    }

    /**
     * Returns a copy of this picture that evaluates the classifier on a finer or coarser grid.
     * The cost of drawing is one batch prediction of {@code gridPoints²} rows.
     *
     * @param gridPoints the number of grid points along each axis, 2 to 2000; 100 to 200 looks smooth
     * @return the new picture
     * @throws IllegalArgumentException if {@code gridPoints} is outside 2 to 2000
     */
    public DecisionBoundary withResolution(int gridPoints) {
        if (gridPoints < 2 || gridPoints > 2000) {
            throw new IllegalArgumentException("resolution must be between 2 and 2000 grid points per axis,"
                    + " but was " + gridPoints + "; try 150.");
        }
        DecisionBoundary d = copy();
        d.resolution = gridPoints;
        return d;
    }

    /**
     * Returns a copy of this picture with another image size.
     *
     * @param imageWidth the width in pixels, 300 to 8000
     * @param imageHeight the height in pixels, 300 to 8000
     * @return the new picture
     * @throws IllegalArgumentException if a side is outside 300 to 8000
     */
    public DecisionBoundary withSize(int imageWidth, int imageHeight) {
        Charts.checkSize(imageWidth, imageHeight, 300, "640×560");
        DecisionBoundary d = copy();
        d.width = imageWidth;
        d.height = imageHeight;
        return d;
    }

    /**
     * Evaluates the classifier on the grid and draws the picture into a new image.
     *
     * @return an RGB image of the configured size
     * @throws IllegalArgumentException if the prediction function returns a number of values other
     *     than the number of grid points, or a value outside [0, 1]
     */
    public BufferedImage render() {
        double[][] grid = probabilities();
        BufferedImage image = Charts.blank(width, height);
        Graphics2D g = Charts.graphics(image);
        try {
            Layout box = new Layout(width, height);
            drawMap(image, box, grid);
            drawContour(g, box, grid);
            drawPoints(g, box);
            drawAxes(g, box);
            drawColorBar(g, box);
            drawLegend(g, box);
            drawTitle(g, box);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Evaluates the classifier on the grid and writes the picture as a PNG file, creating parent
     * directories as needed.
     *
     * @param file the file to write; overwritten if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the prediction function returns a number of values other
     *     than the number of grid points, or a value outside [0, 1]
     */
    public void writePng(Path file) throws IOException {
        Charts.writePng(render(), file);
    }

    /** Returns the colour of probability {@code p} on the map's diverging scale. */
    static Color color(double p) {
        double t = Math.min(1, Math.max(0, p)) * (MAP_STOPS.length - 1);
        int k = Math.min((int) t, MAP_STOPS.length - 2);
        double f = t - k;
        Color a = MAP_STOPS[k];
        Color b = MAP_STOPS[k + 1];
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Pixel positions of the plot, the colour bar and the text. */
    private static final class Layout {
        final int plotLeft;
        final int plotTop;
        final int plotWidth;
        final int plotHeight;
        final int barLeft;
        final int barWidth;

        Layout(int width, int height) {
            plotLeft = 78;
            plotTop = 52;
            barWidth = 18;
            plotWidth = width - plotLeft - 110;
            plotHeight = height - plotTop - 100;
            barLeft = plotLeft + plotWidth + 26;
        }

        int right() {
            return plotLeft + plotWidth;
        }

        int bottom() {
            return plotTop + plotHeight;
        }
    }

    /** Evaluates the classifier: {@code grid[i][j]} is p at (x_i, y_j). */
    private double[][] probabilities() {
        int m = resolution;
        double[][] query = new double[m * m][2];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                query[j * m + i][0] = gridX(i);
                query[j * m + i][1] = gridY(j);
            }
        }
        double[] p = Objects.requireNonNull(predict.apply(query), "the prediction function returned null");
        if (p.length != m * m) {
            throw new IllegalArgumentException("The prediction function returned " + p.length
                    + " values for " + m * m + " grid points; it must return one probability per row.");
        }
        double[][] grid = new double[m][m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                double v = p[j * m + i];
                if (!(v >= -PROBABILITY_TOLERANCE && v <= 1 + PROBABILITY_TOLERANCE)) {
                    throw new IllegalArgumentException("The prediction function returned " + v + " at ("
                            + gridX(i) + ", " + gridY(j) + "), outside [0, 1]; pass probabilities of class 1"
                            + " (apply the sigmoid to logits).");
                }
                grid[i][j] = v;
            }
        }
        return grid;
    }

    private double gridX(int i) {
        return xMin + i * (xMax - xMin) / (resolution - 1);   // x_i spans [xMin, xMax]
    }

    private double gridY(int j) {
        return yMin + j * (yMax - yMin) / (resolution - 1);
    }

    private double screenX(Layout box, double x) {
        return box.plotLeft + (x - xMin) / (xMax - xMin) * box.plotWidth;
    }

    private double screenY(Layout box, double y) {
        return box.bottom() - (y - yMin) / (yMax - yMin) * box.plotHeight;
    }

    /** Colours each plot pixel by the bilinearly interpolated probability at its centre. */
    private void drawMap(BufferedImage image, Layout box, double[][] grid) {
        int last = resolution - 1;
        int[] row = new int[box.plotWidth];
        for (int py = 0; py < box.plotHeight; py++) {
            double v = (box.plotHeight - py - 0.5) / box.plotHeight * last;   // grid coordinate of the pixel
            int j = Math.min((int) v, last - 1);
            double fy = v - j;
            for (int px = 0; px < box.plotWidth; px++) {
                double u = (px + 0.5) / box.plotWidth * last;
                int i = Math.min((int) u, last - 1);
                double fx = u - i;
                double p = (1 - fx) * (1 - fy) * grid[i][j] + fx * (1 - fy) * grid[i + 1][j]
                        + (1 - fx) * fy * grid[i][j + 1] + fx * fy * grid[i + 1][j + 1];
                row[px] = color(p).getRGB();
            }
            image.setRGB(box.plotLeft, box.plotTop + py, box.plotWidth, 1, row, 0, box.plotWidth);
        }
    }

    /** Traces p = 0.5 through the grid by marching squares, with linear interpolation on edges. */
    private void drawContour(Graphics2D g, Layout box, double[][] grid) {
        Shape oldClip = g.getClip();
        g.clipRect(box.plotLeft, box.plotTop, box.plotWidth, box.plotHeight);
        g.setColor(CONTOUR);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        double[] ex = new double[4];
        double[] ey = new double[4];
        boolean[] cut = new boolean[4];
        for (int i = 0; i < resolution - 1; i++) {
            for (int j = 0; j < resolution - 1; j++) {
                // corners: a = (i, j) bottom-left, b = (i+1, j), c = (i+1, j+1), d = (i, j+1)
                double a = grid[i][j] - 0.5;
                double b = grid[i + 1][j] - 0.5;
                double c = grid[i + 1][j + 1] - 0.5;
                double d = grid[i][j + 1] - 0.5;
                // edges in order: 0 bottom (a–b), 1 right (b–c), 2 top (d–c), 3 left (a–d)
                cut[0] = crossing(a, b, 0, gridX(i), gridX(i + 1), gridY(j), gridY(j), ex, ey);
                cut[1] = crossing(b, c, 1, gridX(i + 1), gridX(i + 1), gridY(j), gridY(j + 1), ex, ey);
                cut[2] = crossing(d, c, 2, gridX(i), gridX(i + 1), gridY(j + 1), gridY(j + 1), ex, ey);
                cut[3] = crossing(a, d, 3, gridX(i), gridX(i), gridY(j), gridY(j + 1), ex, ey);
                int cuts = (cut[0] ? 1 : 0) + (cut[1] ? 1 : 0) + (cut[2] ? 1 : 0) + (cut[3] ? 1 : 0);
                if (cuts == 2) {
                    int first = -1;
                    for (int e = 0; e < 4; e++) {
                        if (cut[e]) {
                            if (first < 0) {
                                first = e;
                            } else {
                                segment(path, box, ex[first], ey[first], ex[e], ey[e]);
                            }
                        }
                    }
                } else if (cuts == 4) {
                    // a saddle: the centre decides which corners are joined
                    double centre = (a + b + c + d) / 4;
                    if ((centre >= 0) == (a >= 0)) {         // a, centre, c joined: cut off b and d
                        segment(path, box, ex[0], ey[0], ex[1], ey[1]);
                        segment(path, box, ex[2], ey[2], ex[3], ey[3]);
                    } else {                                  // b, centre, d joined: cut off a and c
                        segment(path, box, ex[3], ey[3], ex[0], ey[0]);
                        segment(path, box, ex[1], ey[1], ex[2], ey[2]);
                    }
                }
            }
        }
        g.draw(path);
        g.setClip(oldClip);
    }

    /** Records where p − 0.5 changes sign between two corners, if it does. */
    private static boolean crossing(double v0, double v1, int edge, double x0, double x1, double y0, double y1,
            double[] ex, double[] ey) {
        if ((v0 >= 0) == (v1 >= 0)) {
            return false;
        }
        double t = v0 / (v0 - v1);                           // v0 + t·(v1 − v0) = 0
        ex[edge] = x0 + t * (x1 - x0);
        ey[edge] = y0 + t * (y1 - y0);
        return true;
    }

    private void segment(Path2D.Double path, Layout box, double x0, double y0, double x1, double y1) {
        path.moveTo(screenX(box, x0), screenY(box, y0));
        path.lineTo(screenX(box, x1), screenY(box, y1));
    }

    private void drawPoints(Graphics2D g, Layout box) {
        Shape oldClip = g.getClip();
        g.clipRect(box.plotLeft, box.plotTop, box.plotWidth, box.plotHeight);
        double radius = Math.max(3.0, Math.min(5.0, 600.0 / Math.sqrt(points.length + 1)));
        g.setStroke(new BasicStroke(1f));
        for (int k = 0; k < points.length; k++) {
            drawMarker(g, labels[k], screenX(box, points[k][0]), screenY(box, points[k][1]), radius);
        }
        g.setClip(oldClip);
    }

    /** Draws the marker of a class: a circle for 0, a diamond for 1, each with a white rim. */
    private static void drawMarker(Graphics2D g, int label, double cx, double cy, double radius) {
        Shape shape;
        if (label == 0) {
            shape = new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius);
        } else {
            double r = radius * 1.3;
            Path2D.Double diamond = new Path2D.Double();
            diamond.moveTo(cx, cy - r);
            diamond.lineTo(cx + r, cy);
            diamond.lineTo(cx, cy + r);
            diamond.lineTo(cx - r, cy);
            diamond.closePath();
            shape = diamond;
        }
        g.setColor(label == 0 ? CLASS_0 : CLASS_1);
        g.fill(shape);
        g.setColor(Color.WHITE);
        g.draw(shape);
    }

    private void drawAxes(Graphics2D g, Layout box) {
        g.setColor(TEXT);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(box.plotLeft, box.plotTop, box.plotWidth, box.plotHeight);
        Font tickFont = Charts.TICK_FONT;
        g.setFont(tickFont);
        FontMetrics fm = g.getFontMetrics();
        double[] xTicks = Charts.ticks(xMin, xMax, Math.max(3, box.plotWidth / 80));
        for (double t : xTicks) {
            int sx = (int) Math.round(screenX(box, t));
            g.drawLine(sx, box.bottom(), sx, box.bottom() + 5);
            String label = Charts.format(t, xTicks);
            g.drawString(label, sx - fm.stringWidth(label) / 2, box.bottom() + 7 + fm.getAscent());
        }
        double[] yTicks = Charts.ticks(yMin, yMax, Math.max(3, box.plotHeight / 70));
        int widest = 0;
        for (double t : yTicks) {
            int sy = (int) Math.round(screenY(box, t));
            g.drawLine(box.plotLeft - 5, sy, box.plotLeft, sy);
            String label = Charts.format(t, yTicks);
            widest = Math.max(widest, fm.stringWidth(label));
            g.drawString(label, box.plotLeft - 8 - fm.stringWidth(label), sy + fm.getAscent() / 2 - 1);
        }
        g.setFont(Charts.AXIS_TITLE_FONT);
        FontMetrics titleMetrics = g.getFontMetrics();
        g.drawString(xAxisTitle, box.plotLeft + (box.plotWidth - titleMetrics.stringWidth(xAxisTitle)) / 2,
                box.bottom() + 12 + fm.getHeight() + titleMetrics.getAscent());
        Charts.drawVertical(g, yAxisTitle, box.plotLeft - 14 - widest - titleMetrics.getDescent(),
                box.plotTop + box.plotHeight / 2.0);
    }

    private void drawColorBar(Graphics2D g, Layout box) {
        for (int py = 0; py < box.plotHeight; py++) {
            double p = (box.plotHeight - py - 0.5) / box.plotHeight;   // 1 at the top, 0 at the bottom
            g.setColor(color(p));
            g.fillRect(box.barLeft, box.plotTop + py, box.barWidth, 1);
        }
        g.setColor(TEXT);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(box.barLeft, box.plotTop, box.barWidth, box.plotHeight);
        g.setFont(Charts.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k <= 4; k++) {
            double p = k / 4.0;
            int sy = (int) Math.round(box.bottom() - p * box.plotHeight);
            g.drawLine(box.barLeft + box.barWidth, sy, box.barLeft + box.barWidth + 4, sy);
            g.drawString(String.format(java.util.Locale.ROOT, "%.2f", p), box.barLeft + box.barWidth + 7,
                    sy + fm.getAscent() / 2 - 1);
        }
        int middle = box.plotTop + box.plotHeight / 2;
        g.setColor(CONTOUR);
        g.setStroke(new BasicStroke(2.2f));
        g.drawLine(box.barLeft, middle, box.barLeft + box.barWidth, middle);
        g.setColor(TEXT);
        g.setFont(Charts.LEGEND_FONT);
        String label = "P(class 1)";
        int labelWidth = g.getFontMetrics().stringWidth(label);
        int x = Math.min(box.barLeft + box.barWidth / 2 - labelWidth / 2, width - labelWidth - 6);
        g.drawString(label, x, box.plotTop - 8);
    }

    private void drawLegend(Graphics2D g, Layout box) {
        g.setFont(Charts.LEGEND_FONT);
        FontMetrics fm = g.getFontMetrics();
        String[] names = {"class 0", "class 1", "p = 0.5"};
        int symbol = 22;
        int gap = 26;
        int total = 0;
        for (String name : names) {
            total += symbol + fm.stringWidth(name);
        }
        total += gap * (names.length - 1);
        int x = box.plotLeft + (box.plotWidth - total) / 2;
        int baseline = height - 14;
        int cy = baseline - fm.getAscent() / 2 + 1;
        for (int k = 0; k < names.length; k++) {
            if (k < 2) {
                g.setStroke(new BasicStroke(1f));
                drawMarker(g, k, x + 8, cy, 5);
            } else {
                g.setColor(CONTOUR);
                g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x, cy, x + 16, cy));
            }
            g.setColor(TEXT);
            g.drawString(names[k], x + symbol, baseline);
            x += symbol + fm.stringWidth(names[k]) + gap;
        }
    }

    private void drawTitle(Graphics2D g, Layout box) {
        g.setColor(TEXT);
        g.setFont(Charts.TITLE_FONT);
        FontMetrics fm = g.getFontMetrics();
        int x = Math.max(6, box.plotLeft + (box.plotWidth - fm.stringWidth(title)) / 2);
        g.drawString(title, x, 30);
    }

    private void fitRangeToPoints() {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        double padX = x1 > x0 ? 0.1 * (x1 - x0) : 1;         // 10% padding, or ±1 around one column
        double padY = y1 > y0 ? 0.1 * (y1 - y0) : 1;
        xMin = x0 - padX;
        xMax = x1 + padX;
        yMin = y0 - padY;
        yMax = y1 + padY;
    }

    private DecisionBoundary copy() {
        DecisionBoundary d = new DecisionBoundary();
        d.points = points;                                   // never modified, so shared
        d.labels = labels;
        d.predict = predict;
        d.title = title;
        d.xAxisTitle = xAxisTitle;
        d.yAxisTitle = yAxisTitle;
        d.xMin = xMin;
        d.xMax = xMax;
        d.yMin = yMin;
        d.yMax = yMax;
        d.resolution = resolution;
        d.width = width;
        d.height = height;
        return d;
    }

    private static double[][] checkPoints(double[][] points) {
        Objects.requireNonNull(points, "points");
        if (points.length == 0) {
            throw new IllegalArgumentException("points has no rows; pass at least one row.");
        }
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            double[] row = Objects.requireNonNull(points[i], "points[" + i + "]");
            if (row.length != 2) {
                throw new IllegalArgumentException("points has " + row.length + " columns but a decision-boundary"
                        + " picture needs 2 (x₁, x₂) in every row (row " + i + "); pass two-feature points.");
            }
            if (!Double.isFinite(row[0]) || !Double.isFinite(row[1])) {
                throw new IllegalArgumentException("points[" + i + "] is " + java.util.Arrays.toString(row)
                        + "; every value must be finite.");
            }
            copy[i] = row.clone();
        }
        return copy;
    }

    private static int[] checkLabels(int[] labels, int n) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length != n) {
            throw new IllegalArgumentException("points has " + n + " rows but labels has " + labels.length
                    + "; pass one label per point.");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] is " + labels[i]
                        + " but a binary classifier's labels are 0 or 1.");
            }
        }
        return labels;
    }

    private static void checkRange(double min, double max, String axis) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("The " + axis + " range must be finite with min < max, but was ["
                    + min + ", " + max + "]; try with" + axis.toUpperCase(java.util.Locale.ROOT)
                    + "Range(-1.5, 1.5).");
        }
    }
}
