package io.github.mlp4j.examples;

import io.github.mlp4j.Network;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Imports a multilayer perceptron trained elsewhere (PyTorch, Keras via tf2onnx, scikit-learn via
 * skl2onnx, or mlp4j) from an ONNX file, and predicts a few rows with it: no ONNX Runtime, no
 * native library.
 *
 * <p>What it shows: {@link OnnxImporter#readModel(Path)} turns the graph into a network (and the
 * input scaling, if the graph scales its input), which then predicts like any mlp4j network. The
 * three lines that serve a PyTorch model from Java are
 * <pre>{@code
 * Network net = OnnxImporter.read(Path.of("model.onnx"));   // torch.onnx.export(model, x, "model.onnx")
 * double[] y = net.predict(new double[] {5.1, 3.5, 1.4, 0.2});
 * int label = net.predictClass(new double[] {5.1, 3.5, 1.4, 0.2});
 * }</pre>
 *
 * <p>How to run it, from the repository's root: <pre>
 * bash tools/run.sh ImportOnnx --model tools/src/test/resources/io/github/mlp4j/onnx/pytorch_mlp.onnx
 * </pre>
 * (options: {@code --model FILE.onnx} (required), {@code --rows N} (default 5), {@code --seed N}). The rows
 * are random, uniform in [−2, 2], one value per input.
 *
 * <p>What it prints: the imported network, where it came from, each row's prediction (and class,
 * for a classifier), and a last line of JSON such as
 * {@code {"model": "…/pytorch_mlp.onnx", "producer": "pytorch 2.13.0", "opset": 17, "network": "Network(6 -> 10 relu -> …)", "inputs": 6, "outputs": 3, "scaling": "none", "rows": 5, "classes": [1, 1, 1, 1, 1]}}
 * (that PyTorch model is untrained, so its classes say little).
 */
public final class ImportOnnx {
    private ImportOnnx() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --model FILE.onnx}, {@code --rows N}, {@code --seed N}
     * @throws Exception if the model cannot be read or imported
     */
    public static void main(String[] args) throws Exception {
        Path file = null;
        int rows = 5;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> file = Path.of(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --model FILE.onnx, --rows N or --seed N.");
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("Name the model to import with --model FILE.onnx.");
        }

        Model model = OnnxImporter.readModel(file);
        Network net = model.network();
        Map<String, String> source = model.provenance().settings();
        System.out.printf(Locale.ROOT, "Imported %s%n  from %s (%s, opset %s, %s), input '%s', output '%s'%n", net,
                file, source.get("onnx.producer"), source.get("onnx.opset"), source.get("onnx.precision"),
                source.get("onnx.input"), source.get("onnx.output"));
        System.out.println("  input scaling: " + model.scaling().map(Object::toString).orElse("none"));

        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[rows][net.inputSize()];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextDouble(-2, 2);
            }
        }
        double[][] y = model.predict(x);
        String head = net.layers().get(net.layers().size() - 1).activation().name();
        boolean classifier = head.equals("softmax") || head.equals("sigmoid");
        int[] classes = classifier ? model.predictClass(x) : new int[0];
        for (int i = 0; i < rows; i++) {
            System.out.printf(Locale.ROOT, "  %s -> %s%s%n", format(x[i]), format(y[i]),
                    classifier ? "  class " + classes[i] : "");
        }

        if (classifier && model.scaling().isEmpty()) {
            serve(file, x[0]);                                               // the README's three lines
        }

        JsonLine json = new JsonLine().put("model", file.toAbsolutePath())
                .put("producer", source.get("onnx.producer"))
                .put("opset", Long.parseLong(source.get("onnx.opset")))
                .put("network", net.toString())
                .put("inputs", net.inputSize())
                .put("outputs", net.outputSize())
                .put("scaling", model.scaling().map(s -> s.kind()).orElse("none"))
                .put("rows", rows);
        if (classifier) {
            json.put("classes", classes);
        }
        System.out.println(json);
    }

    /**
     * Serves a classifier exported by PyTorch, in the three lines the README shows.
     *
     * @param modelFile a file written by {@code torch.onnx.export}, without input scaling
     * @param row one row of inputs
     * @return the predicted class
     * @throws IOException if the file cannot be read or imported
     */
    static int serve(Path modelFile, double[] row) throws IOException {
        Network net = OnnxImporter.read(modelFile);                          // a file from torch.onnx.export
        double[] probabilities = net.predict(row);
        int label = net.predictClass(row);
        System.out.printf(Locale.ROOT, "  served: %s -> class %d%n", format(probabilities), label);
        return label;
    }

    private static String format(double[] values) {
        String[] parts = new String[values.length];
        for (int j = 0; j < values.length; j++) {
            parts[j] = String.format(Locale.ROOT, "%.4f", values[j]);
        }
        return Arrays.toString(parts).replace(", ", " ");
    }
}
