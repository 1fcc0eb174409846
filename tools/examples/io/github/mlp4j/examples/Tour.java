package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.GradientCheck;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.metrics.Accuracy;
import io.github.mlp4j.metrics.ConfusionMatrix;
import io.github.mlp4j.onnx.OnnxExporter;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.EarlyStopping;
import io.github.mlp4j.train.EarlyStopping.Monitor;
import io.github.mlp4j.train.History;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The README's tour, kept compiling and running by the build: build a network, train it,
 * evaluate it, save and load it, export it for ONNX Runtime; then train with a {@link Trainer},
 * score with the metrics and check the gradient. {@code ReadmeTest} checks that each Java
 * fragment of the README is a run of lines of this file (or of another example), so the two
 * cannot drift apart.
 *
 * <p>How to run it, from the repository's root: {@code bash tools/run.sh Tour} (option
 * {@code --out DIR}, default {@code target/examples/tour}).
 *
 * <p>What it prints: the final cost and the test accuracy (about 0.99), the trainer's progress
 * every 50 epochs, a classification report, the gradient check, then a last line of JSON with the
 * paths of the files it wrote.
 */
public final class Tour {
    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args {@code --out DIR}
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length == 2 && args[0].equals("--out") ? args[1] : "target/examples/tour");
        Files.createDirectories(out);
        tour(out);
    }

    private static void tour(Path out) throws IOException {
        // 1. Data: three Gaussian blobs in the plane, 80 % to train, 20 % to test
        Split.Result parts = Split.stratified(Generators.blobs(600, 3, 1.0, 7), 0.2, 7);
        Dataset train = parts.train();
        Dataset test = parts.test();

        // 2. Build: 2 inputs, a hidden ReLU layer, softmax over 3 classes
        Network net = Network.builder()
                .input(2)
                .dense(16, Activation.relu())
                .dense(3, Activation.softmax())
                .loss(Loss.crossEntropy())
                .seed(42)
                .build();

        // 3. Train: 100 epochs, batches of 32, learning rate 0.05
        double[] costs = net.fit(train.x(), train.y(), 100, 32, 0.05);

        // 4. Evaluate on rows it has never seen (metrics take the truth first)
        double accuracy = Accuracy.of(test.labels(), net.predictClass(test.x()));

        // 5. Save, and load it back (out is the folder the tour writes to)
        Path model = out.resolve("blobs.mlp4j");
        net.save(model);
        Network loaded = Network.load(model);

        // 6. Export for ONNX Runtime (input "x", output "y": the class probabilities)
        Path onnx = out.resolve("blobs.onnx");
        OnnxExporter.write(loaded, onnx);

        System.out.printf(Locale.ROOT, "final cost %.4f, test accuracy %.3f%n", costs[costs.length - 1], accuracy);
        boolean same = Arrays.deepEquals(loaded.predict(test.x()), net.predict(test.x()));

        // A Trainer: Adam, 20 % of the rows held out, early stopping, and a lambda per epoch
        TrainingConfig config = TrainingConfig.builder()
                .epochs(300).batchSize(32)
                .optimizer(Optimizer.adam()).learningRate(0.01)
                .validationFraction(0.2)
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 20).withMinDelta(1e-4))
                .build();
        Network fresh = Network.builder().input(2).dense(16, Activation.relu()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(42).build();           // its seed also seeds the shuffles
        History history = new Trainer(config)
                .withListener(row -> {
                    if (row.epoch() % 50 == 0) {
                        System.out.printf("epoch %d: cost %.4f%n", row.epoch(), row.trainingCost());
                    }
                })
                .fit(fresh, train.x(), train.y());                      // continues from fresh's parameters
        history.writeCsv(out.resolve("history.csv"));
        System.out.println(history.stopMessage());

        // Metrics take (truth, prediction), as scikit-learn does
        ConfusionMatrix confusion = ConfusionMatrix.of(test.labels(), fresh.predictClass(test.x()), 3);
        System.out.println(confusion);                                  // rows: truth, columns: predicted
        System.out.println(confusion.report());                         // precision, recall, F1

        // Backpropagation checked against central differences
        GradientCheck.Result check = GradientCheck.network(fresh, test.x(), test.y());
        System.out.println(check);                                      // largest relative error ...

        System.out.println(new JsonLine()
                .put("test_accuracy", accuracy)
                .put("final_cost", costs[costs.length - 1])
                .put("loaded_predicts_the_same", same)
                .put("trainer_epochs", history.size())
                .put("trainer_test_accuracy", confusion.accuracy())
                .put("gradient_error", check.maxRelativeError())
                .put("model", model)
                .put("onnx", onnx));
    }
}
