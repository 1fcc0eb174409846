package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.util.Arrays;
import java.util.Locale;

/**
 * XOR, the smallest problem that needs a hidden layer: no straight line separates
 * {(0,1), (1,0)} from {(0,0), (1,1)}, but a 2-4-1 network bends the plane until one does.
 *
 * <p>How to run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.Xor}
 * (options: {@code --epochs N}, {@code --seed N}).
 *
 * <p>What it prints: the cost every 500 epochs, the four predictions (close to 0, 1, 1, 0), and a
 * last line of JSON such as {@code {"test_accuracy": 1.0, "final_cost": 0.003, "epochs": 2000}}.
 */
public final class Xor {
    private Xor() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --seed N}
     */
    public static void main(String[] args) {
        int epochs = 2000;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --epochs N or --seed N.");
            }
        }
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        Network net = Network.builder()
                .input(2)
                .dense(4, Activation.tanh())
                .dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy())
                .seed(seed)
                .build();
        double cost = Double.NaN;
        for (int done = 0; done < epochs; done += 500) {
            double[] costs = net.fit(x, y, Math.min(500, epochs - done), 4, 0.5);
            cost = costs[costs.length - 1];
            System.out.printf(Locale.ROOT, "epoch %5d  cost %.5f%n", done + costs.length, cost);
        }
        double[][] p = net.predict(x);
        int[] classes = net.predictClass(x);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            System.out.printf(Locale.ROOT, "%s -> %.4f (class %d)%n", Arrays.toString(x[i]), p[i][0], classes[i]);
            if (classes[i] == (int) y[i][0]) {
                correct++;
            }
        }
        System.out.printf(Locale.ROOT, "{\"test_accuracy\": %.6f, \"final_cost\": %.6f, \"epochs\": %d}%n",
                (double) correct / x.length, cost, epochs);
    }
}
