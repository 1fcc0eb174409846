package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.examples.plot.DecisionBoundary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * XOR, the smallest problem that needs a hidden layer: no straight line separates
 * {(0,1), (1,0)} from {(0,0), (1,1)}, but a 2-4-1 network bends the plane until one does.
 *
 * <p>How to run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.Xor}
 * (options: {@code --epochs N} (2000), {@code --seed N} (1), {@code --out DIR}
 * (target/examples/xor)).
 *
 * <p>What it prints: the cost every 500 epochs, the four predictions (close to 0, 1, 1, 0), and a
 * last line of JSON such as {@code {"test_accuracy": 1, "final_cost": 0.003, "epochs": 2000,
 * "pictures": {"boundary": "target/examples/xor/xor-boundary.png"}}}. The picture shows the
 * predicted probability over the plane: a band through (0, 1) and (1, 0) that no single line could
 * draw.
 */
public final class Xor {
    private Xor() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --seed N}, {@code --out DIR}
     * @throws IOException if the picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        int epochs = 2000;
        long seed = 1;
        Path out = Path.of("target", "examples", "xor");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --epochs N, --seed N or --out DIR.");
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
        Path boundaryFile = out.resolve("xor-boundary.png");
        DecisionBoundary.of(x, y, DecisionBoundary.firstColumn(net::predict))
                .withXRange(-0.5, 1.5)
                .withYRange(-0.5, 1.5)
                .withTitle(String.format(Locale.ROOT, "XOR, 2-4-1 network after %d epochs", epochs))
                .writePng(boundaryFile);
        System.out.println("wrote " + boundaryFile);
        System.out.println(new JsonLine()
                .put("test_accuracy", (double) correct / x.length)
                .put("final_cost", cost)
                .put("epochs", epochs)
                .put("pictures", new JsonLine().put("boundary", boundaryFile)));
    }
}
