package io.github.mlp4j.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionBoundaryTest {
    /** Two points in the top corners, out of the way of the pixels the tests read. */
    private static final double[][] POINTS = {{-1.9, 0.9}, {1.9, 0.9}};
    private static final int[] LABELS = {0, 1};

    /** p = σ(10·x₁): about 0 on the left half of the plane, about 1 on the right, 0.5 at x₁ = 0. */
    private static final Function<double[][], double[]> STEP = grid -> {
        double[] p = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            p[i] = 1 / (1 + Math.exp(-10 * grid[i][0]));
        }
        return p;
    };

    @TempDir
    Path dir;

    private static DecisionBoundary picture() {
        return DecisionBoundary.of(POINTS, LABELS, STEP).withXRange(-2, 2).withYRange(-1, 1)
                .withTitle("epoch 250 — cost 0.031");
    }

    private static boolean near(Color expected, int rgb, int tolerance) {
        Color c = new Color(rgb);
        return Math.abs(c.getRed() - expected.getRed()) <= tolerance
                && Math.abs(c.getGreen() - expected.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - expected.getBlue()) <= tolerance;
    }

    @Test
    void writesAPngWhoseMapFollowsTheProbability() throws IOException {
        Path file = dir.resolve("boundary.png");
        picture().writePng(file);
        BufferedImage image = Pictures.readPng(file, 640, 560);
        assertThat(Pictures.distinctColors(image)).isGreaterThanOrEqualTo(10);
        // The plot spans the middle of the image; at mid-height, a quarter of the way across it
        // x₁ ≈ −1 (p = σ(−10) ≈ 4.5e-5), three quarters across x₁ ≈ +1 (p ≈ 1).
        int y = findPlotMiddleRow(image);
        int left = image.getWidth() / 2 - 120;
        int right = image.getWidth() / 2 + 60;
        int low = image.getRGB(left, y);
        int high = image.getRGB(right, y);
        assertThat(low).isNotEqualTo(high);
        assertThat(near(DecisionBoundary.color(0), low, 6)).as("blue where p ≈ 0").isTrue();
        assertThat(near(DecisionBoundary.color(1), high, 6)).as("red where p ≈ 1").isTrue();
        assertThat(new Color(low).getBlue()).isGreaterThan(new Color(low).getRed() + 80);
        assertThat(new Color(high).getRed()).isGreaterThan(new Color(high).getBlue() + 80);
    }

    /** Returns a row through the plot: the row where the colour bar's middle (p = 0.5) line is. */
    private static int findPlotMiddleRow(BufferedImage image) {
        return 52 + (560 - 52 - 100) / 2 + 20;              // plot top + half its height, a little below
    }

    @Test
    void drawsTheHalfContourAsADarkLine() {
        BufferedImage image = picture().render();
        int y = findPlotMiddleRow(image);
        // p = 0.5 at x₁ = 0, the middle of the plot's width; look for a dark pixel near it
        int plotLeft = 78;
        int plotWidth = 640 - 78 - 110;
        int centre = plotLeft + plotWidth / 2;
        boolean dark = false;
        for (int x = centre - 3; x <= centre + 3; x++) {
            Color c = new Color(image.getRGB(x, y));
            dark |= c.getRed() < 90 && c.getGreen() < 90 && c.getBlue() < 90;
        }
        assertThat(dark).as("contour pixel near x = " + centre).isTrue();
    }

    @Test
    void predictsTheWholeGridInOneBatch() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger rows = new AtomicInteger();
        DecisionBoundary.of(POINTS, LABELS, grid -> {
            calls.incrementAndGet();
            rows.set(grid.length);
            return STEP.apply(grid);
        }).withResolution(40).render();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(rows.get()).isEqualTo(40 * 40);
    }

    @Test
    void acceptsAPointwiseFunctionAndTargetsAsAColumn() {
        double[][] targets = {{0.0}, {1.0}};
        BufferedImage a = DecisionBoundary.ofPointwise(POINTS, LABELS, (x1, x2) -> 1 / (1 + Math.exp(-10 * x1)))
                .withXRange(-2, 2).withYRange(-1, 1).withResolution(50).render();
        BufferedImage b = DecisionBoundary.of(POINTS, targets, STEP)
                .withXRange(-2, 2).withYRange(-1, 1).withResolution(50).render();
        assertThat(a.getRGB(200, 250)).isEqualTo(b.getRGB(200, 250));
        Function<double[][], double[]> column = DecisionBoundary.firstColumn(x -> new double[][] {{0.25}, {0.75}});
        assertThat(column.apply(new double[2][2])).containsExactly(0.25, 0.75);
    }

    @Test
    void colourScaleRunsFromBlueThroughWhiteToRed() {
        Color zero = DecisionBoundary.color(0);
        Color half = DecisionBoundary.color(0.5);
        Color one = DecisionBoundary.color(1);
        assertThat(zero.getBlue()).isGreaterThan(zero.getRed() + 100);
        assertThat(one.getRed()).isGreaterThan(one.getBlue() + 100);
        assertThat(Math.min(half.getRed(), Math.min(half.getGreen(), half.getBlue()))).isGreaterThan(240);
    }

    @Test
    void rejectsBadArgumentsAndBadPredictions() {
        assertThatThrownBy(() -> DecisionBoundary.of(new double[][] {{1, 2, 3}}, new int[] {0}, STEP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points has 3 columns but a decision-boundary picture needs 2");
        assertThatThrownBy(() -> DecisionBoundary.of(POINTS, new int[] {0, 2}, STEP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels[1] is 2");
        assertThatThrownBy(() -> DecisionBoundary.of(POINTS, new int[] {0}, STEP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points has 2 rows but labels has 1");
        assertThatThrownBy(() -> DecisionBoundary.of(POINTS, new double[][] {{0.0}, {0.5}}, STEP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targets[1] must be {0.0} or {1.0}");
        DecisionBoundary logits = DecisionBoundary.of(POINTS, LABELS, grid -> new double[grid.length])
                .withResolution(3);
        assertThat(logits.render().getWidth()).isEqualTo(640);   // all zeros is a valid probability
        DecisionBoundary wrongLength = DecisionBoundary.of(POINTS, LABELS, grid -> new double[5]).withResolution(3);
        assertThatThrownBy(wrongLength::render)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returned 5 values for 9 grid points");
        DecisionBoundary notProbability = DecisionBoundary.ofPointwise(POINTS, LABELS, (x1, x2) -> 3.0);
        assertThatThrownBy(notProbability::render)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returned 3.0 at (")
                .hasMessageContaining("apply the sigmoid");
        assertThatThrownBy(() -> picture().withResolution(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 1; try 150");
        assertThatThrownBy(() -> picture().withXRange(2, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x range must be finite with min < max, but was [2.0, -2.0]");
    }
}
