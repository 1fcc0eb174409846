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
     * Returns the accuracy {@code (1/n)·Σ [predictedᵢ = actualᵢ]} of class predictions.
     *
     * @param predicted the predicted class of each sample, at least 0; not modified
     * @param actual the true class of each sample, at least 0; not modified
     * @return the fraction of correct predictions, in [0, 1]
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or hold a
     *     negative label
     */
    public static double of(int[] predicted, int[] actual) {
        int n = MetricChecks.labels(predicted, "predicted");
        MetricChecks.sameLength(n, "predicted", MetricChecks.labels(actual, "actual"), "actual");
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == actual[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }
}
