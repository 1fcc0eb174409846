package io.github.mlp4j.io;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the golden model files of the current format version and their recorded predictions;
 * see src/test/resources/io/github/mlp4j/io/README.md. Run once per new format version, never to
 * overwrite the files of an older version:
 * <pre>
 * mvn -q test-compile &amp;&amp; java -cp target/classes:target/test-classes io.github.mlp4j.io.GoldenModelFiles \
 *     src/test/resources/io/github/mlp4j/io
 * </pre>
 */
public final class GoldenModelFiles {
    static final Instant CREATED = Instant.parse("2026-11-28T05:00:00Z");

    private GoldenModelFiles() {
    }

    /**
     * The regression model: 3 → 5 relu → 4 leakyRelu(0.25) → 2 identity, mse, standard scaling.
     * Every parameter is a multiple of 1/16 in [−2, 2], the means are multiples of 1/4 and the
     * scales powers of two, so with inputs that are multiples of 1/4 every product and sum is exact:
     * the predictions do not depend on the order in which a kernel adds.
     */
    static Model regression() {
        Rng rng = new Rng(1);
        Network net = Network.builder().input(3).dense(5, Activation.relu()).dense(4, Activation.leakyRelu(0.25))
                .dense(2, Activation.identity()).loss(Loss.mse()).seed(1).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = (rng.nextInt(65) - 32) / 16.0;
        }
        net.setParameters(theta);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("note", "golden file, exact arithmetic");
        settings.put("epochs", "0");
        return Model.of(net)
                .withScaling(Scaling.standard(new double[] {0.25, -1.5, 2.0}, new double[] {0.5, 2.0, 4.0}))
                .withProvenance(new Provenance("0.1.0-SNAPSHOT", CREATED, 1, settings));
    }

    /** Inputs for {@link #regression()}: multiples of 1/4 in [−4, 4]. */
    static double[][] regressionInputs() {
        Rng rng = new Rng(2);
        double[][] x = new double[8][3];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (rng.nextInt(33) - 16) / 4.0;
            }
        }
        return x;
    }

    /**
     * The classifier: 4 → 6 tanh → 3 softmax, cross-entropy, min-max scaling onto [−1, 1] with a
     * constant column, and class names, one of them not ASCII.
     */
    static Model classifier() {
        Rng rng = new Rng(3);
        Network net = Network.builder().input(4).dense(6, Activation.tanh()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(3).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-2.0, 2.0);
        }
        net.setParameters(theta);
        return Model.of(net)
                .withScaling(Scaling.minMax(new double[] {4.3, 2.0, 1.0, 0.5}, new double[] {7.9, 4.4, 6.9, 0.5}, -1, 1))
                .withClassNames(List.of("setosa", "versicolor", "virginica-β"))
                .withProvenance(new Provenance("0.1.0-SNAPSHOT", CREATED, 3, Map.of("epochs", "200")));
    }

    /** Inputs for {@link #classifier()}, uniform over the scaling's ranges. */
    static double[][] classifierInputs() {
        Rng rng = new Rng(4);
        double[][] x = new double[8][4];
        for (double[] row : x) {
            row[0] = rng.nextDouble(4.3, 7.9);
            row[1] = rng.nextDouble(2.0, 4.4);
            row[2] = rng.nextDouble(1.0, 6.9);
            row[3] = 0.5;
        }
        return x;
    }

    /**
     * The model with a user layer (version 2 on): 3 → 4 relu → {@link ScaleLayer} (factor 0.5,
     * label "half") identity → 2 identity, mse, no scaling. Its kind is {@link LayerKindsTest#KIND},
     * registered by {@link #registerUserLayer()}. Parameters are multiples of 1/16 and inputs
     * multiples of 1/4, so, as for {@link #regression()}, every product and sum is exact.
     */
    static Model userLayer() {
        registerUserLayer();
        Rng rng = new Rng(5);
        Network net = Network.builder().input(3).dense(4, Activation.relu())
                .layer(new ScaleLayer(4, 0.5, "half", Activation.identity())).dense(2, Activation.identity())
                .loss(Loss.mse()).seed(5).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = (rng.nextInt(65) - 32) / 16.0;
        }
        net.setParameters(theta);
        return Model.of(net).withProvenance(new Provenance("0.1.0-SNAPSHOT", CREATED, 5, Map.of("note", "user layer")));
    }

    /** Registers the kind of {@link ScaleLayer}. */
    static void registerUserLayer() {
        LayerKinds.register(LayerKindsTest.KIND, ScaleLayer.class, ScaleLayer.CODEC);
    }

    /** Returns lines "x bits | prediction bits", each double as the 16 hex digits of its IEEE 754 bits. */
    static List<String> predictionLines(Model model, double[][] x) {
        List<String> lines = new ArrayList<>();
        lines.add("# raw input | predicted output; each double as the 16 hex digits of its IEEE 754 bits");
        double[][] y = model.predict(x);
        for (int i = 0; i < x.length; i++) {
            lines.add(hex(x[i]) + " | " + hex(y[i]));
        }
        return lines;
    }

    private static String hex(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double d : v) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("%016x", Double.doubleToRawLongBits(d)));
        }
        return s.toString();
    }

    /**
     * Writes model-vN.mlp4j, model-vN-classifier.mlp4j, model-vN-user-layer.mlp4j (N the current
     * version) and their .predictions.txt into args[0].
     *
     * @param args the output folder
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int v = ModelWriter.FORMAT_VERSION;
        regression().save(out.resolve("model-v" + v + ".mlp4j"));
        Files.write(out.resolve("model-v" + v + ".predictions.txt"),
                predictionLines(regression(), regressionInputs()), StandardCharsets.UTF_8);
        classifier().save(out.resolve("model-v" + v + "-classifier.mlp4j"));
        Files.write(out.resolve("model-v" + v + "-classifier.predictions.txt"),
                predictionLines(classifier(), classifierInputs()), StandardCharsets.UTF_8);
        userLayer().save(out.resolve("model-v" + v + "-user-layer.mlp4j"));
        Files.write(out.resolve("model-v" + v + "-user-layer.predictions.txt"),
                predictionLines(userLayer(), regressionInputs()), StandardCharsets.UTF_8);
    }
}
