package io.github.mlp4j.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * Per-class precision, recall and F1 of a classifier, with their macro averages, computed from a
 * {@link ConfusionMatrix}.
 *
 * <p>For class {@code c}, with {@code TP} the samples of class {@code c} predicted as {@code c},
 * {@code FP} the samples of other classes predicted as {@code c}, and {@code FN} the samples of
 * class {@code c} predicted as something else:
 * <pre>
 * precision = TP / (TP + FP)            (0 if c is never predicted)
 * recall    = TP / (TP + FN)            (0 if c never occurs)
 * F1        = 2·TP / (2·TP + FP + FN)   (= 2·P·R / (P + R); 0 if TP + FP + FN = 0)
 * </pre>
 * A ratio whose denominator is 0 is defined as 0, as scikit-learn does by default
 * ({@code zero_division=0}). The macro averages are plain means over all {@code k} classes of the
 * confusion matrix, including classes with no samples, so give the matrix the classifier's true
 * number of classes. The macro F1 is the mean of the per-class F1 scores, not the F1 of the
 * macro precision and recall.
 *
 * <p>{@link #toString()} prints a table such as:
 * <pre>
 * class          precision  recall  f1-score  support
 * cat               0.6667  0.6667    0.6667        3
 * dog               0.6667  0.6667    0.6667        3
 * bird              0.6667  0.6667    0.6667        3
 *
 * accuracy                            0.6667        9
 * macro average     0.6667  0.6667    0.6667        9
 * </pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ClassificationReport {
    private final ConfusionMatrix matrix;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final int[] support;

    private ClassificationReport(ConfusionMatrix matrix) {
        this.matrix = matrix;
        int k = matrix.classCount();
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        support = new int[k];
        for (int c = 0; c < k; c++) {
            int truePositives = matrix.count(c, c);
            int predictedAsC = matrix.predictedCount(c);                 // TP + FP
            int actuallyC = matrix.actualCount(c);                       // TP + FN
            precision[c] = MetricChecks.ratio(truePositives, predictedAsC);
            recall[c] = MetricChecks.ratio(truePositives, actuallyC);
            f1[c] = MetricChecks.ratio(2.0 * truePositives, predictedAsC + actuallyC); // 2TP/(2TP + FP + FN)
            support[c] = actuallyC;
        }
    }

    /**
     * Returns the report of a confusion matrix.
     *
     * @param matrix the confusion matrix
     * @return the report, which keeps a reference to the (immutable) matrix
     * @throws NullPointerException if {@code matrix} is null
     */
    public static ClassificationReport from(ConfusionMatrix matrix) {
        return new ClassificationReport(Objects.requireNonNull(matrix, "matrix"));
    }

    /**
     * Returns the report of class predictions for classes {@code 0 … classCount − 1}.
     *
     * @param actual the true class of each sample; not modified
     * @param predicted the predicted class of each sample; not modified
     * @param classCount the number of classes {@code k}, at least 1
     * @return the report
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException as {@link ConfusionMatrix#of(int[], int[], int)} does
     */
    public static ClassificationReport of(int[] actual, int[] predicted, int classCount) {
        return from(ConfusionMatrix.of(actual, predicted, classCount));
    }

    /**
     * Returns the confusion matrix this report was computed from.
     *
     * @return the confusion matrix
     */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /**
     * Returns the number of classes {@code k}.
     *
     * @return the number of classes
     */
    public int classCount() {
        return support.length;
    }

    /**
     * Returns the precision {@code TP / (TP + FP)} of class {@code c}: the share of samples
     * predicted as {@code c} that really are {@code c}.
     *
     * @param c a class in [0, k)
     * @return the precision in [0, 1]; 0 if {@code c} is never predicted
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public double precision(int c) {
        return precision[checkClass(c)];
    }

    /**
     * Returns the recall {@code TP / (TP + FN)} of class {@code c}: the share of samples of class
     * {@code c} that were predicted as {@code c}.
     *
     * @param c a class in [0, k)
     * @return the recall in [0, 1]; 0 if {@code c} never occurs
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public double recall(int c) {
        return recall[checkClass(c)];
    }

    /**
     * Returns the F1 score {@code 2·TP / (2·TP + FP + FN)} of class {@code c}, the harmonic mean
     * of its precision and recall.
     *
     * @param c a class in [0, k)
     * @return the F1 score in [0, 1]; 0 if {@code TP = 0}
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public double f1(int c) {
        return f1[checkClass(c)];
    }

    /**
     * Returns the support of class {@code c}: the number of samples whose actual class is
     * {@code c}.
     *
     * @param c a class in [0, k)
     * @return the support, at least 0
     * @throws IllegalArgumentException if {@code c} is outside [0, k)
     */
    public int support(int c) {
        return support[checkClass(c)];
    }

    /**
     * Returns the macro-averaged precision, the unweighted mean over all {@code k} classes.
     *
     * @return the mean precision in [0, 1]
     */
    public double macroPrecision() {
        return mean(precision);
    }

    /**
     * Returns the macro-averaged recall, the unweighted mean over all {@code k} classes.
     *
     * @return the mean recall in [0, 1]
     */
    public double macroRecall() {
        return mean(recall);
    }

    /**
     * Returns the macro-averaged F1, the unweighted mean of the per-class F1 scores.
     *
     * @return the mean F1 in [0, 1]
     */
    public double macroF1() {
        return mean(f1);
    }

    /**
     * Returns the accuracy of the underlying predictions.
     *
     * @return the share of correct predictions, in [0, 1]
     */
    public double accuracy() {
        return matrix.accuracy();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private int checkClass(int c) {
        if (c < 0 || c >= support.length) {
            throw new IllegalArgumentException("c is " + c + " but this report has " + support.length
                    + " classes; pass a class in [0, " + (support.length - 1) + "].");
        }
        return c;
    }

    /**
     * Returns the report as an aligned table: one row per class, then accuracy and the macro
     * averages, with four decimals.
     *
     * @return a multi-line table ending with a line separator
     */
    @Override
    public String toString() {
        int k = support.length;
        int nameWidth = "macro average".length();
        for (String name : matrix.classNames()) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        int supportWidth = Math.max("support".length(), Integer.toString(matrix.total()).length());
        String rowFormat = "%-" + nameWidth + "s  %9.4f  %6.4f  %8.4f  %" + supportWidth + "d%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %9s  %6s  %8s  %" + supportWidth + "s%n",
                "class", "precision", "recall", "f1-score", "support"));
        for (int c = 0; c < k; c++) {
            table.append(String.format(Locale.ROOT, rowFormat,
                    matrix.className(c), precision[c], recall[c], f1[c], support[c]));
        }
        table.append(System.lineSeparator());
        table.append(String.format(Locale.ROOT, "%-" + nameWidth + "s  %9s  %6s  %8.4f  %" + supportWidth + "d%n",
                "accuracy", "", "", accuracy(), matrix.total()));
        table.append(String.format(Locale.ROOT, rowFormat,
                "macro average", macroPrecision(), macroRecall(), macroF1(), matrix.total()));
        return table.toString();
    }
}
