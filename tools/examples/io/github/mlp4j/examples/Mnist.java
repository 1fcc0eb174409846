package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.OneHot;
import io.github.mlp4j.examples.IdxReader.LabelledImages;
import io.github.mlp4j.examples.plot.CostChart;
import io.github.mlp4j.metrics.Accuracy;
import io.github.mlp4j.metrics.ConfusionMatrix;
import io.github.mlp4j.optim.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Handwritten digits: a 784-128-64-10 network learns to read MNIST.
 *
 * <p><b>What it shows.</b> Reading the standard MNIST IDX files ({@link IdxReader}, plain or
 * gzipped), one-hot targets, a softmax output with cross-entropy over ten classes, plain
 * mini-batch gradient descent, and the evaluation of a classifier with more than two classes: its
 * accuracy and its confusion matrix. The learning rate follows a cosine schedule
 * ({@link LearningRateSchedule#cosine}): each epoch is one call of {@link Network#fit} with that
 * epoch's rate, from {@code --learning-rate} in the first epoch down to a hundredth of it in the last.
 *
 * <p><b>Data.</b> MNIST is not in the repository. Put the four files
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each possibly ending in {@code .gz}) in a directory and pass it
 * with {@code --data}. Two protocols:
 * <ul>
 *   <li>by default, the small one: train on the first {@code --train} images (8,000) of the
 *       training file and test on {@code --test} others (2,000): the next ones of the training
 *       file when it has enough, otherwise the first ones of the t10k file;</li>
 *   <li>with {@code --standard}, the standard one: train on all 60,000 training images and test on
 *       the 10,000 of the t10k file ({@code --train} and {@code --test} still cap the counts).</li>
 * </ul>
 *
 * <p><b>How to run it.</b>
 * <pre>
 * bash tools/run.sh Mnist --data ~/mnist
 * bash tools/run.sh Mnist --data ~/mnist --standard
 * </pre>
 * Options: {@code --data DIR} (required), {@code --train N} (8000), {@code --test N} (2000),
 * {@code --standard}, {@code --epochs N} (20), {@code --batch N} (32), {@code --learning-rate X}
 * (0.2, the first epoch's rate), {@code --seed N} (42), {@code --out DIR} (target/examples/mnist).
 *
 * <p><b>What it prints.</b> One line per epoch (training cost, test cost, test accuracy, seconds),
 * the confusion matrix of the test set (rows are the true digits, columns the predicted ones), and
 * last a line of JSON:
 * <pre>
 * epoch  1  cost 0.56252  test cost 0.28266  test accuracy 0.9185  2.5 s
 * ...
 * {"test_accuracy": 0.964, "final_cost": 0.0033, "epochs": 20, ..., "pictures": {"cost": "..."}}
 * </pre>
 * It also writes {@code mnist-cost.png}, the training and test cost per epoch, to the output
 * folder.
 */
public final class Mnist {
    private Mnist() {
    }

    /**
     * Runs the example.
     *
     * @param args the options listed in the class comment
     * @throws IOException if the MNIST files cannot be read or the picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dataDirectory = null;
        int trainCount = -1;
        int testCount = -1;
        boolean standard = false;
        int epochs = 20;
        int batchSize = 32;
        double learningRate = 0.2;
        long seed = 42;
        Path out = Path.of("target", "examples", "mnist");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> dataDirectory = Path.of(value(args, ++i));
                case "--train" -> trainCount = Integer.parseInt(value(args, ++i));
                case "--test" -> testCount = Integer.parseInt(value(args, ++i));
                case "--standard" -> standard = true;
                case "--epochs" -> epochs = Integer.parseInt(value(args, ++i));
                case "--batch" -> batchSize = Integer.parseInt(value(args, ++i));
                case "--learning-rate" -> learningRate = Double.parseDouble(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --data DIR,"
                        + " --train N, --test N, --standard, --epochs N, --batch N, --learning-rate X, --seed N"
                        + " or --out DIR.");
            }
        }
        if (dataDirectory == null || !Files.isDirectory(dataDirectory)) {
            throw new IllegalArgumentException("Pass the directory holding the MNIST IDX files with --data DIR"
                    + (dataDirectory == null ? "" : " (" + dataDirectory + " is not a directory)")
                    + "; download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
                    + " t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz into it.");
        }
        if (trainCount < 0) {
            trainCount = standard ? Integer.MAX_VALUE : 8000;
        }
        if (testCount < 0) {
            testCount = standard ? Integer.MAX_VALUE : 2000;
        }

        LabelledImages train;
        LabelledImages test;
        String testSource;
        if (standard) {
            train = IdxReader.readTraining(dataDirectory, trainCount);
            test = IdxReader.readTest(dataDirectory, testCount);
            testSource = "the t10k file";
        } else {
            LabelledImages first = IdxReader.readTraining(dataDirectory, (int) Math.min(Integer.MAX_VALUE,
                    (long) trainCount + testCount));
            if (first.count() >= (long) trainCount + testCount) {
                train = rows(first, 0, trainCount);
                test = rows(first, trainCount, trainCount + testCount);
                testSource = "the training file, after the training images";
            } else {
                train = rows(first, 0, Math.min(trainCount, first.count()));
                test = IdxReader.readTest(dataDirectory, testCount);
                testSource = "the t10k file (the training file holds only " + first.count() + " images)";
            }
        }
        int inputs = train.rows() * train.columns();
        double[][] xTrain = train.pixels();
        double[][] yTrain = OneHot.encode(train.labels(), 10);
        double[][] xTest = test.pixels();
        double[][] yTest = OneHot.encode(test.labels(), 10);
        System.out.printf(Locale.ROOT, "Read %d training images of %d×%d pixels and %d test images from %s%n",
                train.count(), train.rows(), train.columns(), test.count(), testSource);

        Network net = Network.builder()
                .input(inputs)
                .dense(128, Activation.relu())
                .dense(64, Activation.relu())
                .dense(10, Activation.softmax())
                .loss(Loss.crossEntropy())
                .seed(seed)
                .build();
        // Large steps first, small ones at the end: the rate falls from ε₀ to ε₀/100 along a half cosine.
        LearningRateSchedule schedule = LearningRateSchedule.cosine(learningRate, learningRate / 100, epochs);
        System.out.printf(Locale.ROOT, "Training %s, learning rate %s falling to %s, batch %d, %d epochs%n", net,
                learningRate, learningRate / 100, batchSize, epochs);

        double[] trainCost = new double[epochs];
        double[] testCost = new double[epochs];
        double[] epochSeconds = new double[epochs];
        double testAccuracy = Double.NaN;
        int[] predicted = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            trainCost[epoch - 1] = net.fit(xTrain, yTrain, 1, batchSize, schedule.rate(epoch))[0];
            epochSeconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
            testCost[epoch - 1] = net.loss(xTest, yTest);
            predicted = net.predictClass(xTest);
            testAccuracy = Accuracy.of(test.labels(), predicted);
            System.out.printf(Locale.ROOT, "epoch %2d  cost %.5f  test cost %.5f  test accuracy %.4f  %.1f s%n",
                    epoch, trainCost[epoch - 1], testCost[epoch - 1], testAccuracy, epochSeconds[epoch - 1]);
        }

        ConfusionMatrix confusion = ConfusionMatrix.of(test.labels(), predicted, 10);
        System.out.println();
        System.out.print(confusion);
        double trainSeconds = Arrays.stream(epochSeconds).sum();
        double medianSeconds = median(epochSeconds);
        System.out.printf(Locale.ROOT, "%ntest accuracy %.4f (%d of %d), median %.2f s per epoch (%.0f images/s)%n",
                testAccuracy, confusion.correct(), confusion.total(), medianSeconds, train.count() / medianSeconds);

        Path costFile = out.resolve("mnist-cost.png");
        CostChart.of(trainCost).withValidation(testCost).withLegend("training", "test").withLogScale(true)
                .withTitle(String.format(Locale.ROOT, "MNIST, %d training images — cross-entropy per epoch",
                        train.count()))
                .writePng(costFile);
        System.out.println("wrote " + costFile);

        JsonLine matrix = new JsonLine();
        for (int digit = 0; digit < 10; digit++) {
            matrix.put(Integer.toString(digit), confusion.toArray()[digit]);
        }
        System.out.println(new JsonLine()
                .put("test_accuracy", testAccuracy)
                .put("final_cost", trainCost[epochs - 1])
                .put("test_cost", testCost[epochs - 1])
                .put("epochs", epochs)
                .put("train_size", train.count())
                .put("test_size", test.count())
                .put("train_seconds", trainSeconds)
                .put("median_epoch_seconds", medianSeconds)
                .put("confusion", matrix)
                .put("pictures", new JsonLine().put("cost", costFile)));
    }

    /** Returns rows {@code from..to−1} of a set of labelled images (references to its rows, not copies). */
    private static LabelledImages rows(LabelledImages images, int from, int to) {
        return new LabelledImages(images.rows(), images.columns(),
                Arrays.copyOfRange(images.pixels(), from, to), Arrays.copyOfRange(images.labels(), from, to));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("Option " + args[i - 1] + " needs a value, such as "
                    + args[i - 1] + " 100.");
        }
        return args[i];
    }
}
