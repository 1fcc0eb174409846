package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.examples.plot.CostChart;
import io.github.mlp4j.examples.plot.DecisionBoundary;
import io.github.mlp4j.examples.plot.GifWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The flagship: a 2-12-6-1 network learns to tell the inner from the outer of two circles, and
 * you watch it learn.
 *
 * <p><b>What it shows.</b> The tutorial's data set ({@link Generators#tutorialCircles(long)}:
 * make-circles with 800 points, noise 0.04 and factor 0.3, a copy shifted by +3 on both axes so
 * the two never meet, everything scaled to [-1, 1]), split 80/20 with each class keeping its share
 * ({@link Split#stratified}). The tutorial's network: two ReLU hidden layers of 12 and 6 units, a
 * sigmoid output and binary cross-entropy ({@code --mse} switches to mean squared error), trained
 * by plain mini-batch gradient descent ({@link Network#fit}), one epoch at a time so that the
 * cost on the held-out rows is measured after every epoch.
 *
 * <p><b>How to run it.</b> It is the project's default main:
 * <pre>
 * mvn -q test-compile exec:java
 * mvn -q test-compile exec:java -Dexec.args="--epochs 600 --mse --out /tmp/circles"
 * </pre>
 * Options: {@code --epochs N} (300), {@code --seed N} (42), {@code --learning-rate X} (0.1),
 * {@code --batch N} (32), {@code --mse}, {@code --out DIR} (target/examples/two-circles),
 * {@code --frame-every N} (25 epochs per GIF frame), {@code --gif-size WxH} (640x560),
 * {@code --no-gif}.
 *
 * <p><b>What it prints.</b> The cost every 25 epochs, the test accuracy (about 1.0), the pictures
 * written, and last a line of JSON:
 * <pre>
 * epoch   25  cost 0.55813  train accuracy 0.7516
 * ...
 * test accuracy 1.0000 (320 rows)
 * {"test_accuracy": 1, "final_cost": 0.00573, "epochs": 300, ..., "pictures": {"boundary": "...", ...}}
 * </pre>
 *
 * <p><b>The pictures</b>, in the output folder: {@code two-circles-boundary.png} (the predicted
 * probability over the plane, the 0.5 contour and the training points),
 * {@code two-circles-cost.png} (training cost and held-out test cost per epoch, log scale) and
 * {@code two-circles.gif} (the boundary forming, one frame per 25 epochs from the untrained
 * network on).
 */
public final class TwoCircles {
    private TwoCircles() {
    }

    /**
     * Runs the example.
     *
     * @param args the options listed in the class comment
     * @throws IOException if a picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        int epochs = 300;
        long seed = 42;
        double learningRate = 0.1;
        int batchSize = 32;
        boolean mse = false;
        Path out = Path.of("target", "examples", "two-circles");
        int frameEvery = 25;
        int gifWidth = 640;
        int gifHeight = 560;
        boolean gif = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--learning-rate" -> learningRate = Double.parseDouble(value(args, ++i));
                case "--batch" -> batchSize = Integer.parseInt(value(args, ++i));
                case "--mse" -> mse = true;
                case "--out" -> out = Path.of(value(args, ++i));
                case "--frame-every" -> frameEvery = Integer.parseInt(value(args, ++i));
                case "--gif-size" -> {
                    String[] size = value(args, ++i).split("x");
                    gifWidth = Integer.parseInt(size[0]);
                    gifHeight = Integer.parseInt(size[size.length - 1]);
                }
                case "--no-gif" -> gif = false;
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --epochs N,"
                        + " --seed N, --learning-rate X, --batch N, --mse, --out DIR, --frame-every N,"
                        + " --gif-size WxH or --no-gif.");
            }
        }
        if (epochs < 1 || frameEvery < 1) {
            throw new IllegalArgumentException("--epochs and --frame-every must be at least 1, but were "
                    + epochs + " and " + frameEvery + ".");
        }

        Dataset data = Generators.tutorialCircles(seed);
        Split.Result parts = Split.stratified(data, 0.2, seed);
        double[][] xTrain = parts.train().x();
        double[][] yTrain = parts.train().y();
        double[][] xTest = parts.test().x();
        double[][] yTest = parts.test().y();
        Network net = Network.builder()
                .input(2)
                .dense(12, Activation.relu())
                .dense(6, Activation.relu())
                .dense(1, Activation.sigmoid())
                .loss(mse ? Loss.mse() : Loss.binaryCrossEntropy())
                .seed(seed)
                .build();
        System.out.printf(Locale.ROOT, "Training %s on %d rows (testing on %d), learning rate %s, batch %d%n",
                net, xTrain.length, xTest.length, learningRate, batchSize);

        // The boundary is drawn over the training points; the plot's range stays fixed across frames.
        Function<double[][], double[]> probability = DecisionBoundary.firstColumn(net::predict);
        DecisionBoundary picture = DecisionBoundary.of(xTrain, yTrain, probability)
                .withXRange(-1.15, 1.15)
                .withYRange(-1.15, 1.15);
        Path gifFile = out.resolve("two-circles.gif");
        double[] trainCost = new double[epochs];
        double[] testCost = new double[epochs];
        double seconds = 0;
        try (GifWriter film = gif ? GifWriter.open(gifFile, Duration.ofMillis(150)) : null) {
            if (film != null) {
                film.writeFrame(frame(picture, gifWidth, gifHeight, 0, net.loss(xTrain, yTrain)));
            }
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                trainCost[epoch - 1] = net.fit(xTrain, yTrain, 1, batchSize, learningRate)[0];
                seconds += (System.nanoTime() - start) / 1e9;
                testCost[epoch - 1] = net.loss(xTest, yTest);
                if (epoch % 25 == 0 || epoch == epochs) {
                    System.out.printf(Locale.ROOT, "epoch %4d  cost %.5f  test cost %.5f  train accuracy %.4f%n",
                            epoch, trainCost[epoch - 1], testCost[epoch - 1],
                            accuracy(net.predictClass(xTrain), yTrain));
                }
                if (film != null && (epoch % frameEvery == 0 || epoch == epochs)) {
                    film.writeFrame(frame(picture, gifWidth, gifHeight, epoch, trainCost[epoch - 1]),
                            epoch == epochs ? Duration.ofSeconds(2) : film.frameDelay());
                }
            }
        }

        double testAccuracy = accuracy(net.predictClass(xTest), yTest);
        double finalCost = trainCost[epochs - 1];
        System.out.printf(Locale.ROOT, "test accuracy %.4f (%d rows), final cost %.5f, %.2f s of training%n",
                testAccuracy, xTest.length, finalCost, seconds);

        String lossName = mse ? "mean squared error" : "binary cross-entropy";
        Path boundaryFile = out.resolve("two-circles-boundary.png");
        picture.withTitle(String.format(Locale.ROOT, "Two circles after %d epochs — test accuracy %.3f",
                epochs, testAccuracy)).writePng(boundaryFile);
        Path costFile = out.resolve("two-circles-cost.png");
        CostChart chart = CostChart.of(trainCost).withValidation(testCost)
                .withLegend("training", "held-out test")
                .withTitle("Two circles — " + lossName + " per epoch");
        chart.withLogScale(isPositive(trainCost) && isPositive(testCost)).writePng(costFile);
        System.out.println("wrote " + boundaryFile + ", " + costFile + (gif ? ", " + gifFile : ""));

        JsonLine pictures = new JsonLine().put("boundary", boundaryFile).put("cost", costFile);
        if (gif) {
            pictures.put("animation", gifFile);
        }
        System.out.println(new JsonLine()
                .put("test_accuracy", testAccuracy)
                .put("final_cost", finalCost)
                .put("epochs", epochs)
                .put("train_seconds", seconds)
                .put("loss", net.lossFunction().name())
                .put("pictures", pictures));
    }

    /** Draws one GIF frame: the boundary after {@code epoch} epochs, titled with the cost. */
    private static BufferedImage frame(DecisionBoundary picture, int width, int height, int epoch,
            double cost) {
        return picture.withSize(width, height).withResolution(100)
                .withTitle(String.format(Locale.ROOT, "epoch %d — cost %.4f", epoch, cost))
                .render();
    }

    /** Returns the share of rows whose predicted class equals the 0/1 target. */
    static double accuracy(int[] predicted, double[][] y) {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == (int) y[i][0]) {
                correct++;
            }
        }
        return (double) correct / predicted.length;
    }

    private static boolean isPositive(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + args[i - 1] + " needs a value, such as "
                    + args[i - 1] + " 100.");
        }
        return args[i];
    }
}
