package io.github.mlp4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds small ONNX models byte by byte with {@link ProtoWriter}, for tests of graphs that no
 * exporter writes: refusals, and storage variants. Field numbers are those of {@code onnx.proto}.
 */
final class GraphBuilder {
    static final int FLOAT = 1;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    private final ProtoWriter graph = new ProtoWriter();
    private final ProtoWriter model = new ProtoWriter();
    private int opset = 13;

    /** Sets the default domain's operator set version (13 unless set). */
    GraphBuilder opset(int version) {
        opset = version;
        return this;
    }

    /** Adds a graph input of element type {@code type} and shape {@code dims} (Long or String each). */
    GraphBuilder input(String name, int type, Object... dims) {
        graph.message(11, value(name, type, dims));
        return this;
    }

    /** Adds a graph output. */
    GraphBuilder output(String name, int type, Object... dims) {
        graph.message(12, value(name, type, dims));
        return this;
    }

    /** Adds a node of the default domain. */
    GraphBuilder node(String operator, String name, String[] inputs, String[] outputs, ProtoWriter... attributes) {
        return node("", operator, name, inputs, outputs, attributes);
    }

    /** Adds a node of {@code domain}. */
    GraphBuilder node(String domain, String operator, String name, String[] inputs, String[] outputs,
            ProtoWriter... attributes) {
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(1, in);
        }
        for (String out : outputs) {
            node.string(2, out);
        }
        node.string(3, name).string(4, operator);
        for (ProtoWriter a : attributes) {
            node.message(5, a);
        }
        if (!domain.isEmpty()) {
            node.string(7, domain);
        }
        graph.message(1, node);
        return this;
    }

    /** Adds a float32 initializer in raw data. */
    GraphBuilder floats(String name, long[] dims, double... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            raw.putFloat((float) v);
        }
        graph.message(5, tensor(name, FLOAT, dims).bytes(9, raw.array()));
        return this;
    }

    /** Adds a float64 initializer in raw data. */
    GraphBuilder doubles(String name, long[] dims, double... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            raw.putDouble(v);
        }
        graph.message(5, tensor(name, DOUBLE, dims).bytes(9, raw.array()));
        return this;
    }

    /** Adds an int64 initializer in typed, unpacked {@code int64_data}. */
    GraphBuilder longs(String name, long[] dims, long... values) {
        ProtoWriter t = tensor(name, INT64, dims);
        for (long v : values) {
            t.varint(7, v);
        }
        graph.message(5, t);
        return this;
    }

    /** Adds a float32 initializer whose data lie in an external file. */
    GraphBuilder external(String name, long[] dims, String location, long offset, long length) {
        ProtoWriter t = tensor(name, FLOAT, dims)
                .message(13, new ProtoWriter().string(1, "location").string(2, location))
                .message(13, new ProtoWriter().string(1, "offset").string(2, Long.toString(offset)))
                .message(13, new ProtoWriter().string(1, "length").string(2, Long.toString(length)))
                .varint(14, 1);
        graph.message(5, t);
        return this;
    }

    /** Adds a raw initializer message as given. */
    GraphBuilder initializer(ProtoWriter tensor) {
        graph.message(5, tensor);
        return this;
    }

    /** Adds a metadata entry to the model. */
    GraphBuilder metadata(String key, String value) {
        model.message(14, new ProtoWriter().string(1, key).string(2, value));
        return this;
    }

    /** Returns a {@code TensorProto} with a name, element type and shape, and no data yet. */
    static ProtoWriter tensor(String name, int type, long[] dims) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name);
    }

    /** Returns an integer attribute. */
    static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    /** Returns a float attribute. */
    static ProtoWriter floatAttribute(String name, float value) {
        return new ProtoWriter().string(1, name).float32(2, value).varint(20, 1);
    }

    /** Returns the model's bytes. */
    byte[] build() {
        ProtoWriter m = new ProtoWriter().varint(1, 8).string(2, "GraphBuilder");
        m.message(7, graph.string(2, "test"));
        m.message(8, new ProtoWriter().string(1, "").varint(2, opset));
        m.bytes(99, new byte[] {1, 2});                                      // an unknown field, skipped
        byte[] tail = model.toByteArray();
        byte[] head = m.toByteArray();
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static ProtoWriter value(String name, int type, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new ProtoWriter().string(2, s)
                    : new ProtoWriter().varint(1, ((Number) d).longValue()));
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, type).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
