package io.github.mlp4j.train;

import io.github.mlp4j.Layer;
import io.github.mlp4j.Network;
import java.util.List;
import java.util.Locale;

/**
 * The messages of the trainer's warnings for likely mistakes ({@link Warning}): inputs that look
 * unscaled, a classifier that predicts one class for everything, and ReLU units that never
 * activate. Each returns null when there is nothing to say.
 */
final class TrainingWarnings {
    private TrainingWarnings() {
    }

    /**
     * Looks at rows 0..rows−1 of {@code x} for inputs that look unscaled: the largest feature range
     * is more than 100 times the smallest non-zero one, or a feature's mean absolute value exceeds 10.
     */
    static String unscaledMessage(double[][] x, int rows) {
        int width = x[0].length;
        double widest = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        int widestColumn = -1;
        int narrowestColumn = -1;
        double largestMean = 0;
        int largestColumn = -1;
        for (int j = 0; j < width; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sumAbs = 0;
            for (int i = 0; i < rows; i++) {
                double v = x[i][j];
                min = Math.min(min, v);
                max = Math.max(max, v);
                sumAbs += Math.abs(v);
            }
            double range = max - min;
            if (range > widest) {
                widest = range;
                widestColumn = j;
            }
            if (range > 0 && range < narrowest) {
                narrowest = range;
                narrowestColumn = j;
            }
            if (sumAbs / rows > largestMean) {
                largestMean = sumAbs / rows;
                largestColumn = j;
            }
        }
        boolean spread = widestColumn >= 0 && widest > 100 * narrowest;
        boolean large = largestMean > 10;
        if (!spread && !large) {
            return null;
        }
        StringBuilder s = new StringBuilder("The inputs look unscaled (checked on " + rows + " rows):");
        if (spread) {
            s.append(String.format(Locale.ROOT, " feature %d ranges over %.4g but feature %d over %.4g (ratio %.3g);",
                    widestColumn, widest, narrowestColumn, narrowest, widest / narrowest));
        }
        if (large) {
            s.append(String.format(Locale.ROOT, " feature %d has mean |value| %.4g;", largestColumn, largestMean));
        }
        s.setLength(s.length() - 1);
        return s.append(". Standardise each feature with statistics of the training rows (StandardScaler),"
                + " or the first layer's units will saturate or dominate.").toString();
    }

    /** Looks for a classifier that predicts one class for every validation row when they hold several. */
    static String singleClassMessage(int[] predicted, int[] actual) {
        boolean severalActual = false;
        boolean severalPredicted = false;
        for (int i = 1; i < actual.length; i++) {
            severalActual |= actual[i] != actual[0];
            severalPredicted |= predicted[i] != predicted[0];
        }
        if (!severalActual || severalPredicted) {
            return null;
        }
        return "The classifier predicts class " + predicted[0] + " for all " + predicted.length + " validation rows,"
                + " which hold several classes. Check the input scaling and the class balance, lower the learning"
                + " rate, or train longer.";
    }

    /** Looks for ReLU layers (not the output) with units whose z ≤ 0 for every sampled row. */
    static String inactiveReluMessage(Network net, double[][] sample) {
        List<Layer> layers = net.layers();
        double[] theta = net.parameters();
        int m = sample.length;
        double[][] in = sample;
        StringBuilder s = new StringBuilder();
        for (int l = 0; l < layers.size() - 1; l++) {
            Layer layer = layers.get(l);
            int units = layer.outputSize();
            double[][] z = new double[m][units];
            double[][] a = new double[m][units];
            layer.forward(theta, net.parameterOffset(l), in, z, a, 0, m);  // zˡ = aˡ⁻¹·Wˡ + bˡ, aˡ = f(zˡ)
            if (layer.activation().name().equals("relu")) {
                int inactive = 0;
                for (int j = 0; j < units; j++) {
                    boolean active = false;
                    for (int i = 0; i < m && !active; i++) {
                        active = z[i][j] > 0;
                    }
                    if (!active) {
                        inactive++;
                    }
                }
                if (inactive > 0) {
                    s.append(s.length() == 0 ? "" : "; ").append("layer ").append(l + 1).append(": ")
                            .append(inactive).append(" of ").append(units);
                }
            }
            in = a;
        }
        if (s.length() == 0) {
            return null;
        }
        return "ReLU units that never activate on " + m + " training rows (they output 0 and get no gradient): " + s
                + ". Lower the learning rate, standardise the inputs, or use leakyRelu.";
    }
}
