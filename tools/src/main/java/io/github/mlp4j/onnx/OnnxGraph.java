package io.github.mlp4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model ({@code onnx.ModelProto}) that import needs, decoded from its
 * protobuf bytes: the operator set, the metadata, and the graph's nodes, initializers, inputs and
 * outputs. Everything else (documentation strings, value infos, training information, functions,
 * sub-graphs) is skipped.
 *
 * <p>The field numbers are those of {@code onnx.proto}. Tensor data is not copied here: a
 * {@link Tensor} keeps a view of its message, and {@link TensorData} decodes it when a layer
 * needs it. The number of nodes, names, attributes and dimensions a model may declare is capped
 * ({@link #MAX_ITEMS}), so that a hostile file cannot make the decoder hold more objects than an
 * MLP could ever need.
 */
final class OnnxGraph {
    /** The most nodes, names, attributes, initializers and dimensions one model may declare in all. */
    static final int MAX_ITEMS = 50_000;
    /** The highest tensor rank accepted. */
    static final int MAX_RANK = 8;

    // TensorProto.DataType values
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int STRING = 8;
    static final int DOUBLE = 11;

    /**
     * An initializer or constant tensor: its element type, shape, and the bytes of its
     * {@code TensorProto} message ({@code bytes[from .. to)}), or the file it points to.
     */
    record Tensor(String name, int dataType, long[] dims, byte[] bytes, int from, int to, Map<String, String> external) {
        /** Returns the number of elements, the product of the dimensions (1 for a scalar), or −1 if over 2³¹ − 1. */
        long size() {
            long n = 1;
            for (long d : dims) {
                if (d > Integer.MAX_VALUE) {
                    return -1;
                }
                n *= d;                                            // both at most 2³¹ − 1: no overflow
                if (n > Integer.MAX_VALUE) {
                    return -1;
                }
            }
            return n;
        }

        /** Returns the shape as {@code [2, 3]}. */
        String shape() {
            return Arrays.toString(dims);
        }
    }

    /** An attribute of a node: whichever of its value fields were present. */
    record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats, long[] ints,
            List<String> strings) {
    }

    /** A node: operator {@code domain::operator}, inputs and outputs by name (an absent input is {@code ""}). */
    record Node(int index, String name, String operator, String domain, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {
        /** Returns how messages name this node: {@code node 'fc1'}, or {@code node #3} if it has no name. */
        String label() {
            return name.isEmpty() ? "node #" + index : "node '" + name + "'";
        }

        /** Returns the i-th input's name, or {@code ""} if there is no such input. */
        String input(int i) {
            return i < inputs.size() ? inputs.get(i) : "";
        }
    }

    /** A graph input or output: its name, element type (0 if not a tensor) and shape (−1 for an unknown dimension; null if unknown rank). */
    record Value(String name, int elementType, long[] dims) {
    }

    long irVersion;
    /** The version of the default operator set ({@code ""} or {@code "ai.onnx"}), 0 if none is imported. */
    long opset;
    String producer = "";
    String producerVersion = "";
    final Map<String, String> metadata = new LinkedHashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> initializers = new HashMap<>();
    final List<Value> inputs = new ArrayList<>();
    final List<Value> outputs = new ArrayList<>();
    private boolean graphSeen;
    private int items;

    private OnnxGraph() {
    }

    /**
     * Decodes an ONNX model.
     *
     * @param model the model's bytes; kept (tensors are views of it), not modified
     * @return the decoded model
     * @throws OnnxImportException if the bytes are not a valid ONNX model
     */
    static OnnxGraph parse(byte[] model) throws OnnxImportException {
        OnnxGraph g = new OnnxGraph();
        ProtoReader r = new ProtoReader(model, 0, model.length, "model");
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> g.irVersion = r.integer();                                      // ir_version
                case 2 -> g.producer = r.string();                                        // producer_name
                case 3 -> g.producerVersion = r.string();                                 // producer_version
                case 7 -> {                                                               // graph
                    if (g.graphSeen) {
                        throw r.malformed("a second graph", r.position());
                    }
                    g.graphSeen = true;
                    g.graph(r.message("graph"));
                }
                case 8 -> g.opsetImport(r.message("opset_import"));
                case 14 -> g.metadataEntry(r.message("metadata_props"));
                default -> r.skip();
            }
        }
        if (!g.graphSeen) {
            throw new OnnxImportException("Not a valid ONNX model: it has no graph (ModelProto field 7). "
                    + "The file is empty, damaged, or not an ONNX model.");
        }
        return g;
    }

    private void opsetImport(ProtoReader r) throws OnnxImportException {
        String domain = "";
        long version = 0;
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> domain = r.string();
                case 2 -> version = r.integer();
                default -> r.skip();
            }
        }
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
            opset = version;
        }
    }

    private void metadataEntry(ProtoReader r) throws OnnxImportException {
        count(r);
        String key = "";
        String value = "";
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> key = r.string();
                case 2 -> value = r.string();
                default -> r.skip();
            }
        }
        metadata.put(key, value);
    }

    private void graph(ProtoReader r) throws OnnxImportException {
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> nodes.add(node(r.message("node")));
                case 5 -> {
                    Tensor t = tensor(r.message("initializer"));
                    initializers.put(t.name(), t);
                }
                case 11 -> inputs.add(value(r.message("graph input")));
                case 12 -> outputs.add(value(r.message("graph output")));
                case 15 -> throw new OnnxImportException("The graph has a sparse initializer; mlp4j imports dense "
                        + "tensors only. Export the model with dense weights.");
                default -> r.skip();
            }
        }
    }

    private Node node(ProtoReader r) throws OnnxImportException {
        count(r);
        List<String> in = new ArrayList<>(3);
        List<String> out = new ArrayList<>(1);
        String name = "";
        String operator = "";
        String domain = "";
        Map<String, Attribute> attributes = new HashMap<>();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> {
                    count(r);
                    in.add(r.string());
                }
                case 2 -> {
                    count(r);
                    out.add(r.string());
                }
                case 3 -> name = r.string();
                case 4 -> operator = r.string();
                case 5 -> {
                    Attribute a = attribute(r.message("attribute"));
                    attributes.put(a.name(), a);
                }
                case 7 -> domain = r.string();
                default -> r.skip();
            }
        }
        return new Node(nodes.size(), name, operator, domain, in, out, attributes);
    }

    private Attribute attribute(ProtoReader r) throws OnnxImportException {
        count(r);
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        Tensor t = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> name = r.string();
                case 20 -> type = (int) r.integer();
                case 2 -> f = r.float32();
                case 3 -> i = r.integer();
                case 4 -> s = r.string();
                case 5 -> t = tensor(r.message("attribute tensor"));
                case 7 -> floats(r, floats);
                case 8 -> ints(r, ints);
                case 9 -> {
                    count(r);
                    strings.add(r.string());
                }
                default -> r.skip();
            }
        }
        return new Attribute(name, type, f, i, s, t, floats.toArray(), ints.toArray(), strings);
    }

    /** Reads a {@code repeated float}, packed (wire type 2) or one by one (wire type 5). */
    private void floats(ProtoReader r, FloatList out) throws OnnxImportException {
        if (r.wireType() == ProtoReader.FIXED32) {
            count(r);
            out.add(r.float32());
            return;
        }
        ProtoReader packed = r.message("packed floats");
        while (packed.hasNext()) {
            count(r);
            out.add(Float.intBitsToFloat(packed.fixed32()));
        }
    }

    /** Reads a {@code repeated int64}, packed (wire type 2) or one by one (wire type 0). */
    private void ints(ProtoReader r, LongList out) throws OnnxImportException {
        if (r.wireType() != ProtoReader.LENGTH_DELIMITED) {
            count(r);
            out.add(r.integer());
            return;
        }
        ProtoReader packed = r.message("packed integers");
        while (packed.hasNext()) {
            count(r);
            out.add(packed.varint());
        }
    }

    /** Reads a {@code TensorProto}'s name, type, shape and location; its data stays in place. */
    private Tensor tensor(ProtoReader r) throws OnnxImportException {
        count(r);
        byte[] bytes = r.bytes();
        int from = r.position();
        int to = r.to();
        String name = "";
        int type = 0;
        LongList dims = new LongList();
        Map<String, String> external = null;
        boolean externalLocation = false;
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> {
                    ints(r, dims);
                    if (dims.size > MAX_RANK) {
                        throw r.malformed("a tensor of rank above " + MAX_RANK, r.position());
                    }
                }
                case 2 -> type = (int) r.integer();
                case 3 -> throw r.malformed("a tensor split into segments, which ONNX no longer allows", r.position());
                case 8 -> name = r.string();
                case 13 -> {
                    if (external == null) {
                        external = new HashMap<>();
                    }
                    ProtoReader e = r.message("external_data");
                    String key = "";
                    String value = "";
                    while (e.hasNext()) {
                        switch (e.next()) {
                            case 1 -> key = e.string();
                            case 2 -> value = e.string();
                            default -> e.skip();
                        }
                    }
                    count(r);
                    external.put(key, value);
                }
                case 14 -> externalLocation = r.integer() == 1;
                default -> r.skip();
            }
        }
        long[] shape = dims.toArray();
        for (long d : shape) {
            if (d < 0) {
                throw new OnnxImportException("Not a valid ONNX model: tensor '" + name + "' has the negative dimension "
                        + d + " in its shape " + Arrays.toString(shape) + ".");
            }
        }
        return new Tensor(name, type, shape, bytes, from, to, externalLocation ? external : null);
    }

    /** Reads a {@code ValueInfoProto}: name, and the element type and shape of a tensor type. */
    private Value value(ProtoReader r) throws OnnxImportException {
        count(r);
        String name = "";
        int elementType = 0;
        LongList dims = null;
        while (r.hasNext()) {
            switch (r.next()) {
                case 1 -> name = r.string();
                case 2 -> {                                                               // type
                    ProtoReader type = r.message("type");
                    while (type.hasNext()) {
                        if (type.next() != 1) {                                           // not tensor_type
                            type.skip();
                            continue;
                        }
                        ProtoReader tensor = type.message("tensor type");
                        while (tensor.hasNext()) {
                            switch (tensor.next()) {
                                case 1 -> elementType = (int) tensor.integer();
                                case 2 -> dims = shape(tensor.message("shape"));
                                default -> tensor.skip();
                            }
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new Value(name, elementType, dims == null ? null : dims.toArray());
    }

    private LongList shape(ProtoReader r) throws OnnxImportException {
        LongList dims = new LongList();
        while (r.hasNext()) {
            if (r.next() != 1) {
                r.skip();
                continue;
            }
            count(r);
            if (dims.size >= MAX_RANK) {
                throw r.malformed("a shape of rank above " + MAX_RANK, r.position());
            }
            ProtoReader d = r.message("dimension");
            long value = -1;
            while (d.hasNext()) {
                if (d.next() == 1) {
                    long v = d.integer();
                    value = v >= 0 ? v : -1;
                } else {
                    d.skip();
                }
            }
            dims.add(value);
        }
        return dims;
    }

    private void count(ProtoReader r) throws OnnxImportException {
        if (++items > MAX_ITEMS) {
            throw new OnnxImportException("The model declares more than " + MAX_ITEMS + " nodes, names, attributes "
                    + "and dimensions (at byte " + r.position() + "); mlp4j imports multilayer perceptrons, which "
                    + "need far fewer.");
        }
    }

    /** A growable list of floats. */
    private static final class FloatList {
        float[] values = new float[4];
        int size;

        void add(float v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable list of longs. */
    private static final class LongList {
        long[] values = new long[4];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
