package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tests the in-memory source returned by {@link BatchSource#of(Dataset)}. */
class BatchSourceTest {

    private static Dataset numbered(int n) {
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            x[i][1] = -i;
            y[i][0] = i % 2;
        }
        return Dataset.of(x, y);
    }

    @Test
    void aPassVisitsRowsInTheSeededShuffleOrderInBatches() throws IOException {
        try (BatchSource source = BatchSource.of(numbered(10))) {
            assertThat(source.inputSize()).isEqualTo(2);
            assertThat(source.outputSize()).isEqualTo(1);
            double[][] x = new double[3][2];
            double[][] y = new double[3][1];
            int[] expected = Split.shuffledIndices(10, 77);
            source.reset(77);
            int seen = 0;
            int[] sizes = new int[5];
            for (int b = 0; b < 5; b++) {
                int k = source.next(x, y);
                sizes[b] = k;
                for (int r = 0; r < k; r++, seen++) {
                    assertThat(x[r][0]).isEqualTo(expected[seen]);
                    assertThat(x[r][1]).isEqualTo(-expected[seen]);
                    assertThat(y[r][0]).isEqualTo(expected[seen] % 2);
                }
            }
            assertThat(sizes).containsExactly(3, 3, 3, 1, 0);   // 10 rows in batches of 3
            source.reset(77);                                   // a second pass with the same seed repeats
            source.next(x, y);
            assertThat(x[0][0]).isEqualTo(expected[0]);
        }
    }

    @Test
    void enforcesTheLifeCycleAndBatchShapes() throws IOException {
        BatchSource source = BatchSource.of(numbered(4));
        double[][] x = new double[2][2];
        double[][] y = new double[2][1];
        assertThatThrownBy(() -> source.next(x, y))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call reset(seed) to start a pass");
        source.reset(1);
        assertThatThrownBy(() -> source.next(x, new double[1][1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y has 1 rows but x has 2");
        assertThatThrownBy(() -> source.next(new double[2][3], y))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Row 0 of x has 3 values but the source gives 2");
        source.close();
        assertThatThrownBy(() -> source.reset(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
