package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantRate() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);
        assertThat(schedule.rate(1)).isEqualTo(0.01);
        assertThat(schedule.rate(1000)).isEqualTo(0.01);
        assertThat(schedule).isEqualTo(new ConstantRate(0.01));
    }

    @Test
    void stepDecayHalvesEveryThreeEpochs() {
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.1, 3, 0.5);
        // ⌊(e − 1)/3⌋ = 0 for e = 1..3, 1 for e = 4..6, 2 for e = 7..9
        // (scaling by a power of two is exact, so 0.1·0.5 == 0.05 and 0.1·0.25 == 0.025)
        assertThat(schedule.rate(1)).isEqualTo(0.1);
        assertThat(schedule.rate(3)).isEqualTo(0.1);
        assertThat(schedule.rate(4)).isEqualTo(0.05);
        assertThat(schedule.rate(6)).isEqualTo(0.05);
        assertThat(schedule.rate(7)).isEqualTo(0.025);
        assertThat(schedule.rate(10)).isEqualTo(0.0125);
    }

    @Test
    void stepDecayWithANonBinaryFactor() {
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(1.0, 2, 0.1);
        // e = 1,2 → 1; e = 3,4 → 0.1; e = 5 → 0.01
        assertThat(schedule.rate(2)).isEqualTo(1.0);
        assertThat(schedule.rate(3)).isCloseTo(0.1, within(1e-17));
        assertThat(schedule.rate(5)).isCloseTo(0.01, within(1e-17));
    }

    @Test
    void exponentialDecayStartsAtTheInitialRate() {
        LearningRateSchedule schedule = LearningRateSchedule.exponentialDecay(0.2, 0.5);
        // ε₀·γ^(e − 1): 0.2, 0.1, 0.05, 0.025
        assertThat(schedule.rate(1)).isEqualTo(0.2);
        assertThat(schedule.rate(2)).isEqualTo(0.1);
        assertThat(schedule.rate(3)).isEqualTo(0.05);
        assertThat(schedule.rate(4)).isEqualTo(0.025);
        LearningRateSchedule slow = LearningRateSchedule.exponentialDecay(1.0, 0.9);
        // 0.9³ = 0.729
        assertThat(slow.rate(4)).isCloseTo(0.729, within(1e-15));
    }

    @Test
    void cosineGoesFromTheInitialRateToTheFloorThenStays() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.1, 0.01, 4);
        // ε_min + (ε₀ − ε_min)·(1 + cos(π(e − 1)/4))/2 with ε₀ − ε_min = 0.09:
        // e = 1: cos 0 = 1           → 0.1
        // e = 2: cos π/4 = 0.7071068 → 0.01 + 0.09·0.8535534 = 0.0868198052
        // e = 3: cos π/2 = 0         → 0.01 + 0.045          = 0.055
        // e = 4: cos 3π/4 = −0.70711 → 0.01 + 0.09·0.1464466 = 0.0231801948
        // e ≥ 5: the floor           → 0.01
        assertThat(schedule.rate(1)).isEqualTo(0.1);
        assertThat(schedule.rate(2)).isCloseTo(0.0868198052, within(1e-10));
        assertThat(schedule.rate(3)).isCloseTo(0.055, within(1e-15));
        assertThat(schedule.rate(4)).isCloseTo(0.0231801948, within(1e-10));
        assertThat(schedule.rate(5)).isEqualTo(0.01);
        assertThat(schedule.rate(1000)).isEqualTo(0.01);
    }

    @Test
    void cosineDecreasesMonotonically() {
        LearningRateSchedule schedule = LearningRateSchedule.cosine(0.5, 0.0, 37);
        for (int e = 1; e <= 40; e++) {
            assertThat(schedule.rate(e + 1)).as("epoch %d", e).isLessThanOrEqualTo(schedule.rate(e));
        }
        assertThat(schedule.rate(38)).isZero();
    }

    @Test
    void lambdasAreSchedulesToo() {
        LearningRateSchedule warmUp = epoch -> Math.min(1.0, epoch / 5.0) * 0.1;
        assertThat(warmUp.rate(1)).isCloseTo(0.02, within(1e-17));
        assertThat(warmUp.rate(9)).isEqualTo(0.1);
    }

    @Test
    void rejectsEpochsBelowOne() {
        for (LearningRateSchedule schedule : new LearningRateSchedule[] {
                LearningRateSchedule.constant(0.1),
                LearningRateSchedule.stepDecay(0.1, 2, 0.5),
                LearningRateSchedule.exponentialDecay(0.1, 0.9),
                LearningRateSchedule.cosine(0.1, 0.0, 10)}) {
            assertThatThrownBy(() -> schedule.rate(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("epoch must be at least 1 (epochs are counted from 1), but was 0");
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> LearningRateSchedule.constant(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learningRate must be positive and finite, but was 0.0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0.1, 0, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochsPerStep must be at least 1, but was 0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0.1, 5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor must be in (0, 1], but was 1.5");
        assertThatThrownBy(() -> LearningRateSchedule.exponentialDecay(Double.NaN, 0.5))
                .hasMessageContaining("initialRate must be positive and finite, but was NaN");
        assertThatThrownBy(() -> LearningRateSchedule.exponentialDecay(0.1, 0))
                .hasMessageContaining("factor must be in (0, 1], but was 0.0");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(0.1, 0.2, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finalRate must be in [0, initialRate] = [0, 0.1], but was 0.2");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(0.1, -0.01, 10))
                .hasMessageContaining("but was -0.01");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(0.1, 0.0, 0))
                .hasMessageContaining("decayEpochs must be at least 1, but was 0");
    }
}
