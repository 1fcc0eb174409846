package io.github.mlp4j.metrics;

/**
 * The fraction of samples whose predicted class equals the actual class.
 *
 * <p>This class has only static methods and no state.
 */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * Returns the accuracy {@code (1/n)·Σ [actualᵢ = predictedᵢ]} of class predictions.
     *
     * @param actual the true class of each sample, at least 0; not modified
     * @param predicted the predicted class of each sample, at least 0; not modified
     * @return the fraction of correct predictions, in [0, 1]
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a
     *     negative label
     */
    public static double of(int[] actual, int[] predicted) {
        int n = MetricChecks.labels(actual, "actual");
        MetricChecks.sameLength(n, "actual", MetricChecks.labels(predicted, "predicted"), "predicted");
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (actual[i] == predicted[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
