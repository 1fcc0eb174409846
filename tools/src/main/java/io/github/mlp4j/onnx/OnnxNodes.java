package io.github.mlp4j.onnx;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.activation.Identity;
import io.github.mlp4j.activation.LeakyRelu;
import io.github.mlp4j.activation.Relu;
import io.github.mlp4j.activation.Sigmoid;
import io.github.mlp4j.activation.Softmax;
import io.github.mlp4j.activation.Tanh;
import io.github.mlp4j.onnx.OnnxExporter.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The nodes and initializers that an {@link OnnxLayerWriter} adds to an exported ONNX graph for one
 * layer.
 *
 * <p>Every name in the model is given here, so that no two clash: initializer {@code "gamma"} of
 * layer 2 becomes {@code "layer2_gamma"}, and each node gets a fresh output name such as
 * {@code "layer2_Mul_1"}. Each method returns the name to pass on as an input of later nodes. A
 * node may read the layer's input, its initializers and the outputs of its earlier nodes, and
 * nothing else, so that a mistake fails here with a message rather than in the runtime.
 *
 * <p>Initializers take the exporter's {@link #precision()}: 64-bit floats, or the values rounded to
 * 32-bit floats. Operators are those of ONNX's default domain at the exporter's {@link #opset()}.
 *
 * <p>An instance serves one layer of one export, on the exporting thread; it is not thread-safe.
 */
public final class OnnxNodes {
    // ONNX TensorProto.DataType and AttributeProto.AttributeType values (onnx.proto).
    static final int ONNX_FLOAT = 1;
    static final int ONNX_DOUBLE = 11;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private final ProtoWriter graph;
    private final Precision precision;
    private final int opset;
    private final int layerNumber;
    private final String prefix;
    private final String input;
    private final Set<String> names = new HashSet<>();
    private int nodes;

    OnnxNodes(ProtoWriter graph, Precision precision, int opset, int layerNumber, String input) {
        this.graph = graph;
        this.precision = precision;
        this.opset = opset;
        this.layerNumber = layerNumber;
        this.prefix = "layer" + layerNumber + "_";
        this.input = input;
        names.add(input);
    }

    /**
     * Returns the operator set version of the model: from {@value OnnxExporter#MIN_OPSET} to
     * {@value OnnxExporter#MAX_OPSET}.
     *
     * @return the opset
     */
    public int opset() {
        return opset;
    }

    /**
     * Returns the element type of the model's tensors, which the initializers take.
     *
     * @return the precision
     */
    public Precision precision() {
        return precision;
    }

    /**
     * Adds a constant tensor, an initializer, and returns its name in the model.
     *
     * @param name a name unique within the layer: 1 to 64 letters, digits or '_', such as
     *     {@code "gamma"}
     * @param shape the dimensions, none for a scalar; each at least 0
     * @param values the values in row-major order, as many as the dimensions' product; not modified
     * @return the tensor's name, {@code "layer<number>_" + name}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is malformed or already used in this layer, a
     *     dimension is negative, or the number of values does not fit the shape
     */
    public String initializer(String name, long[] shape, double[] values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The initializer name \"" + name + "\" is not valid; use 1 to 64"
                    + " letters, digits or '_', such as \"gamma\".");
        }
        long count = 1;                                                   // the shape's product, saturated
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Initializer \"" + name + "\" has the dimension " + d
                        + "; dimensions must be at least 0.");
            }
            count = d == 0 || count == 0 ? 0 : d > Long.MAX_VALUE / count ? Long.MAX_VALUE : count * d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("Initializer \"" + name + "\" has the shape " + Arrays.toString(shape)
                    + ", which holds " + (count == Long.MAX_VALUE ? "more than " + count : count) + " values, but "
                    + values.length + " were given; pass one value per element, in row-major order.");
        }
        String full = prefix + name;
        if (!names.add(full)) {
            throw new IllegalArgumentException("The name \"" + full + "\" is already used in layer " + layerNumber
                    + "; give initializer \"" + name + "\" another one.");
        }
        graph.message(5, tensor(precision, full, shape, values, 0, values.length));
        return full;
    }

    /**
     * Adds a node of an ONNX operator without attributes and returns the name of its output.
     *
     * @param operator an operator of ONNX's default domain, such as {@code "Mul"}
     * @param inputs the names of its inputs, in the operator's order: the layer's input, or names
     *     this object returned
     * @return the name of the node's one output
     * @throws NullPointerException if an argument or input is null
     * @throws IllegalArgumentException if the operator is not a name of letters and digits, or an
     *     input is not a tensor this layer can read
     */
    public String node(String operator, String... inputs) {
        return node(operator, Map.of(), inputs);
    }

    /**
     * Adds a node of an ONNX operator with attributes and returns the name of its output.
     *
     * @param operator an operator of ONNX's default domain, such as {@code "LeakyRelu"}
     * @param attributes the attributes by name: an {@link Integer} or {@link Long} is written as an
     *     {@code INT} attribute, a {@link Float} or {@link Double} as a {@code FLOAT} one (ONNX
     *     holds no double attribute); written in the order of their names; not modified
     * @param inputs the names of its inputs, in the operator's order: the layer's input, or names
     *     this object returned
     * @return the name of the node's one output
     * @throws NullPointerException if an argument, input, attribute name or value is null
     * @throws IllegalArgumentException if the operator is not a name of letters and digits, an input
     *     is not a tensor this layer can read, or an attribute value is of another type
     */
    public String node(String operator, Map<String, ? extends Number> attributes, String... inputs) {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(inputs, "inputs");
        if (!OPERATOR.matcher(operator).matches()) {
            throw new IllegalArgumentException("\"" + operator + "\" is not an ONNX operator name; pass one such as"
                    + " \"Mul\", \"Add\" or \"MatMul\".");
        }
        for (String in : inputs) {
            if (!names.contains(Objects.requireNonNull(in, "input"))) {
                throw new IllegalArgumentException("A " + operator + " node of layer " + layerNumber + " reads \"" + in
                        + "\", which is neither the layer's input \"" + input + "\" nor a name that initializer(...)"
                        + " or node(...) returned for this layer; pass one of those.");
            }
        }
        List<ProtoWriter> encoded = new ArrayList<>();
        for (Map.Entry<String, ? extends Number> a : new TreeMap<String, Number>(attributes).entrySet()) {
            encoded.add(attribute(a.getKey(), a.getValue()));
        }
        String output;
        do {
            output = prefix + operator + "_" + ++nodes;
        } while (names.contains(output));
        names.add(output);
        ProtoWriter node = nodeProto(operator, output, output, inputs);
        encoded.forEach(a -> node.message(5, a));
        graph.message(1, node);
        return output;
    }

    /**
     * Checks that the writer of layer {@code number} returned a name this layer can read.
     *
     * @throws IllegalStateException naming the layer and the name, if it cannot
     */
    String checkOutput(String z, Layer layer, int number) {
        if (z == null || !names.contains(z)) {
            String returned = z == null ? "null" : "\"" + z + "\"";
            throw new IllegalStateException("The ONNX writer of layer " + number + " (" + layer.getClass().getName()
                    + ") returned " + returned + ", which is neither its input nor a tensor it added; return the name that"
                    + " nodes.node(...) gave the node computing the weighted sums z.");
        }
        return z;
    }

    /**
     * Appends the nodes of {@code a = f(z)} for a built-in activation of layer {@code number};
     * identity needs none, as the layer already wrote {@code a}.
     *
     * @throws IllegalArgumentException naming the layer, for an activation of another class
     */
    static void activation(ProtoWriter graph, Precision precision, Activation f, int number, String z, String a) {
        String name = "activation" + number;
        if (f instanceof Identity) {
            return;
        } else if (f instanceof Sigmoid) {
            graph.message(1, nodeProto("Sigmoid", name, a, z));
        } else if (f instanceof Tanh) {
            graph.message(1, nodeProto("Tanh", name, a, z));
        } else if (f instanceof Relu) {
            graph.message(1, nodeProto("Relu", name, a, z));
        } else if (f instanceof Softmax) {
            graph.message(1, nodeProto("Softmax", name, a, z).message(5, attribute("axis", -1)));
        } else if (f instanceof LeakyRelu leaky && precision == Precision.FLOAT) {
            graph.message(1, nodeProto("LeakyRelu", name, a, z).message(5, attribute("alpha", (float) leaky.slope())));
        } else if (f instanceof LeakyRelu leaky) {
            String slope = "slope" + number;
            String scaled = "scaled" + number;
            graph.message(5, tensor(precision, slope, new long[0], new double[] {leaky.slope()}, 0, 1));  // s, a scalar
            graph.message(1, nodeProto("Mul", name + "_scale", scaled, z, slope));                // s·z
            graph.message(1, nodeProto("Max", name, a, z, scaled));                               // max(z, s·z)
        } else {
            throw new IllegalArgumentException("ONNX export supports the built-in activations only, but layer "
                    + number + " uses " + f.name() + " (" + f.getClass().getName()
                    + "); use one of Activation's factories.");
        }
    }

    /** Returns a {@code NodeProto} of the default domain with one output. */
    static ProtoWriter nodeProto(String operator, String name, String output, String... inputs) {
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(1, in);
        }
        node.string(2, output);
        node.string(3, name);
        node.string(4, operator);
        return node;
    }

    /** Returns an {@code AttributeProto}: INT for Integer and Long, FLOAT for Float and Double. */
    static ProtoWriter attribute(String name, Number value) {
        ProtoWriter attribute = new ProtoWriter().string(1, Objects.requireNonNull(name, "attribute name"));
        if (value instanceof Integer || value instanceof Long) {
            return attribute.varint(3, value.longValue()).varint(20, ATTRIBUTE_INT);
        } else if (value instanceof Float || value instanceof Double) {
            return attribute.float32(2, value.floatValue()).varint(20, ATTRIBUTE_FLOAT);
        }
        throw new IllegalArgumentException("Attribute \"" + name + "\" is " + (value == null ? "null" : "a "
                + value.getClass().getName()) + "; pass an Integer or Long (INT) or a Float or Double (FLOAT).");
    }

    /** Returns a {@code TensorProto} of {@code values[offset .. offset + count)} in little-endian raw data. */
    static ProtoWriter tensor(Precision precision, String name, long[] dims, double[] values, int offset, int count) {
        ProtoWriter tensor = new ProtoWriter();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        ByteBuffer raw;
        if (precision == Precision.DOUBLE) {
            tensor.varint(2, ONNX_DOUBLE);
            raw = ByteBuffer.allocate(Math.multiplyExact(count, Double.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                raw.putDouble(values[offset + i]);
            }
        } else {
            tensor.varint(2, ONNX_FLOAT);
            raw = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                raw.putFloat((float) values[offset + i]);                                         // nearest float
            }
        }
        tensor.string(8, name);
        tensor.bytes(9, raw.array());
        return tensor;
    }
}
