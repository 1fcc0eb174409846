package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.metrics.Accuracy;
import io.github.mlp4j.onnx.OnnxExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The README's five-minute tour, kept compiling and running by the build: build a network, train
 * it, evaluate it, save and load it, and export it for ONNX Runtime.
 *
 * <p>How to run it: {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.Tour}
 * (option {@code --out DIR}, default {@code target/examples/tour}).
 *
 * <p>What it prints: the final cost and the test accuracy (about 0.99), then a last line of JSON
 * with the paths of the model files it wrote.
 */
public final class Tour {
    private Tour() {
    }

    /**
     * Runs the tour.
     *
     * @param args {@code --out DIR}
     * @throws Exception if a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length == 2 && args[0].equals("--out") ? args[1] : "target/examples/tour");
        Files.createDirectories(out);

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

        // 4. Evaluate on rows it has never seen
        double accuracy = Accuracy.of(test.labels(), net.predictClass(test.x()));
        System.out.printf(Locale.ROOT, "final cost %.4f, test accuracy %.3f%n", costs[costs.length - 1], accuracy);

        // 5. Save, and load it back: the loaded network predicts the same bits
        Path model = out.resolve("blobs.mlp4j");
        net.save(model);
        Network loaded = Network.load(model);
        boolean same = Arrays.deepEquals(loaded.predict(test.x()), net.predict(test.x()));

        // 6. Export for ONNX Runtime (input "x", output "y": the class probabilities)
        Path onnx = out.resolve("blobs.onnx");
        OnnxExporter.write(loaded, onnx);

        System.out.println(new JsonLine()
                .put("test_accuracy", accuracy)
                .put("final_cost", costs[costs.length - 1])
                .put("loaded_predicts_the_same", same)
                .put("model", model)
                .put("onnx", onnx));
    }
}
