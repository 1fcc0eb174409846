package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.metrics.Accuracy;
import io.github.mlp4j.onnx.OnnxExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains a small classifier and exports it as an ONNX model, for ONNX Runtime or any other ONNX
 * inference engine.
 *
 * <p>What it shows: a 2-8-3 network (ReLU hidden layer, softmax output, cross-entropy) learns three
 * Gaussian blobs, then {@link OnnxExporter} writes it with one input {@code "x"} of shape (N × 2)
 * and one output {@code "y"} of shape (N × 3), the class probabilities that {@code predict}
 * returns. Double precision is the default; {@code --float} writes float32 tensors instead.
 *
 * <p>How to run it, from the repository's root: {@code bash tools/run.sh ExportOnnx} (options:
 * {@code --out PATH} (default {@code target/blobs.onnx}), {@code --float}, {@code --opset N},
 * {@code --epochs N}, {@code --seed N}). Then, in Python:
 * {@code onnxruntime.InferenceSession("target/blobs.onnx").run(None, {"x": x})} with {@code x} a
 * float64 array of shape (n, 2).
 *
 * <p>What it prints: the training accuracy (1.0 with the default seed), the model's size and a
 * last line of JSON such as
 * {@code {"path": "/…/target/blobs.onnx", "bytes": 905, "precision": "DOUBLE", "opset": 13, "train_accuracy": 1.0}}.
 */
public final class ExportOnnx {
    private ExportOnnx() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --out PATH}, {@code --float}, {@code --opset N}, {@code --epochs N},
     *     {@code --seed N}
     * @throws IOException if the model cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("target", "blobs.onnx");
        OnnxExporter exporter = OnnxExporter.defaults();
        int epochs = 100;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--float" -> exporter = exporter.withPrecision(OnnxExporter.Precision.FLOAT);
                case "--opset" -> exporter = exporter.withOpset(Integer.parseInt(args[++i]));
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --out PATH, --float, --opset N, --epochs N or --seed N.");
            }
        }
        Dataset blobs = Generators.blobs(300, 3, 1.0, seed);
        Network net = Network.builder()
                .input(2)
                .dense(8, Activation.relu())
                .dense(3, Activation.softmax())
                .loss(Loss.crossEntropy())
                .seed(seed)
                .build();
        double[] costs = net.fit(blobs.x(), blobs.y(), epochs, 32, 0.05);
        double accuracy = Accuracy.of(blobs.labels(), net.predictClass(blobs.x()));
        System.out.printf(Locale.ROOT, "Trained %s: final cost %.4f, training accuracy %.3f%n",
                net, costs[costs.length - 1], accuracy);

        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        exporter.export(net, out);
        long bytes = Files.size(out);
        System.out.printf(Locale.ROOT, "Wrote %s (%d bytes, %s, opset %d): input \"%s\" (N × %d), output \"%s\" (N × %d)%n",
                out, bytes, exporter.precision(), exporter.opset(), OnnxExporter.INPUT_NAME, net.inputSize(),
                OnnxExporter.OUTPUT_NAME, net.outputSize());
        System.out.printf(Locale.ROOT,
                "{\"path\": \"%s\", \"bytes\": %d, \"precision\": \"%s\", \"opset\": %d, \"train_accuracy\": %.4f}%n",
                out.toAbsolutePath().toString().replace("\\", "\\\\"), bytes, exporter.precision(), exporter.opset(),
                accuracy);
    }
}
