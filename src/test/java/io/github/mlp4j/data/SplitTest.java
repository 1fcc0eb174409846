package io.github.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

    /** n rows whose single input is the row number, so every row can be traced; classes cycle 0..k-1. */
    private static Dataset numbered(int n, int classes) {
        double[][] x = new double[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            labels[i] = i % classes;
        }
        return Dataset.of(x, OneHot.encode(labels, classes));
    }

    private static int[] ids(Dataset d) {
        int[] ids = new int[d.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) d.x(i)[0];
        }
        return ids;
    }

    private static int[] union(Split.Result r) {
        int[] train = ids(r.train());
        int[] test = ids(r.test());
        int[] all = Arrays.copyOf(train, train.length + test.length);
        System.arraycopy(test, 0, all, train.length, test.length);
        Arrays.sort(all);
        return all;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    @Test
    void trainTestHoldsOutTheRoundedFractionAndKeepsEveryRowOnce() {
        Split.Result r = Split.trainTest(numbered(10, 2), 0.25, 42);
        assertThat(r.test().size()).isEqualTo(3);             // round(10 · 0.25) = round(2.5) = 3
        assertThat(r.train().size()).isEqualTo(7);
        assertThat(union(r)).containsExactly(range(10));
        assertThat(r.train().classNames()).isEqualTo(r.test().classNames());
    }

    @Test
    void sameSeedSameSplitAndOtherSeedOtherSplit() {
        Dataset d = numbered(100, 2);
        assertThat(ids(Split.trainTest(d, 0.2, 7).test())).containsExactly(ids(Split.trainTest(d, 0.2, 7).test()));
        assertThat(ids(Split.trainTest(d, 0.2, 7).test())).isNotEqualTo(ids(Split.trainTest(d, 0.2, 8).test()));
    }

    @Test
    void stratifiedKeepsEachClassShareInBothParts() {
        // 90 rows sorted by class like iris: 30 of each class
        double[][] x = new double[90][1];
        int[] labels = new int[90];
        for (int i = 0; i < 90; i++) {
            x[i][0] = i;
            labels[i] = i / 30;
        }
        Split.Result r = Split.stratified(Dataset.of(x, OneHot.encode(labels, 3)), 0.2, 3);
        // each class puts round(30 · 0.2) = 6 rows in the test part
        assertThat(counts(r.test().labels(), 3)).containsExactly(6, 6, 6);
        assertThat(counts(r.train().labels(), 3)).containsExactly(24, 24, 24);
        assertThat(union(r)).containsExactly(range(90));
        // the classes are mixed, not left in runs: the first six test rows are not all one class
        assertThat(Arrays.stream(r.test().labels()).limit(6).distinct().count()).isGreaterThan(1);
    }

    @Test
    void stratifiedWorksOnASingleBinaryColumn() {
        double[][] x = new double[20][1];
        double[][] y = new double[20][1];
        for (int i = 0; i < 20; i++) {
            x[i][0] = i;
            y[i][0] = i < 15 ? 0 : 1;                          // 15 zeros, 5 ones
        }
        Split.Result r = Split.stratified(Dataset.of(x, y), 0.2, 1);
        // round(15 · 0.2) = 3 and round(5 · 0.2) = 1
        assertThat(counts(r.test().labels(), 2)).containsExactly(3, 1);
    }

    @Test
    void kFoldTestsEachRowExactlyOnce() {
        List<Split.Result> folds = Split.kFold(numbered(11, 2), 3, 5);
        assertThat(folds).hasSize(3);
        // 11 = 4 + 4 + 3: the first 11 mod 3 = 2 folds get one extra row
        assertThat(folds.stream().mapToInt(f -> f.test().size()).toArray()).containsExactly(4, 4, 3);
        int[] tested = folds.stream().flatMapToInt(f -> Arrays.stream(ids(f.test()))).sorted().toArray();
        assertThat(tested).containsExactly(range(11));
        for (Split.Result f : folds) {
            assertThat(union(f)).containsExactly(range(11));
        }
    }

    @Test
    void shuffledIndicesIsASeededPermutation() {
        int[] a = Split.shuffledIndices(50, 9);
        assertThat(a).containsExactlyInAnyOrder(range(50));
        assertThat(a).isNotEqualTo(range(50));
        assertThat(a).containsExactly(Split.shuffledIndices(50, 9));
    }

    @Test
    void rejectsFractionsThatLeaveAPartEmpty() {
        assertThatThrownBy(() -> Split.trainTest(numbered(10, 2), 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testFraction must lie strictly between 0 and 1, but was 1.0");
        assertThatThrownBy(() -> Split.trainTest(numbered(10, 2), 0.01, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives 0 test rows and 10 training rows");
        assertThatThrownBy(() -> Split.kFold(numbered(3, 1), 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k is 4 but the data set has only 3 rows");
    }

    private static int[] counts(int[] labels, int classes) {
        int[] c = new int[classes];
        for (int label : labels) {
            c[label]++;
        }
        return c;
    }
}
