package io.github.mlp4j.examples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionChartTest {
    @TempDir
    Path dir;

    private static FunctionChart sigmoid() {
        return FunctionChart.on(-6, 6).withTitle("Sigmoid").withAxisTitles("z", "")
                .withFunction("σ(z)", z -> 1 / (1 + Math.exp(-z)))
                .withFunction("σ′(z)", z -> {
                    double s = 1 / (1 + Math.exp(-z));
                    return s * (1 - s);
                });
    }

    @Test
    void writesAPngWithEveryFunction() throws IOException {
        Path file = dir.resolve("sigmoid.png");
        sigmoid().writePng(file);
        BufferedImage image = Pictures.readPng(file, 640, 480);
        assertThat(Pictures.distinctColors(image)).isGreaterThanOrEqualTo(10);
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[0])).isGreaterThan(300);
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[1])).isGreaterThan(300);
    }

    @Test
    void leavesGapsAtNonFiniteValuesAndCutsAtTheYRange() {
        // −log ŷ is +∞ at ŷ = 0 and the derivative −1/ŷ is −∞ there: both must still draw
        BufferedImage image = FunctionChart.on(0, 1).withYRange(-10, 6)
                .withFunction("C, y = 1", p -> -Math.log(p))
                .withFunction("∂C/∂ŷ, y = 1", p -> -1 / p)
                .render();
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[0])).isGreaterThan(200);
        assertThat(Pictures.count(image, Charts.SERIES_COLORS[1])).isGreaterThan(200);
    }

    @Test
    void drawsAGridOfCharts() throws IOException {
        FunctionChart small = sigmoid().withSize(300, 200);
        Path file = dir.resolve("grid.png");
        FunctionChart.writeGridPng(file, 2, List.of(small, small, sigmoid().withSize(320, 240)));
        // cells are 320×240 (the largest chart); 3 charts in 2 columns make 2 rows
        BufferedImage image = Pictures.readPng(file, 640, 480);
        assertThat(Pictures.distinctColors(image)).isGreaterThanOrEqualTo(10);
    }

    @Test
    void rejectsWhatItCannotDraw() {
        assertThatThrownBy(() -> FunctionChart.on(1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from < to, but was [1.0, 1.0]");
        FunctionChart empty = FunctionChart.on(0, 1).withTitle("Empty");
        assertThatThrownBy(empty::render)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"Empty\" has no function to draw");
        FunctionChart nowhere = FunctionChart.on(-2, -1).withFunction("log", Math::log);
        assertThatThrownBy(nowhere::render)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"log\" has no finite value on [-2.0, -1.0]");
        assertThatThrownBy(() -> sigmoid().withFunction("σ(z)", z -> z))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a function named \"σ(z)\"");
        assertThatThrownBy(() -> sigmoid().withYRange(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min < max, but was [1.0, 0.0]");
        assertThatThrownBy(() -> sigmoid().withSamples(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples must be at least 2, but was 1");
        assertThatThrownBy(() -> FunctionChart.renderGrid(0, List.of(sigmoid())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns must be at least 1, but was 0");
    }
}
