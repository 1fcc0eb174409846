package io.github.mlp4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.examples.CustomLayer;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.onnx.OnnxExporter.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Layers of one's own written by an {@link OnnxLayerWriter}: exported, run in ONNX Runtime, and
 * compared with {@link Network#predict(double[][])}; and the errors of an exporter without a
 * writer, of a writer given wrongly, and of a writer that makes a mistake.
 */
class OnnxLayerWriterTest {
    /** The scale-and-shift writer of the Javadoc: {@code z = x ⊙ γ + β}, parameters γ then β. */
    private static final OnnxLayerWriter<ScaleShift> WRITER = (layer, parameters, input, nodes) -> {
        int n = layer.outputSize();
        String gamma = nodes.initializer("gamma", new long[] {n}, Arrays.copyOfRange(parameters, 0, n));
        String beta = nodes.initializer("beta", new long[] {n}, Arrays.copyOfRange(parameters, n, 2 * n));
        return nodes.node("Add", nodes.node("Mul", input, gamma), beta);
    };

    /**
     * The same, then nodes that leave an (N × n) tensor as it is, for their attributes: Flatten with
     * the INT {@code axis = 1}, and in float32 models LeakyRelu with the FLOAT {@code alpha = 1}
     * (ONNX Runtime has no double LeakyRelu, as the exporter knows).
     */
    private static final OnnxLayerWriter<ScaleShift> WITH_ATTRIBUTES = (layer, parameters, input, nodes) -> {
        String flat = nodes.node("Flatten", Map.of("axis", 1), WRITER.write(layer, parameters, input, nodes));
        return nodes.precision() == Precision.FLOAT ? nodes.node("LeakyRelu", Map.of("alpha", 1.0), flat) : flat;
    };

    /**
     * Networks with the layer in the middle (with a ReLU after it), last with the identity, and
     * last with a sigmoid; parameters uniform in [−1.5, 1.5], so that the scales are not 1.
     */
    private static List<Network> networks(Rng rng) {
        List<Network> networks = new ArrayList<>();
        networks.add(Network.builder().input(3).dense(5, Activation.tanh()).layer(new ScaleShift(5, Activation.relu()))
                .dense(2, Activation.softmax()).loss(Loss.crossEntropy()).seed(1).build());
        networks.add(Network.builder().input(4).dense(3, Activation.leakyRelu(0.1))
                .layer(new ScaleShift(3, Activation.identity())).loss(Loss.mse()).seed(2).build());
        networks.add(Network.builder().input(2).layer(new ScaleShift(2, Activation.tanh())).dropout(0.2)
                .dense(4, Activation.relu()).layer(new ScaleShift(4, Activation.sigmoid()))
                .loss(Loss.mse()).seed(3).build());
        for (Network net : networks) {
            double[] theta = new double[net.parameterCount()];
            for (int p = 0; p < theta.length; p++) {
                theta[p] = rng.nextDouble(-1.5, 1.5);
            }
            net.setParameters(theta);
        }
        return networks;
    }

    private static double[][] inputs(Rng rng, int rows, int width) {
        double[][] x = new double[rows][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = rng.nextDouble(-3, 3);
            }
        }
        return x;
    }

    private static double[][] runOnnx(byte[] model, Network net, Precision precision, double[][] x) throws OrtException {
        return OnnxRuntimeRunner.run(model, OnnxExporter.INPUT_NAME, new long[] {net.inputSize()},
                precision == Precision.DOUBLE, x, OnnxExporter.OUTPUT_NAME);
    }

    @Test
    void aLayerWithAWriterExportsAndOnnxRuntimeReproducesPredict() throws OrtException {
        Rng rng = new Rng(11);
        for (Network net : networks(rng)) {
            double[][] x = inputs(rng, 1 + rng.nextInt(40), net.inputSize());
            for (OnnxLayerWriter<ScaleShift> writer : List.of(WRITER, WITH_ATTRIBUTES)) {
                OnnxExporter exporter = OnnxExporter.defaults().withLayerWriter(ScaleShift.class, writer);
                byte[] model = exporter.toByteArray(net);
                assertThat(OnnxRuntimeRunner.largestRelativeError(runOnnx(model, net, Precision.DOUBLE, x), net.predict(x)))
                        .as("double model of %s", net).isLessThanOrEqualTo(1e-9);
                OnnxExporter single = exporter.withPrecision(Precision.FLOAT).withOpset(OnnxExporter.MAX_OPSET);
                assertThat(OnnxRuntimeRunner.largestRelativeError(runOnnx(single.toByteArray(net), net, Precision.FLOAT, x),
                        net.predict(x))).as("float model of %s", net).isLessThanOrEqualTo(1e-5);
                assertThat(exporter.toByteArray(net)).isEqualTo(model);                  // the same bytes every time
            }
        }
    }

    @Test
    void theWriterSeesTheLayerItsOwnParametersTheInputAndTheExportersSettings() {
        Network net = Network.builder().input(2).dense(3, Activation.relu()).layer(new ScaleShift(3, Activation.identity()))
                .loss(Loss.mse()).seed(4).build();
        double[] theta = net.parameters();
        List<Object> seen = new ArrayList<>();
        OnnxExporter.defaults().withOpset(17).withPrecision(Precision.FLOAT).withLayerWriter(ScaleShift.class,
                (layer, parameters, input, nodes) -> {
                    seen.addAll(List.of(layer, input, nodes.opset(), nodes.precision()));
                    assertThat(parameters).containsExactly(Arrays.copyOfRange(theta, 9, 15));   // after W (2×3), b (3)
                    parameters[0] = 99;                                                        // a copy: θ stays
                    return WRITER.write(layer, parameters, input, nodes);
                }).toByteArray(net);
        assertThat(seen).containsExactly(net.layers().get(1), "a1", 17, Precision.FLOAT);
        assertThat(net.parameters()).containsExactly(theta);
    }

    @Test
    void aLayerWithoutAWriterIsRefusedByNumberAndClassWithHowToGiveOne() {
        Network net = Network.builder().input(2).dense(3, Activation.relu()).layer(new ScaleShift(3, Activation.identity()))
                .loss(Loss.mse()).build();
        assertThatThrownBy(() -> OnnxExporter.defaults().toByteArray(net))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writes Dense and Dropout layers itself, but layer 2 is of class " + ScaleShift.class.getName())
                .hasMessageContaining("this exporter has no writer for it")
                .hasMessageContaining("OnnxExporter.defaults().withLayerWriter(ScaleShift.class, (layer, parameters, input,"
                        + " nodes) -> ...)");
    }

    @Test
    void aWriterIsGivenOncePerClassAndNeverForBuiltInOrAbstractClassesOrNulls() {
        OnnxExporter once = OnnxExporter.defaults().withLayerWriter(ScaleShift.class, WRITER);
        assertThatThrownBy(() -> once.withLayerWriter(ScaleShift.class, WITH_ATTRIBUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("This exporter already has a writer for " + ScaleShift.class.getName() + "; a layer class has"
                        + " one writer, so give it once (start again from OnnxExporter.defaults() to use another).");
        Network net = Network.builder().input(2).layer(new ScaleShift(2, Activation.tanh())).loss(Loss.mse()).build();
        assertThat(once.withPrecision(Precision.FLOAT).withOpset(15).toByteArray(net)).isNotEmpty();   // writers kept
        assertThatThrownBy(() -> OnnxExporter.defaults().withLayerWriter(Dense.class, (layer, p, in, n) -> in))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.github.mlp4j.layer.Dense is built in");
        assertThatThrownBy(() -> OnnxExporter.defaults().withLayerWriter(Layer.class, (layer, p, in, n) -> in))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is abstract");
        assertThatThrownBy(() -> OnnxExporter.defaults().withLayerWriter(null, WRITER))
                .isInstanceOf(NullPointerException.class).hasMessage("layerClass");
        assertThatThrownBy(() -> OnnxExporter.defaults().withLayerWriter(ScaleShift.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("writer");
        assertThat(export(net, (layer, p, in, nodes) -> in)).isNotEmpty();            // z = x is allowed
    }

    @Test
    void aWritersMistakesFailWithMessagesThatNameThem() {
        Network net = Network.builder().input(2).dense(2, Activation.relu()).layer(new ScaleShift(2, Activation.identity()))
                .loss(Loss.mse()).build();
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> "z"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writer of layer 2 (" + ScaleShift.class.getName() + ") returned \"z\", which is"
                        + " neither its input nor a tensor it added");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned null");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> nodes.node("Mul", in, "W1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A Mul node of layer 2 reads \"W1\", which is neither the layer's input \"a1\" nor a name"
                        + " that initializer(...) or node(...) returned for this layer; pass one of those.");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> nodes.initializer("gamma", new long[] {3}, p)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Initializer \"gamma\" has the shape [3], which holds 3 values, but 4 were given; pass one"
                        + " value per element, in row-major order.");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> {
            nodes.initializer("gamma", new long[] {4}, p);
            return nodes.initializer("gamma", new long[] {2, 2}, p);
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"layer2_gamma\" is already used in layer 2");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> nodes.initializer("γ", new long[0], new double[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not valid");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> nodes.node("Elu", Map.of("alpha", (short) 1), in)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Attribute \"alpha\" is a java.lang.Short; pass an Integer or Long (INT) or a Float or"
                        + " Double (FLOAT).");
        assertThatThrownBy(() -> export(net, (layer, p, in, nodes) -> nodes.node("1x", in)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an ONNX operator name");
    }

    private static byte[] export(Network net, OnnxLayerWriter<ScaleShift> writer) {
        return OnnxExporter.defaults().withLayerWriter(ScaleShift.class, writer).toByteArray(net);
    }

    /**
     * The example's layer of its own, {@link CustomLayer.ScaleShift} ({@code z = x ⊙ γ + β}, 2·size
     * parameters, γ then β), followed by an activation of choice.
     */
    record ScaleShift(CustomLayer.ScaleShift inner, Activation activation) implements Layer {
        ScaleShift(int size, Activation activation) {
            this(new CustomLayer.ScaleShift(size), activation);
        }

        @Override
        public int inputSize() {
            return inner.inputSize();
        }

        @Override
        public int outputSize() {
            return inner.outputSize();
        }

        @Override
        public int parameterCount() {
            return inner.parameterCount();
        }

        @Override
        public void initialize(double[] theta, int offset, RandomGenerator random) {
            inner.initialize(theta, offset, random);
        }

        @Override
        public void forward(double[] theta, int offset, double[][] in, double[][] z, double[][] a, int from, int to) {
            inner.forward(theta, offset, in, z, a, from, to);                           // z = x ⊙ γ + β
            activation.forward(z, a, from, to, outputSize());                           // a = f(z)
        }

        @Override
        public void backward(double[] theta, int offset, double[][] in, double[][] delta, int from, int to,
                double[] gradient, int gradientOffset, double[][] gradIn) {
            inner.backward(theta, offset, in, delta, from, to, gradient, gradientOffset, gradIn);   // δ = ∂C/∂z
        }
    }
}
