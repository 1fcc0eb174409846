package io.github.mlp4j.metrics;

import io.github.mlp4j.internal.Checks;
import java.util.Arrays;

/**
 * The area under the ROC curve of a binary classifier: the probability that a random positive
 * sample gets a higher score than a random negative one, with ties counting one half.
 *
 * <p>With {@code P} the positive samples (label 1) and {@code N} the negative ones (label 0):
 * <pre>
 * AUC = (1 / (|P|·|N|)) · Σ_{i∈P} Σ_{j∈N} ( [sᵢ &gt; sⱼ] + ½·[sᵢ = sⱼ] )
 * </pre>
 * This is the Mann–Whitney statistic {@code U / (|P|·|N|)}, and equals the trapezoidal area under
 * the ROC curve, where a run of tied scores draws a straight segment. It depends only on the
 * order of the scores, so probabilities, logits or any monotone transform of them give the same
 * AUC. 1 is a perfect ranking, 0.5 is chance, 0 a perfectly reversed ranking.
 *
 * <p>The computation sorts copies of the scores: O(n log n) time, O(n) memory. This class has
 * only static methods and no state.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * Returns the ROC AUC of scores for binary labels.
     *
     * @param labels the true class of each sample, 0 or 1; not modified
     * @param scores the score of each sample, higher meaning "more likely positive"; finite; not
     *     modified
     * @return the AUC in [0, 1]
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a score is not
     *     finite, a label is not 0 or 1, or only one class occurs (the AUC is then undefined)
     */
    public static double of(int[] labels, double[] scores) {
        int n = Checks.vector(scores, "scores");
        MetricChecks.sameLength(n, "scores", MetricChecks.binaryLabels(labels, "labels"), "labels");
        int positiveCount = 0;
        for (int label : labels) {
            positiveCount += label;
        }
        int negativeCount = n - positiveCount;
        if (positiveCount == 0 || negativeCount == 0) {
            throw new IllegalArgumentException("labels hold only class " + (positiveCount == 0 ? 0 : 1)
                    + " (" + n + " samples); ROC AUC needs at least one sample of each class.");
        }
        double[] positives = new double[positiveCount];
        double[] negatives = new double[negativeCount];
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] == 1) {
                positives[p++] = scores[i];
            } else {
                negatives[q++] = scores[i];
            }
        }
        Arrays.sort(positives);
        Arrays.sort(negatives);
        // For each positive s (ascending): below = #{negatives < s}, tiedOrBelow = #{negatives ≤ s}.
        // Twice its contribution is 2·below + (tiedOrBelow − below), an exact integer.
        long twiceU = 0;
        int below = 0;
        int tiedOrBelow = 0;
        for (double s : positives) {
            while (below < negativeCount && negatives[below] < s) {
                below++;
            }
            tiedOrBelow = Math.max(tiedOrBelow, below);
            while (tiedOrBelow < negativeCount && negatives[tiedOrBelow] <= s) {
                tiedOrBelow++;
            }
            twiceU += below + (long) tiedOrBelow;                        // 2·([s > sⱼ] + ½·[s = sⱼ]) summed
        }
        return twiceU / (2.0 * positiveCount * negativeCount);         // U / (|P|·|N|)
    }
}
