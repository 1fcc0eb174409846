package io.github.mlp4j.onnx;

import static io.github.mlp4j.onnx.GraphBuilder.DOUBLE;
import static io.github.mlp4j.onnx.GraphBuilder.FLOAT;
import static io.github.mlp4j.onnx.GraphBuilder.INT64;
import static io.github.mlp4j.onnx.GraphBuilder.floatAttribute;
import static io.github.mlp4j.onnx.GraphBuilder.intAttribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphs that are not multilayer perceptrons, or not valid ONNX, are refused with an
 * {@link OnnxImportException} whose message names the node, its operator and why.
 */
class OnnxImporterRefusalTest {

    /** x (N × 2) → Gemm 'fc' (W 2 × 3, b 3) → z, then whatever {@code rest} adds; output {@code out}. */
    private static byte[] afterOneLayer(String out, UnaryOperator<GraphBuilder> rest) {
        GraphBuilder g = new GraphBuilder()
                .input("x", FLOAT, "N", 2L).output(out, FLOAT, "N", 3L)
                .floats("W", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .floats("b", new long[] {3}, 0.1, 0.2, 0.3)
                .node("Gemm", "fc", new String[] {"x", "W", "b"}, new String[] {"z"});
        return rest.apply(g).build();
    }

    private static void assertRefused(byte[] model, String... parts) {
        assertThatThrownBy(() -> OnnxImporter.read(new ByteArrayInputStream(model)))
                .isInstanceOf(OnnxImportException.class)
                .satisfies(e -> {
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    @Test
    void otherOperatorsAreRefusedByNodeAndOperator() {
        assertRefused(afterOneLayer("y", g -> g.node("Conv", "conv1", new String[] {"z"}, new String[] {"y"})),
                "node 'conv1' is a Conv; mlp4j imports dense layers only");
        assertRefused(afterOneLayer("y", g -> g.node("Elu", "", new String[] {"z"}, new String[] {"y"})),
                "node #1 is an Elu; mlp4j imports dense layers only");
        assertRefused(afterOneLayer("y", g -> g.node("com.microsoft", "FusedGemm", "fused", new String[] {"z"},
                new String[] {"y"})), "node 'fused' is a com.microsoft::FusedGemm", "default ONNX domain");
    }

    @Test
    void branchesAndSkipConnectionsAreRefused() {
        assertRefused(afterOneLayer("y", g -> g.output("y2", FLOAT, "N", 3L)
                .node("Relu", "r", new String[] {"z"}, new String[] {"y"})
                .node("Sigmoid", "s", new String[] {"z"}, new String[] {"y2"})),
                "Tensor 'z' feeds 2 nodes", "node 'r' (Relu)", "node 's' (Sigmoid)", "not a branching graph");
        assertRefused(afterOneLayer("y", g -> g.node("Relu", "r", new String[] {"z"}, new String[] {"a"})
                .node("Add", "residual", new String[] {"a", "x"}, new String[] {"y"})),
                "Tensor 'x' feeds 2 nodes", "node 'residual' (Add)", "not a branching graph");
        assertRefused(afterOneLayer("y", g -> g.node("Relu", "r", new String[] {"z"}, new String[] {"y"})
                .node("Tanh", "dangling", new String[] {"b"}, new String[] {"unused"})),
                "node 'dangling' (a Tanh) is not on the path from input 'x' to the output 'y'");
        assertRefused(afterOneLayer("y", g -> g.output("extra", FLOAT, "N", 3L)
                .node("Relu", "r", new String[] {"z"}, new String[] {"y"})),
                "Graph output 'extra' is not the end of the chain");
    }

    @Test
    void softmaxOverAnotherAxisIsRefused() {
        assertRefused(afterOneLayer("y", g -> g.node("Softmax", "sm", new String[] {"z"}, new String[] {"y"},
                intAttribute("axis", 0))), "node 'sm' is a Softmax over axis 0", "axis 1 or -1 only");
    }

    @Test
    void broadcastsTheNetworkCannotExpressAreRefused() {
        assertRefused(afterOneLayer("y", g -> g.floats("c", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .node("Add", "add", new String[] {"z", "c"}, new String[] {"y"})),
                "node 'add' uses constant 'c' of shape [2, 3], which does not broadcast");
        assertRefused(afterOneLayer("y", g -> g.node("Relu", "r", new String[] {"z"}, new String[] {"a"})
                .floats("k", new long[0], 2).node("Mul", "times", new String[] {"a", "k"}, new String[] {"y"})),
                "node 'times' is a Mul after the first layer's activation");
        assertRefused(afterOneLayer("y", g -> g.longs("shape", new long[] {1}, -1)
                .node("Reshape", "flat", new String[] {"z", "shape"}, new String[] {"y"})),
                "node 'flat' reshapes to [-1]", "(batch, features)");
        assertRefused(afterOneLayer("y", g -> g.node("Flatten", "f0", new String[] {"z"}, new String[] {"y"},
                intAttribute("axis", 0))), "node 'f0' is a Flatten with axis 0");
    }

    @Test
    void activationsMlp4jCannotComputeAreRefused() {
        assertRefused(afterOneLayer("y", g -> g.node("LeakyRelu", "lr", new String[] {"z"}, new String[] {"y"},
                floatAttribute("alpha", 1.5f))), "node 'lr' is a leaky ReLU with slope 1.5", "[0, 1)");
        assertRefused(afterOneLayer("y", g -> g.node("Relu", "r1", new String[] {"z"}, new String[] {"a"})
                .node("Relu", "r2", new String[] {"a"}, new String[] {"y"})),
                "node 'r2' applies Relu where no dense layer precedes it");
        byte[] oneColumn = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 1L)
                .floats("W", new long[] {2, 1}, 1, 2)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"z"})
                .node("Softmax", "sm", new String[] {"z"}, new String[] {"y"}).build();
        assertRefused(oneColumn, "node 'sm' applies Softmax to 1 column");
        assertRefused(afterOneLayer("y", g -> g.node("Dropout", "d", new String[] {"z", "", "training"},
                new String[] {"y"})), "node 'd' has a training_mode input", "model.eval()");
        assertRefused(afterOneLayer("y", g -> g.node("Cast", "c", new String[] {"z"}, new String[] {"y"},
                intAttribute("to", INT64))), "node 'c' casts to int64");
    }

    @Test
    void inputsOpsetsAndWeightsOutsideTheSupportedRangeAreRefused() {
        assertRefused(new GraphBuilder().opset(8).input("x", FLOAT, "N", 2L).output("x", FLOAT, "N", 2L).build(),
                "operator set 8", "opsets 9 to 21");
        assertRefused(new GraphBuilder().opset(22).input("x", FLOAT, "N", 2L).output("x", FLOAT, "N", 2L).build(),
                "operator set 22");
        assertRefused(afterOneLayer("y", g -> g.input("x2", FLOAT, "N", 2L)
                .node("Relu", "r", new String[] {"z"}, new String[] {"y"})), "The graph has 2 inputs [x, x2]");
        byte[] ints = new GraphBuilder().input("x", INT64, "N", 2L).output("y", FLOAT, "N", 3L).build();
        assertRefused(ints, "Input 'x' holds int64 values");
        byte[] noBatch = new GraphBuilder().input("x", FLOAT, 2L).output("y", FLOAT, 3L).build();
        assertRefused(noBatch, "Input 'x' has rank 1");
        assertRefused(new GraphBuilder().input("x", FLOAT, "N", 2L).output("x", FLOAT, "N", 2L).build(),
                "The graph has no dense layer");
        byte[] wrongWidth = new GraphBuilder().input("x", FLOAT, "N", 4L).output("y", FLOAT, "N", 3L)
                .floats("W", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        assertRefused(wrongWidth, "node 'mm' has weights 'W' of shape [2, 3] for 2 inputs, but its input has 4");
        byte[] computedWeights = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .node("MatMul", "mm", new String[] {"x", "x"}, new String[] {"y"}).build();
        assertRefused(computedWeights, "node 'mm' takes 'x' as a computed tensor where mlp4j needs a constant");
        byte[] transA = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .floats("W", new long[] {2, 2}, 1, 2, 3, 4)
                .node("Gemm", "g", new String[] {"x", "W"}, new String[] {"y"}, intAttribute("transA", 1)).build();
        assertRefused(transA, "node 'g' transposes its data input (transA = 1)");
        byte[] nan = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .floats("W", new long[] {2, 2}, 1, Double.NaN, 3, 4)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        assertRefused(nan, "node 'mm' uses tensor 'W', whose value 1 is NaN");
        byte[] zeroScale = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .floats("d", new long[] {2}, 1, 0)
                .floats("W", new long[] {2, 2}, 1, 2, 3, 4)
                .node("Div", "div", new String[] {"x", "d"}, new String[] {"xs"})
                .node("MatMul", "mm", new String[] {"xs", "W"}, new String[] {"y"}).build();
        assertRefused(zeroScale, "node 'div' ends an input scaling that gives column 1", "positive, finite scale");
        byte[] rank3 = new GraphBuilder().input("x", FLOAT, "N", 3L, 1L).output("y", FLOAT, "N", 2L)
                .floats("c", new long[] {3}, 1, 2, 3)
                .floats("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6)
                .node("Sub", "centre", new String[] {"x", "c"}, new String[] {"xs"})
                .node("Flatten", "flat", new String[] {"xs"}, new String[] {"xf"})
                .node("MatMul", "mm", new String[] {"xf", "W"}, new String[] {"y"}).build();
        assertRefused(rank3, "node 'centre' scales a tensor of rank 3", "flatten the input first");
        byte[] reversed = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .floats("c", new long[0], 1)
                .floats("W", new long[] {2, 2}, 1, 2, 3, 4)
                .node("Sub", "flip", new String[] {"c", "x"}, new String[] {"xs"})
                .node("MatMul", "mm", new String[] {"xs", "W"}, new String[] {"y"}).build();
        assertRefused(reversed, "node 'flip' takes the data as its second input");
    }

    @Test
    void mismatchedTensorDataIsRefused() {
        byte[] shortData = new GraphBuilder().input("x", DOUBLE, "N", 2L).output("y", DOUBLE, "N", 2L)
                .doubles("W", new long[] {2, 2}, 1, 2, 3)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        assertRefused(shortData, "tensor 'W' is malformed: its raw data has 24 bytes but its shape [2, 2] needs 32");
        byte[] fp16 = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .initializer(GraphBuilder.tensor("W", 10, new long[] {2, 2}).bytes(9, new byte[8]))
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        assertRefused(fp16, "Tensor 'W' holds float16 values; mlp4j imports float32 and float64 weights only");
        byte[] huge = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .initializer(GraphBuilder.tensor("W", FLOAT, new long[] {2, 1L << 40}).bytes(9, new byte[8]))
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        assertRefused(huge, "has more elements than a Java array holds");
    }

    @Test
    void externalDataMustStayInTheModelsFolder(@TempDir Path dir) throws Exception {
        Path inner = Files.createDirectory(dir.resolve("model"));
        Files.write(dir.resolve("secret.bin"), new byte[16]);
        byte[] escaping = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .external("W", new long[] {2, 2}, "../secret.bin", 0, 16)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        Path model = Files.write(inner.resolve("m.onnx"), escaping);
        assertThatThrownBy(() -> OnnxImporter.read(model)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("'../secret.bin' lies outside the model's folder");

        byte[] missing = new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .external("W", new long[] {2, 2}, "weights.bin", 0, 16)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
        Path missingModel = Files.write(inner.resolve("missing.onnx"), missing);
        assertThatThrownBy(() -> OnnxImporter.read(missingModel)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("external file 'weights.bin'").hasMessageContaining("does not exist");

        Files.write(inner.resolve("weights.bin"), new byte[10]);
        assertThatThrownBy(() -> OnnxImporter.read(missingModel)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("has 10 bytes, fewer than the offset 0 plus the length 16");
    }

    @Test
    void damagedFilesGetAClearMessage() throws Exception {
        Network net = Network.builder().input(3).dense(4, Activation.relu()).dense(2, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(1).build();
        byte[] model = OnnxExporter.defaults().toByteArray(net);
        assertRefused(Arrays.copyOf(model, model.length / 2), "Not a valid ONNX model");
        assertRefused(new byte[0], "Not a valid ONNX model: it has no graph");
        assertRefused("not a model at all".getBytes(java.nio.charset.StandardCharsets.UTF_8), "Not a valid ONNX model");
        byte[] hugeLength = {0x3A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};   // graph: 2³¹ − 1 bytes
        assertRefused(hugeLength, "field 7 declaring 2147483647 bytes when only 0 remain (at byte 1)");
        byte[] negativeLength = new byte[12];                                 // graph: 2⁶⁴ − 1 bytes, a 10-byte varint
        negativeLength[0] = 0x3A;
        Arrays.fill(negativeLength, 1, 10, (byte) 0xFF);
        negativeLength[10] = 0x01;
        assertRefused(negativeLength, "declaring 18446744073709551615 bytes");
        byte[] residual = afterOneLayer("y", g -> g.node("Relu", "r", new String[] {"z"}, new String[] {"a"})
                .floats("k", new long[] {3}, 1, 2, 3)
                .node("Add", "bias", new String[] {"a", "k"}, new String[] {"a2"})
                .node("Add", "mix", new String[] {"a2", "z"}, new String[] {"y"}));
        assertRefused(residual, "Tensor 'z' feeds 2 nodes");
    }
}
