package io.github.mlp4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.internal.Rng;
import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void aSmallCaseByHand() {
        // positives 0.35, 0.8; negatives 0.1, 0.4
        // pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4 = 3 of 4 → 0.75
        assertThat(RocAuc.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8})).isEqualTo(0.75);
    }

    @Test
    void tiesCountOneHalf() {
        // positives 0.35, 0.8, 0.4; negatives 0.1, 0.4
        // 0.35: 1 + 0 ; 0.8: 1 + 1 ; 0.4: 1 + ½ (tie with 0.4) → 4.5 of 6 = 0.75
        assertThat(RocAuc.of(new int[] {0, 0, 1, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8, 0.4}))
                .isEqualTo(0.75);
        // every score tied: each of the 2·3 pairs counts ½ → 0.5
        assertThat(RocAuc.of(new int[] {1, 0, 1, 0, 0}, new double[] {0.5, 0.5, 0.5, 0.5, 0.5}))
                .isEqualTo(0.5);
        // positives 1, 2, 2; negatives 2, 2, 0: 1 → 1 (beats 0); each 2 → 1 + ½ + ½ = 2 → 5 of 9
        assertThat(RocAuc.of(new int[] {1, 1, 1, 0, 0, 0}, new double[] {1, 2, 2, 2, 2, 0}))
                .isCloseTo(5.0 / 9, within(1e-15));
    }

    @Test
    void perfectAndReversedRankings() {
        assertThat(RocAuc.of(new int[] {0, 0, 1, 1}, new double[] {-3, -1, 2, 7})).isEqualTo(1.0);
        assertThat(RocAuc.of(new int[] {1, 1, 0, 0}, new double[] {-3, -1, 2, 7})).isEqualTo(0.0);
    }

    @Test
    void matchesCountingEveryPairOnRandomScoresWithManyTies() {
        Rng rng = new Rng(2024);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + (int) (rng.nextDouble() * 60);
            double[] scores = new double[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = Math.floor(rng.nextDouble() * 5) / 4;      // 5 distinct values: many ties
                labels[i] = rng.nextDouble() < 0.4 ? 1 : 0;
            }
            labels[0] = 0;
            labels[1] = 1;
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[i] == 1 && labels[j] == 0) {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(RocAuc.of(labels, scores)).as("trial %d", trial).isCloseTo(wins / pairs, within(1e-15));
        }
    }

    @Test
    void dependsOnlyOnTheOrderOfTheScores() {
        double[] probabilities = {0.2, 0.9, 0.6, 0.6, 0.1};
        double[] logits = new double[probabilities.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.log(probabilities[i] / (1 - probabilities[i]));
        }
        int[] labels = {0, 1, 0, 1, 1};
        assertThat(RocAuc.of(labels, logits)).isEqualTo(RocAuc.of(labels, probabilities));
        assertThat(probabilities).containsExactly(0.2, 0.9, 0.6, 0.6, 0.1);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> RocAuc.of(new int[] {1, 1}, new double[] {0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels hold only class 1 (2 samples)")
                .hasMessageContaining("at least one sample of each class");
        assertThatThrownBy(() -> RocAuc.of(new int[] {0, 0}, new double[] {0.1, 0.2}))
                .hasMessageContaining("only class 0");
        assertThatThrownBy(() -> RocAuc.of(new int[] {0, 2}, new double[] {0.1, 0.2}))
                .hasMessageContaining("labels[1] is 2; binary labels must be 0 (negative) or 1 (positive)");
        assertThatThrownBy(() -> RocAuc.of(new int[] {0, 1}, new double[] {0.1, 0.2, 0.3}))
                .hasMessageContaining("scores has 3 values but labels has 2");
        assertThatThrownBy(() -> RocAuc.of(new int[] {0, 1}, new double[] {0.1, Double.NaN}))
                .hasMessageContaining("scores[1] is NaN");
        assertThatThrownBy(() -> RocAuc.of(new int[0], new double[0]))
                .hasMessageContaining("scores is empty");
    }
}
