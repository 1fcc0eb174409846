package io.github.mlp4j.onnx;

import io.github.mlp4j.NetworkBuilder;
import static io.github.mlp4j.onnx.GraphBuilder.DOUBLE;
import static io.github.mlp4j.onnx.GraphBuilder.FLOAT;
import static io.github.mlp4j.onnx.GraphBuilder.floatAttribute;
import static io.github.mlp4j.onnx.GraphBuilder.intAttribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.Scaling;
import io.github.mlp4j.onnx.OnnxExporter.Precision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips through mlp4j's own export (export → import → export gives the same parameters bit
 * for bit, and predictions match ONNX Runtime), and graphs built byte by byte for what exporters
 * write less often: Gemm's alpha and beta, Mul/Add scaling, typed data, int64 shapes.
 */
class OnnxImporterTest {
    private static final Activation[] ACTIVATIONS = {Activation.sigmoid(), Activation.tanh(), Activation.relu(),
        Activation.leakyRelu(0.01), Activation.leakyRelu(0.3), Activation.identity(), Activation.softmax()};

    /** Every hidden activation with every head, with MSE and with the fused pairs. */
    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : ACTIVATIONS) {
            for (Activation head : ACTIVATIONS) {
                cases.add(Arguments.of(hidden, head, Loss.mse()));
            }
            cases.add(Arguments.of(hidden, Activation.sigmoid(), Loss.binaryCrossEntropy()));
            cases.add(Arguments.of(hidden, Activation.softmax(), Loss.crossEntropy()));
        }
        return cases.stream();
    }

    private static Network randomNetwork(Rng rng, Activation hidden, Activation head, Loss loss) {
        NetworkBuilder builder = Network.builder().input(1 + rng.nextInt(6));
        int depth = 1 + rng.nextInt(3);
        for (int l = 0; l < depth; l++) {
            builder.dense(2 + rng.nextInt(7), hidden);
        }
        int outputs = head.isElementwise() ? 1 + rng.nextInt(4) : 2 + rng.nextInt(3);
        Network net = builder.dense(outputs, head).loss(loss).seed(rng.nextLong()).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-1.5, 1.5);
        }
        net.setParameters(theta);
        return net;
    }

    private static Network read(byte[] model) throws IOException {
        return OnnxImporter.read(new ByteArrayInputStream(model));
    }

    @ParameterizedTest(name = "{0} hidden, {1} head, {2}")
    @MethodSource("networks")
    void exportImportExportKeepsEveryBitAndOnnxRuntimeAgrees(Activation hidden, Activation head, Loss loss)
            throws Exception {
        Rng rng = new Rng(13L * hidden.name().hashCode() + head.name().hashCode() + loss.name().hashCode());
        for (int trial = 0; trial < 2; trial++) {
            Network net = randomNetwork(rng, hidden, head, loss);
            int opset = OnnxExporter.MIN_OPSET + rng.nextInt(OnnxExporter.MAX_OPSET - OnnxExporter.MIN_OPSET + 1);
            double[][] x = OnnxImporterGoldenTest.rows(rng, 1 + rng.nextInt(40), net.inputSize());

            OnnxExporter doubles = OnnxExporter.defaults().withOpset(opset);
            byte[] exported = doubles.toByteArray(net);
            Network back = read(exported);
            assertThat(back.parameters()).isEqualTo(net.parameters());                     // bit for bit
            assertThat(back).hasToString(net.toString());
            assertThat(back.seed()).isEqualTo(net.seed());
            assertThat(doubles.toByteArray(back)).isEqualTo(exported);
            double[][] ort = OnnxRuntimeRunner.run(exported, "x", new long[] {net.inputSize()}, true, x, "y");
            assertThat(OnnxRuntimeRunner.largestRelativeError(back.predict(x), ort)).isLessThanOrEqualTo(1e-12);

            OnnxExporter floats = doubles.withPrecision(Precision.FLOAT);
            byte[] exportedFloat = floats.toByteArray(net);
            Network backFloat = read(exportedFloat);
            double[] expected = net.parameters();
            for (int p = 0; p < expected.length; p++) {
                expected[p] = (float) expected[p];                                          // what float32 keeps
            }
            assertThat(backFloat.parameters()).isEqualTo(expected);
            assertThat(read(floats.toByteArray(backFloat)).parameters()).isEqualTo(expected);
            assertThat(backFloat.lossFunction().name()).isEqualTo(loss.name());
            double[][] ortFloat = OnnxRuntimeRunner.run(exportedFloat, "x", new long[] {net.inputSize()}, false, x, "y");
            assertThat(OnnxRuntimeRunner.largestRelativeError(backFloat.predict(x), ortFloat)).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void gemmAlphaBetaAndAMissingBiasAreComputedAsOnnxRuntimeDoes() throws Exception {
        byte[] model = new GraphBuilder()
                .input("x", DOUBLE, "N", 2L).output("y", DOUBLE, "N", 3L)
                .doubles("W1", new long[] {2, 3}, 0.5, -1, 2, 1.5, 0.25, -0.75)
                .doubles("C1", new long[] {1, 3}, 0.1, 0.2, -0.3)
                .doubles("W2", new long[] {3, 3}, 1, 0, 0.5, -0.5, 1, 0, 0.25, 0.25, 1)
                .node("Gemm", "g1", new String[] {"x", "W1", "C1"}, new String[] {"z1"},
                        floatAttribute("alpha", 2f), floatAttribute("beta", 0.5f))
                .node("Tanh", "t1", new String[] {"z1"}, new String[] {"a1"})
                .node("Gemm", "g2", new String[] {"a1", "W2"}, new String[] {"y"})
                .build();
        Network net = read(model);
        assertThat(net).hasToString("Network(2 -> 3 tanh -> 3 identity, loss mse, 21 parameters)");
        double[][] x = OnnxImporterGoldenTest.rows(new Rng(3), 30, 2);
        double[][] ort = OnnxRuntimeRunner.run(model, "x", new long[] {2}, true, x, "y");
        assertThat(OnnxRuntimeRunner.largestRelativeError(net.predict(x), ort)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void mulAndAddOnTheInputBecomeTheModelsScaling() throws Exception {
        byte[] model = new GraphBuilder()
                .input("x", FLOAT, "N", 3L).output("y", FLOAT, "N", 2L)
                .floats("k", new long[] {3}, 0.5, 2, 4)
                .floats("c", new long[] {1, 3}, -1, 0.5, 3)
                .floats("W", new long[] {3, 2}, 1, -1, 0.5, 0.25, -2, 1)
                .floats("b", new long[] {2}, 0.1, -0.1)
                .longs("shape", new long[] {2}, 0, -1)
                .node("Mul", "scale", new String[] {"k", "x"}, new String[] {"xk"})
                .node("Add", "shift", new String[] {"xk", "c"}, new String[] {"xs"})
                .node("Reshape", "flat", new String[] {"xs", "shape"}, new String[] {"xr"})
                .node("MatMul", "mm", new String[] {"xr", "W"}, new String[] {"z"})
                .node("Add", "bias", new String[] {"b", "z"}, new String[] {"zb"})
                .node("Sigmoid", "head", new String[] {"zb"}, new String[] {"y"})
                .build();
        Model imported = OnnxImporter.readModel(new ByteArrayInputStream(model));
        Scaling.Standard scaling = (Scaling.Standard) imported.scaling().orElseThrow();
        assertThat(scaling.scale()).containsExactly(2, 0.5, 0.25);                       // x·k = x / (1/k)
        assertThat(scaling.mean()).containsExactly(2, -0.25, -0.75);                     // x·k + c = (x + c/k)·k
        assertThat(imported.network().lossFunction().name()).isEqualTo("binaryCrossEntropy");
        double[][] x = OnnxImporterGoldenTest.rows(new Rng(4), 30, 3);
        double[][] ort = OnnxRuntimeRunner.run(model, "x", new long[] {3}, false, x, "y");
        assertThat(OnnxRuntimeRunner.largestRelativeError(imported.predict(x), ort)).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void weightsPassedThroughIdentityAndAFlattenedInputAreRead() throws Exception {
        byte[] model = new GraphBuilder()
                .input("x", FLOAT, "N", 1L, 2L).output("y", FLOAT, "N", 2L)
                .floats("W_init", new long[] {2, 2}, 0.5, -1, 1.5, 2)
                .floats("b", new long[] {1, 2}, 0.25, -0.5)
                .node("Identity", "w_read", new String[] {"W_init"}, new String[] {"W"})
                .node("Flatten", "flat", new String[] {"x"}, new String[] {"xf"})
                .node("MatMul", "mm", new String[] {"xf", "W"}, new String[] {"z"})
                .node("Add", "bias", new String[] {"z", "b"}, new String[] {"zb"})
                .node("Identity", "out", new String[] {"zb"}, new String[] {"y"})
                .build();
        Network net = read(model);
        assertThat(net).hasToString("Network(2 -> 2 identity, loss mse, 6 parameters)");
        assertThat(net.parameters()).containsExactly(0.5, -1, 1.5, 2, 0.25, -0.5);
        double[][] x = OnnxImporterGoldenTest.rows(new Rng(8), 10, 2);
        double[][] ort = OnnxRuntimeRunner.run(model, "x", new long[] {1, 2}, false, x, "y");
        assertThat(OnnxRuntimeRunner.largestRelativeError(net.predict(x), ort)).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void zipMapStringLabelsBecomeClassNames() throws Exception {
        ProtoWriter labels = new ProtoWriter().string(1, "classlabels_strings").string(9, "setosa")
                .string(9, "versicolor").string(9, "virginica").varint(20, 8);
        byte[] model = new GraphBuilder()
                .input("x", FLOAT, "N", 2L).output("output_probability", 0)
                .floats("W", new long[] {2, 3}, 1, 0, -1, 0, 1, -1)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"z"})
                .node("Softmax", "sm", new String[] {"z"}, new String[] {"p"})
                .node("ai.onnx.ml", "ZipMap", "zip", new String[] {"p"}, new String[] {"output_probability"}, labels)
                .build();
        Model imported = OnnxImporter.readModel(new ByteArrayInputStream(model));
        assertThat(imported.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(imported.predictClassName(new double[] {3, 0})).isEqualTo("setosa");
        assertThat(imported.predictClassName(new double[] {0, 3})).isEqualTo("versicolor");
        assertThat(imported.predictClassName(new double[] {-3, -3})).isEqualTo("virginica");
    }

    @Test
    void softmaxDefaultsToAxisOneBeforeOpsetThirteen() throws Exception {
        byte[] softmax = new GraphBuilder().opset(9)
                .input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .floats("W", new long[] {2, 2}, 1, -1, 0.5, 2)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"z"})
                .node("Softmax", "sm", new String[] {"z"}, new String[] {"y"})
                .build();
        Network net = read(softmax);
        assertThat(net).hasToString("Network(2 -> 2 softmax, loss crossEntropy, 6 parameters)");
        double[][] x = OnnxImporterGoldenTest.rows(new Rng(9), 10, 2);
        double[][] ort = OnnxRuntimeRunner.run(softmax, "x", new long[] {2}, false, x, "y");
        assertThat(OnnxRuntimeRunner.largestRelativeError(net.predict(x), ort)).isLessThanOrEqualTo(1e-5);
    }

}
