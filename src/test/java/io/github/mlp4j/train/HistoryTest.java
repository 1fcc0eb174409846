package io.github.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.train.EarlyStopping.Monitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final History HISTORY = new History(List.of(
            new History.Epoch(1, 0.5, 0.625, 0.75, 0.01, 1.5),
            new History.Epoch(2, 0.25, Double.NaN, Double.NaN, 0.005, 3.0)),
            History.StopReason.COMPLETED, "ran all 2 epochs.", 0);

    @Test
    void csvHoldsEveryValueAndLeavesUnmeasuredCellsEmpty(@TempDir Path dir) throws Exception {
        String expected = "epoch,training_cost,validation_cost,validation_accuracy,learning_rate,seconds\n"
                + "1,0.5,0.625,0.75,0.01,1.5\n"
                + "2,0.25,,,0.005,3.0\n";
        assertThat(HISTORY.toCsv()).isEqualTo(expected);
        Path file = dir.resolve("history.csv");
        HISTORY.writeCsv(file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void accessors() {
        assertThat(HISTORY.size()).isEqualTo(2);
        assertThat(HISTORY.last().trainingCost()).isEqualTo(0.25);
        assertThat(HISTORY.epochs().get(0).value(Monitor.VALIDATION_ACCURACY)).isEqualTo(0.75);
        assertThatThrownBy(() -> new History(List.of(), History.StopReason.COMPLETED, "", 0).last())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no epoch ran");
    }

    @Test
    void consoleLineShowsCostMetricsAndTimeLeftOnlyOnceItMeansSomething() {
        // Epochs 1 and 2: too early for an estimate.
        assertThat(ConsoleListener.line(HISTORY.epochs().get(0), 10, 1.5)).isEqualTo(
                "epoch  1/10  cost 0.50000  val_cost 0.62500  val_acc 0.7500  lr 0.0100  1.5s");
        assertThat(ConsoleListener.line(HISTORY.epochs().get(1), 10, 1.5)).isEqualTo(
                "epoch  2/10  cost 0.25000  lr 0.00500  3.0s");
        // Epoch 3 at 4.0 s: 2.5 s for the 2 epochs after the first, 7 left: 7 · 1.25 = 8.75 s.
        History.Epoch third = new History.Epoch(3, 0.2, Double.NaN, Double.NaN, 0.005, 4.0);
        assertThat(ConsoleListener.line(third, 10, 1.5)).isEqualTo(
                "epoch  3/10  cost 0.20000  lr 0.00500  4.0s  left ~8.8s");
        // A fast run: the first epoch pays for the JIT's warm-up (0.2 s), the next 9 take 0.02 s.
        // Dividing 0.22 s by 10 epochs would promise ~6.4 s for the 290 left; nothing is shown.
        History.Epoch fast = new History.Epoch(10, 0.1, Double.NaN, Double.NaN, 0.01, 0.22);
        assertThat(ConsoleListener.line(fast, 300, 0.2)).isEqualTo(
                "epoch  10/300  cost 0.10000  lr 0.0100  0.2s");
        // The last epoch has nothing left.
        History.Epoch lastOne = new History.Epoch(10, 0.1, Double.NaN, Double.NaN, 0.01, 30.0);
        assertThat(ConsoleListener.line(lastOne, 10, 1.5)).doesNotContain("left");
        assertThat(ConsoleListener.duration(754.2)).isEqualTo("12m34s");
        assertThat(ConsoleListener.duration(42.4)).isEqualTo("42s");
        assertThat(ConsoleListener.duration(7300)).isEqualTo("2h01m");
    }

    @Test
    void earlyStoppingRuleComparesInTheDirectionItsMonitorImproves() {
        EarlyStopping min = EarlyStopping.of(Monitor.VALIDATION_COST, 3).withMinDelta(0.1);
        assertThat(min.improves(5.0, Double.NaN)).isTrue();
        assertThat(min.improves(0.85, 1.0)).isTrue();                    // 0.85 < 1.0 − 0.1
        assertThat(min.improves(0.95, 1.0)).isFalse();
        EarlyStopping max = EarlyStopping.of(Monitor.VALIDATION_ACCURACY, 3);
        assertThat(max.improves(0.91, 0.9)).isTrue();
        assertThat(max.improves(0.9, 0.9)).isFalse();
        assertThat(max.restoreBestWeights()).isTrue();
    }

    @Test
    void settingsAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> EarlyStopping.of(Monitor.TRAINING_COST, 0))
                .hasMessageContaining("patience must be at least 1 epoch, but was 0");
        assertThatThrownBy(() -> EarlyStopping.of(Monitor.TRAINING_COST, 2).withMinDelta(-1))
                .hasMessageContaining("minDelta must be finite and at least 0, but was -1.0");
        assertThatThrownBy(() -> TrainingConfig.builder().epochs(0).build())
                .hasMessage("epochs must be at least 1, but was 0; try 100.");
        assertThatThrownBy(() -> TrainingConfig.builder().batchSize(-2).build())
                .hasMessage("batchSize must be at least 1, but was -2; try 32.");
        assertThatThrownBy(() -> TrainingConfig.builder().validationFraction(1.0).build())
                .hasMessageContaining("validationFraction must be in [0, 1), but was 1.0");
        assertThatThrownBy(() -> TrainingConfig.builder().weightDecay(Double.NaN).build())
                .hasMessageContaining("weightDecay must be finite and at least 0, but was NaN");
        assertThatThrownBy(() -> TrainingConfig.builder().maxGradientNorm(0).build())
                .hasMessageContaining("maxGradientNorm must be positive, but was 0.0");
        assertThatThrownBy(() -> TrainingConfig.builder().targetCost(-1).build())
                .hasMessageContaining("targetCost must be finite and at least 0, but was -1.0");
        assertThatThrownBy(() -> TrainingConfig.builder().learningRate(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        TrainingConfig config = TrainingConfig.builder().epochs(7).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.earlyStopping()).isEmpty();
    }
}
