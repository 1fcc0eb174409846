package io.github.mlp4j.onnx;

import io.github.mlp4j.onnx.OnnxGraph.Node;
import io.github.mlp4j.onnx.OnnxGraph.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The constant tensors of a graph, by name: its initializers and the values of its
 * {@code Constant} nodes, decoded on first use and checked to be finite.
 */
final class Constants {
    private final Map<String, Tensor> tensors = new HashMap<>();
    private final Map<String, double[]> decoded = new HashMap<>();
    private final Path folder;

    /**
     * Creates the constants of a graph with the given initializers.
     *
     * @param initializers the graph's initializers by name; copied
     * @param folder the folder that external data paths are relative to, or null for a stream
     */
    Constants(Map<String, Tensor> initializers, Path folder) {
        this.tensors.putAll(initializers);
        this.folder = folder;
    }

    /** Returns whether {@code name} is a constant. */
    boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** Returns the values of an integer constant, such as a Reshape's shape, that node {@code n} takes. */
    long[] integers(Node n, String name) throws IOException {
        return TensorData.integers(get(n, name), folder);
    }

    /** Returns the values of a float constant that node {@code n} takes. */
    double[] reals(Node n, String name) throws IOException {
        return reals(n, get(n, name));
    }

    /** Registers a {@code Constant} node's value tensor under its output's name. */
    void register(Node n) throws OnnxImportException {
        OnnxGraph.Attribute value = n.attributes().get("value");
        if (value == null || value.t() == null || n.outputs().size() != 1) {
            throw LayerChain.refuse(n, "is a Constant without a tensor value; mlp4j imports Constant(value = tensor) only");
        }
        Tensor t = value.t();
        tensors.put(n.outputs().get(0), new Tensor(n.outputs().get(0), t.dataType(), t.dims(), t.bytes(), t.from(),
                t.to(), t.external()));
    }

    /** Registers {@code name} as another name of the constant {@code original}. */
    void alias(String name, String original) {
        tensors.put(name, tensors.get(original));
    }

    /** Returns the constant {@code name} that node {@code n} takes, or refuses the node if it is computed. */
    Tensor get(Node n, String name) throws OnnxImportException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw LayerChain.refuse(n, "takes '" + name + "' as " + (name.isEmpty() ? "an absent input" : "a computed tensor")
                    + " where mlp4j needs a constant (an initializer)");
        }
        return t;
    }

    /** Returns a constant's values, checked to be finite. */
    double[] reals(Node n, Tensor t) throws IOException {
        double[] v = decoded.get(t.name());
        if (v == null) {
            v = TensorData.reals(t, folder);
            for (int k = 0; k < v.length; k++) {
                if (!Double.isFinite(v[k])) {
                    throw LayerChain.refuse(n, "uses tensor '" + t.name() + "', whose value " + k + " is " + v[k]
                            + "; a network's parameters must be finite");
                }
            }
            decoded.put(t.name(), v);
        }
        return v;
    }

    /** Returns a constant that broadcasts over rows of {@code columns} values, as {@code columns} values. */
    double[] row(Node n, String name, int columns) throws IOException {
        Tensor t = get(n, name);
        long[] d = t.dims();
        boolean scalar = t.size() == 1 && d.length <= 2;
        boolean row = d.length == 1 && d[0] == columns || d.length == 2 && d[0] == 1 && d[1] == columns;
        if (!scalar && !row) {
            throw LayerChain.refuse(n, "uses constant '" + name + "' of shape " + t.shape() + ", which does not broadcast "
                    + "to one value per column of rows with " + columns + " columns; mlp4j adds one value per column");
        }
        double[] v = reals(n, t);
        if (scalar && columns != 1) {
            double[] wide = new double[columns];
            Arrays.fill(wide, v[0]);
            return wide;
        }
        return v.clone();
    }
}
