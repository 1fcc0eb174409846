package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import java.util.Locale;

/**
 * The tutorial's flagship: a 2-12-6-1 network learns to tell the inner from the outer of two
 * circles.
 *
 * <p>What it shows: the tutorial's data set (make-circles with 800 points, noise 0.04, factor 0.3;
 * a second copy shifted by +3 on both axes; everything scaled to [-1, 1]), the tutorial's network
 * (ReLU hidden layers, sigmoid output, binary cross-entropy; {@code --mse} switches to mean squared
 * error) trained by plain mini-batch gradient descent, then its accuracy on 20 % held-out rows.
 *
 * <p>How to run it: {@code mvn -q test-compile exec:java} (it is the default main), or with
 * options: {@code mvn -q test-compile exec:java -Dexec.args="--epochs 300 --mse"}.
 *
 * <p>What it prints: the cost every 25 epochs, then a last line of JSON such as
 * {@code {"test_accuracy": 1.0, "final_cost": 0.004, ...}}.
 */
public final class TwoCircles {
    private TwoCircles() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --seed N}, {@code --learning-rate X}, {@code --mse}
     */
    public static void main(String[] args) {
        int epochs = 300;
        long seed = 42;
        double learningRate = 0.1;
        boolean mse = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--learning-rate" -> learningRate = Double.parseDouble(args[++i]);
                case "--mse" -> mse = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --epochs N, --seed N, --learning-rate X or --mse.");
            }
        }
        double[][][] data = circles(seed);
        double[][][] parts = split(data[0], data[1], 0.2, seed);
        Network net = Network.builder()
                .input(2)
                .dense(12, Activation.relu())
                .dense(6, Activation.relu())
                .dense(1, Activation.sigmoid())
                .loss(mse ? Loss.mse() : Loss.binaryCrossEntropy())
                .seed(seed)
                .build();
        System.out.println("Training " + net + " on " + parts[0].length + " rows");
        double cost = Double.NaN;
        long start = System.nanoTime();
        for (int epoch = 25; epoch <= epochs; epoch += 25) {
            double[] costs = net.fit(parts[0], parts[1], Math.min(25, epochs - epoch + 25), 32, learningRate);
            cost = costs[costs.length - 1];
            System.out.printf(Locale.ROOT, "epoch %4d  cost %.5f%n", epoch, cost);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] predicted = net.predictClass(parts[2]);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == (int) parts[3][i][0]) {
                correct++;
            }
        }
        double accuracy = (double) correct / predicted.length;
        System.out.printf(Locale.ROOT, "test accuracy %.4f on %d rows%n", accuracy, predicted.length);
        System.out.printf(Locale.ROOT, "{\"test_accuracy\": %.6f, \"final_cost\": %.6f, \"epochs\": %d, "
                + "\"train_seconds\": %.3f, \"loss\": \"%s\"}%n", accuracy, cost, epochs, seconds, net.lossFunction().name());
    }

    /** The tutorial's data set: {x, y} with 1,600 rows. */
    static double[][][] circles(long seed) {
        Rng rng = new Rng(seed);
        int n = 800;
        int outer = n / 2;
        double[][] x = new double[2 * n][2];
        double[][] y = new double[2 * n][1];
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < n; i++) {
                boolean inner = i >= outer;
                int k = inner ? i - outer : i;
                double angle = 2 * Math.PI * k / (inner ? n - outer : outer);
                double r = inner ? 0.3 : 1.0;
                x[copy * n + i][0] = r * Math.cos(angle) + 0.04 * rng.nextGaussian() + 3 * copy;
                x[copy * n + i][1] = r * Math.sin(angle) + 0.04 * rng.nextGaussian() + 3 * copy;
                y[copy * n + i][0] = inner ? 1 : 0;
            }
        }
        for (int j = 0; j < 2; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            for (double[] row : x) {
                row[j] = -1 + 2 * (row[j] - min) / (max - min);            // scale to [-1, 1]
            }
        }
        return new double[][][] {x, y};
    }

    /** A seeded split: {x_train, y_train, x_test, y_test}. */
    static double[][][] split(double[][] x, double[][] y, double testFraction, long seed) {
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new Rng(seed).shuffle(order);
        int test = (int) Math.round(n * testFraction);
        double[][][] parts = {new double[n - test][], new double[n - test][], new double[test][], new double[test][]};
        for (int i = 0; i < n; i++) {
            int part = i < test ? 2 : 0;
            int row = i < test ? i : i - test;
            parts[part][row] = x[order[i]];
            parts[part + 1][row] = y[order[i]];
        }
        return parts;
    }
}
