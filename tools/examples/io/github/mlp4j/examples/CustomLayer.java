package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.GradientCheck;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.io.LayerCodec;
import io.github.mlp4j.io.LayerKinds;
import io.github.mlp4j.metrics.Accuracy;
import io.github.mlp4j.onnx.OnnxExporter;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A layer of your own, end to end: written against the public {@link Layer} interface, checked
 * against finite differences, trained beside dense and dropout layers, saved and loaded once its
 * kind is registered, and exported to ONNX once the exporter has a writer for it (without one,
 * export refuses and names the layer).
 *
 * <p>The layer, {@link ScaleShift}, learns one scale and one shift per unit, {@code z = x ⊙ γ + β},
 * the affine part of batch normalisation. It has no activation of its own (identity).
 *
 * <p>How to run it:
 * <pre>
 * bash tools/run.sh CustomLayer
 * </pre>
 * (option {@code --out DIR}, default {@code target/examples/custom-layer}, where it writes
 * {@code custom-layer.mlp4j} and {@code custom-layer.onnx}). It prints the gradient check, the test
 * accuracy, whether the loaded model predicts the same, the default exporter's refusal, the ONNX
 * file, and as its last line one JSON object.
 */
public final class CustomLayer {
    private CustomLayer() {
    }

    /**
     * A per-unit scale and shift, {@code z = x ⊙ γ + β} and {@code a = z}. Its {@code 2·size}
     * parameters are {@code γ} then {@code β}; backward:
     * <pre>
     *   ∂C/∂γ_j = Σ_i δ_ij · x_ij      ∂C/∂β_j = Σ_i δ_ij      ∂C/∂x_ij = δ_ij · γ_j
     * </pre>
     */
    public static final class ScaleShift implements Layer {
        private final int size;

        /**
         * Creates the layer.
         *
         * @param size its number of units, at least 1
         */
        public ScaleShift(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("ScaleShift needs at least 1 unit, but was given " + size + ".");
            }
            this.size = size;
        }

        @Override
        public int inputSize() {
            return size;
        }

        @Override
        public int outputSize() {
            return size;
        }

        @Override
        public Activation activation() {
            return Activation.identity();
        }

        @Override
        public int parameterCount() {
            return 2 * size;
        }

        /** Starts as the identity: {@code γ = 1}, {@code β = 0}. */
        @Override
        public void initialize(double[] theta, int offset, RandomGenerator random) {
            Arrays.fill(theta, offset, offset + size, 1.0);
            Arrays.fill(theta, offset + size, offset + 2 * size, 0.0);
        }

        @Override
        public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
            for (int i = from; i < to; i++) {
                for (int j = 0; j < size; j++) {
                    z[i][j] = in[i][j] * theta[offset + j] + theta[offset + size + j];   // z = x ⊙ γ + β
                }
                System.arraycopy(z[i], 0, a[i], 0, size);                                 // a = z
            }
        }

        @Override
        public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradIn) {
            Arrays.fill(gradient, gradientOffset, gradientOffset + 2 * size, 0.0);
            for (int i = from; i < to; i++) {
                for (int j = 0; j < size; j++) {
                    gradient[gradientOffset + j] += delta[i][j] * in[i][j];              // ∂C/∂γ = Σ δ ⊙ x
                    gradient[gradientOffset + size + j] += delta[i][j];                  // ∂C/∂β = Σ δ
                    if (gradIn != null) {
                        gradIn[i][j] = delta[i][j] * theta[offset + j];                  // ∂C/∂x = δ ⊙ γ
                    }
                }
            }
        }
    }

    /**
     * Runs the example.
     *
     * @param args {@code --out DIR}, or none
     * @throws IOException if the model file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args.length == 2 && args[0].equals("--out") ? args[1]
                : "target/examples/custom-layer"));

        // 1. Register the kind once, so that model files can hold the layer (it has no settings to save).
        LayerKinds.register("io.github.mlp4j.examples.scale-shift", ScaleShift.class,
                LayerCodec.of((layer, config) -> { }, (config, inputSize, outputSize, activation) -> new ScaleShift(inputSize)));

        // 2. Build: dense layers, the layer of our own, and dropout.
        Network net = Network.builder().input(2)
                .dense(16, Activation.relu())
                .layer(new ScaleShift(16))
                .dropout(0.1)
                .dense(8, Activation.relu())
                .dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy())
                .seed(7)
                .build();
        Dataset data = Generators.circles(600, 0.05, 0.5, 3);
        Split.Result parts = Split.stratified(data, 0.25, 3);
        GradientCheck.Result check = GradientCheck.network(net, Arrays.copyOf(parts.train().x(), 8),
                Arrays.copyOf(parts.train().y(), 8));
        System.out.println("gradient check: " + check);

        // 3. Train with Adam; the network splits the work between its threads as for dense layers.
        TrainingConfig config = TrainingConfig.builder().epochs(150).batchSize(32).optimizer(Optimizer.adam())
                .learningRate(0.01).validationFraction(0).build();
        new Trainer(config).fit(net, parts.train().x(), parts.train().y());
        double accuracy = Accuracy.of(parts.test().labels(), net.predictClass(parts.test().x()));
        System.out.printf("test accuracy %.3f%n", accuracy);

        // 4. Save and load: the file names the layer's kind, and loading recreates it.
        Path file = out.resolve("custom-layer.mlp4j");
        net.save(file);
        Network loaded = Network.load(file);
        boolean same = Arrays.deepEquals(loaded.predict(parts.test().x()), net.predict(parts.test().x()));
        System.out.println("loaded " + loaded + "; same predictions: " + same);

        // 5. Export: the default exporter has no writer for the layer and says so, naming it.
        String refusal = "";
        try {
            OnnxExporter.defaults().toByteArray(loaded);
        } catch (IllegalArgumentException e) {
            refusal = e.getMessage();
        }
        System.out.println("ONNX without a writer: " + refusal);

        // 6. A writer adds the layer's nodes, z = x ⊙ γ + β as Mul and Add; the exporter appends its activation.
        OnnxExporter exporter = OnnxExporter.defaults().withLayerWriter(ScaleShift.class,
                (layer, parameters, input, nodes) -> {
                    int n = layer.outputSize();
                    String gamma = nodes.initializer("gamma", new long[] {n}, Arrays.copyOfRange(parameters, 0, n));
                    String beta = nodes.initializer("beta", new long[] {n}, Arrays.copyOfRange(parameters, n, 2 * n));
                    return nodes.node("Add", nodes.node("Mul", input, gamma), beta);
                });
        Path onnx = out.resolve("custom-layer.onnx");
        exporter.export(loaded, onnx);
        System.out.println("ONNX with a writer: " + onnx + " (" + Files.size(onnx) + " bytes)");
        System.out.println(new JsonLine()
                .put("test_accuracy", accuracy)
                .put("gradient_check_error", check.maxRelativeError())
                .put("same_after_load", same)
                .put("model", file)
                .put("onnx", onnx)
                .put("onnx_refusal", refusal));
    }
}
