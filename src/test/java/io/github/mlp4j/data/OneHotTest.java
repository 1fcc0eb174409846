package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OneHotTest {

    @Test
    void encodesAndDecodes() {
        double[][] rows = OneHot.encode(new int[] {2, 0, 1}, 3);
        assertThat(rows).isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}});
        assertThat(OneHot.decode(rows)).containsExactly(2, 0, 1);
    }

    @Test
    void decodesProbabilitiesByArgmaxWithTiesToTheLowestIndex() {
        assertThat(OneHot.decode(new double[][] {{0.2, 0.5, 0.3}, {0.4, 0.4, 0.2}, {-3, -1, -2}}))
                .containsExactly(1, 0, 1);
    }

    @Test
    void rejectsLabelsOutOfRange() {
        assertThatThrownBy(() -> OneHot.encode(new int[] {0, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels[1] is 3 but there are 3 classes; labels must lie in 0..2");
        assertThatThrownBy(() -> OneHot.encode(new int[] {-1}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels[0] is -1");
        assertThatThrownBy(() -> OneHot.encode(new int[] {0}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes must be at least 1");
        assertThatThrownBy(() -> OneHot.argmax(new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row is empty");
    }
}
