package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    private static int[] counts(Dataset d) {
        int[] c = new int[d.outputSize() == 1 ? 2 : d.outputSize()];
        for (int label : d.labels()) {
            c[label]++;
        }
        return c;
    }

    @Test
    void circlesWithoutNoiseLieOnRadiusOneAndFactor() {
        Dataset d = Generators.circles(101, 0.0, 0.3, 1);
        assertThat(d.size()).isEqualTo(101);
        assertThat(d.inputSize()).isEqualTo(2);
        assertThat(d.outputSize()).isEqualTo(1);
        assertThat(d.classNames()).containsExactly("outer", "inner");
        assertThat(counts(d)).containsExactly(50, 51);           // nOuter = 101 / 2 = 50, nInner = 51
        int[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) {
            double[] p = d.x(i);
            double radius = Math.hypot(p[0], p[1]);
            assertThat(radius).isCloseTo(labels[i] == 0 ? 1.0 : 0.3, within(1e-12));
        }
    }

    @Test
    void circlesWithNoiseSpreadAroundTheRadii() {
        Dataset d = Generators.circles(2000, 0.1, 0.5, 3);
        int[] labels = d.labels();
        double[] sum = new double[2];
        for (int i = 0; i < d.size(); i++) {
            sum[labels[i]] += Math.hypot(d.x(i)[0], d.x(i)[1]);
        }
        // the mean radius stays near 1 and 0.5; off by about σ²/(2r) at most
        assertThat(sum[0] / 1000).isCloseTo(1.0, within(0.02));
        assertThat(sum[1] / 1000).isCloseTo(0.5, within(0.03));
    }

    @Test
    void sameSeedGivesIdenticalBitsAndOtherSeedOtherData() {
        assertThat(Generators.circles(200, 0.05, 0.5, 11).x()).isEqualTo(Generators.circles(200, 0.05, 0.5, 11).x());
        assertThat(Generators.circles(200, 0.05, 0.5, 11).x()).isNotEqualTo(Generators.circles(200, 0.05, 0.5, 12).x());
        assertThat(Generators.moons(200, 0.1, 11).x()).isEqualTo(Generators.moons(200, 0.1, 11).x());
        assertThat(Generators.moons(200, 0.1, 11).x()).isNotEqualTo(Generators.moons(200, 0.1, 12).x());
        assertThat(Generators.spirals(200, 0.02, 11).x()).isEqualTo(Generators.spirals(200, 0.02, 11).x());
        assertThat(Generators.spirals(200, 0.02, 11).x()).isNotEqualTo(Generators.spirals(200, 0.02, 12).x());
        assertThat(Generators.xor(200, 0.1, 11).x()).isEqualTo(Generators.xor(200, 0.1, 11).x());
        assertThat(Generators.xor(200, 0.1, 11).x()).isNotEqualTo(Generators.xor(200, 0.1, 12).x());
        assertThat(Generators.blobs(200, 3, 1.0, 11).x()).isEqualTo(Generators.blobs(200, 3, 1.0, 11).x());
        assertThat(Generators.blobs(200, 3, 1.0, 11).x()).isNotEqualTo(Generators.blobs(200, 3, 1.0, 12).x());
        assertThat(Generators.gaussianQuantiles(200, 2, 3, 11).x())
                .isEqualTo(Generators.gaussianQuantiles(200, 2, 3, 11).x());
        assertThat(Generators.gaussianQuantiles(200, 2, 3, 11).x())
                .isNotEqualTo(Generators.gaussianQuantiles(200, 2, 3, 12).x());
        assertThat(Generators.tutorialCircles(5).x()).isEqualTo(Generators.tutorialCircles(5).x());
    }

    @Test
    void rowsAreShuffled() {
        int[] labels = Generators.circles(100, 0.0, 0.5, 2).labels();
        // unshuffled, the first half would be all class 0
        assertThat(Arrays.stream(labels, 0, 50).sum()).isBetween(10, 40);
    }

    @Test
    void tutorialCirclesHas1600RowsScaledToExactlyMinusOneOne() {
        Dataset d = Generators.tutorialCircles(42);
        assertThat(d.size()).isEqualTo(1600);
        assertThat(counts(d)).containsExactly(800, 800);
        double[][] x = d.x();
        for (int j = 0; j < 2; j++) {
            final int col = j;
            double min = Arrays.stream(x).mapToDouble(r -> r[col]).min().orElseThrow();
            double max = Arrays.stream(x).mapToDouble(r -> r[col]).max().orElseThrow();
            assertThat(min).isEqualTo(-1.0);
            assertThat(max).isEqualTo(1.0);
        }
    }

    @Test
    void tutorialCirclesSecondCopyIsTheFirstShiftedByThree() {
        Dataset d = Generators.tutorialCircles(42);
        Dataset base = Generators.circles(800, 0.04, 0.3, 42);
        double[][] raw = base.x();
        // after scaling, a shift of 3 becomes 3 · 2 / (max − min) of that column
        for (int j = 0; j < 2; j++) {
            final int col = j;
            double min = Arrays.stream(raw).mapToDouble(r -> r[col]).min().orElseThrow();
            double max = Arrays.stream(raw).mapToDouble(r -> r[col]).max().orElseThrow();
            double shift = 3 * 2 / (max + 3 - min);
            for (int i = 0; i < 800; i++) {
                assertThat(d.x(800 + i)[j] - d.x(i)[j]).isCloseTo(shift, within(1e-12));
            }
        }
        assertThat(Arrays.copyOfRange(d.labels(), 800, 1600)).containsExactly(Arrays.copyOf(d.labels(), 800));
        assertThat(Arrays.copyOf(d.labels(), 800)).containsExactly(base.labels());
    }

    @Test
    void moonsWithoutNoiseLieOnTheirHalfCircles() {
        Dataset d = Generators.moons(100, 0.0, 4);
        assertThat(counts(d)).containsExactly(50, 50);
        int[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) {
            double[] p = d.x(i);
            if (labels[i] == 0) {
                assertThat(Math.hypot(p[0], p[1])).isCloseTo(1, within(1e-12));
                assertThat(p[1]).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(Math.hypot(p[0] - 1, p[1] - 0.5)).isCloseTo(1, within(1e-12));
                assertThat(p[1]).isLessThanOrEqualTo(0.5);
            }
        }
    }

    @Test
    void xorHasTheTruthTableAndABalancedCloud() {
        Dataset four = Generators.xor();
        assertThat(four.x()).isEqualTo(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        assertThat(four.y()).isEqualTo(new double[][] {{0}, {1}, {1}, {0}});
        Dataset cloud = Generators.xor(400, 0.0, 1);
        assertThat(counts(cloud)).containsExactly(200, 200);
        int[] labels = cloud.labels();
        for (int i = 0; i < cloud.size(); i++) {
            double[] p = cloud.x(i);
            assertThat(labels[i]).isEqualTo((int) p[0] ^ (int) p[1]);
        }
    }

    @Test
    void spiralsAreBalancedAndInsideTheUnitDisc() {
        Dataset d = Generators.spirals(301, 0.0, 1);
        assertThat(counts(d)).containsExactly(150, 151);
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.x(i)[0], d.x(i)[1]);
            assertThat(r).isBetween(0.1 - 1e-12, 1.0);
        }
    }

    @Test
    void blobsAreOneHotAndCentredOnTheirCentres() {
        double[][] centers = {{0, 0}, {10, 10}, {-10, 5}};
        Dataset d = Generators.blobs(301, centers, 0.5, 3);
        assertThat(d.outputSize()).isEqualTo(3);
        assertThat(counts(d)).containsExactly(101, 100, 100);    // 301 = 3 · 100 + 1: class 0 gets one more
        double[][] sum = new double[3][2];
        int[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) {
            sum[labels[i]][0] += d.x(i)[0];
            sum[labels[i]][1] += d.x(i)[1];
        }
        int[] n = counts(d);
        for (int c = 0; c < 3; c++) {
            // the standard error of each mean is 0.5 / √100 = 0.05
            assertThat(sum[c][0] / n[c]).isCloseTo(centers[c][0], within(0.2));
            assertThat(sum[c][1] / n[c]).isCloseTo(centers[c][1], within(0.2));
        }
        Dataset random = Generators.blobs(40, 2, 1.0, 3);
        assertThat(random.outputSize()).isEqualTo(2);
        assertThat(counts(random)).containsExactly(20, 20);
    }

    @Test
    void gaussianQuantilesAreNestedShellsOfEqualSize() {
        Dataset d = Generators.gaussianQuantiles(302, 3, 3, 8);
        assertThat(d.inputSize()).isEqualTo(3);
        assertThat(counts(d)).containsExactly(100, 100, 102);   // step = 302 / 3 = 100; the rest goes to the last
        int[] labels = d.labels();
        double[] maxRadius = new double[3];
        double[] minRadius = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int i = 0; i < d.size(); i++) {
            double[] p = d.x(i);
            double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            maxRadius[labels[i]] = Math.max(maxRadius[labels[i]], r);
            minRadius[labels[i]] = Math.min(minRadius[labels[i]], r);
        }
        assertThat(maxRadius[0]).isLessThanOrEqualTo(minRadius[1]);
        assertThat(maxRadius[1]).isLessThanOrEqualTo(minRadius[2]);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Generators.circles(100, 0.1, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor must satisfy 0 ≤ factor < 1, but was 1.0");
        assertThatThrownBy(() -> Generators.moons(1, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be at least 2, but was 1");
        assertThatThrownBy(() -> Generators.spirals(10, -0.1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noise must be finite and at least 0, but was -0.1");
        assertThatThrownBy(() -> Generators.gaussianQuantiles(2, 2, 3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be at least 3, but was 2");
    }
}
