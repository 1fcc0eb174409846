package io.github.mlp4j.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostChartTest {
    @TempDir
    Path dir;

    private static double[] decaying(int epochs, double floor) {
        double[] cost = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            cost[i] = 0.7 * Math.exp(-i / 20.0) + floor;
        }
        return cost;
    }

    @Test
    void writesAPngWithBothCurves() throws IOException {
        Path file = dir.resolve("sub/cost.png");
        CostChart.of(decaying(100, 0.02)).withValidation(decaying(100, 0.08)).withTitle("Two circles")
                .writePng(file);
        BufferedImage image = Pictures.readPng(file, 640, 480);
        assertThat(Pictures.distinctColors(image)).isGreaterThanOrEqualTo(10);
        // the training line is blue, the validation line vermillion; each is many pixels long
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[0])).isGreaterThan(300);
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[1])).isGreaterThan(300);
    }

    @Test
    void drawsNoValidationCurveWhenNoneIsGiven() {
        BufferedImage image = CostChart.of(decaying(50, 0.02)).withValidation(null).withSize(400, 300).render();
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[0])).isGreaterThan(200);
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[1])).isZero();
    }

    @Test
    void drawsALogarithmicCostAxisAndOneEpoch() {
        BufferedImage log = CostChart.of(decaying(200, 0.001)).withLogScale(true).render();
        assertThat(Pictures.distinctColors(log)).isGreaterThanOrEqualTo(10);
        BufferedImage single = CostChart.of(new double[] {0.5}).render();
        assertThat(Pictures.count(single, Charts.SERIES_COLORS[0])).isGreaterThan(10);   // one marker
    }

    @Test
    void rejectsCostsItCannotDraw() {
        assertThatThrownBy(() -> CostChart.of(new double[] {0.5, 0.4, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainingCost[2] (epoch 3) is NaN")
                .hasMessageContaining("lower the learning rate");
        assertThatThrownBy(() -> CostChart.of(new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainingCost is empty");
        CostChart zero = CostChart.of(new double[] {0.5, 0.0}).withLogScale(true);
        assertThatThrownBy(zero::render)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainingCost[1] (epoch 2) is 0.0")
                .hasMessageContaining("withLogScale(false)");
        assertThatThrownBy(() -> CostChart.of(new double[] {1}).withSize(50, 480))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 50×480");
    }

    @Test
    void copiesTheArraysItIsGiven() {
        double[] cost = decaying(40, 0.02);
        CostChart chart = CostChart.of(cost);
        BufferedImage before = chart.render();
        cost[10] = Double.NaN;                              // changing the caller's array afterwards
        BufferedImage after = chart.render();
        assertThat(Pictures.count(after, Charts.SERIES_COLORS[0]))
                .isEqualTo(Pictures.count(before, Charts.SERIES_COLORS[0]));
    }

    @Test
    void namesTheCurvesInTheLegendAsAsked() {
        CostChart chart = CostChart.of(decaying(60, 0.02)).withValidation(decaying(60, 0.05));
        BufferedImage standard = chart.render();
        BufferedImage renamed = chart.withLegend("training", "held-out test").render();
        int differing = 0;
        for (int y = 0; y < standard.getHeight(); y++) {
            for (int x = 0; x < standard.getWidth(); x++) {
                differing += standard.getRGB(x, y) == renamed.getRGB(x, y) ? 0 : 1;
            }
        }
        assertThat(differing).as("pixels changed by the longer legend entry").isGreaterThan(50);
        assertThat(Pictures.count(renamed, Charts.SERIES_COLORS[1])).isGreaterThan(300);   // the curve is still drawn
        assertThatThrownBy(() -> chart.withLegend("cost", "cost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two different, non-blank names")
                .hasMessageContaining("\"cost\" and \"cost\"");
    }
}
