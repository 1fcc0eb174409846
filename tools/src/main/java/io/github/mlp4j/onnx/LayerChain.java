package io.github.mlp4j.onnx;

import io.github.mlp4j.Activation;
import io.github.mlp4j.onnx.OnnxGraph.Node;
import io.github.mlp4j.onnx.OnnxGraph.Tensor;
import io.github.mlp4j.onnx.OnnxGraph.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks an ONNX graph from its one input to its output and collects what a multilayer perceptron
 * computes: an optional input scaling, then dense layers {@code a = f(a_prev·W + b)}.
 *
 * <p>The walk follows the single chain of nodes that consume each tensor in turn:
 * <ul>
 *   <li>{@code Identity}, {@code Dropout} (inference), {@code Cast} to float32 or float64, and
 *       {@code Flatten} or {@code Reshape} to (batch, features) change nothing;</li>
 *   <li>{@code Sub}, {@code Div}, {@code Mul} and {@code Add} of constants before the first layer
 *       form the scaling {@code x' = (x − mean) / scale};</li>
 *   <li>{@code Gemm} or {@code MatMul} with a constant weight matrix opens a layer, and a following
 *       {@code Add} of a constant adds to its bias;</li>
 *   <li>{@code Relu}, {@code LeakyRelu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax} over the
 *       last axis, or mlp4j's double-precision leaky ReLU {@code Max(z, Mul(z, s))} closes it;</li>
 *   <li>an {@code ArgMax} or {@code ZipMap} ends the walk: the label branch after it is ignored;
 *       skl2onnx's two-column binary probabilities {@code Concat(1 − p, p)} after a one-unit
 *       sigmoid layer become a two-unit softmax layer, which computes the same two columns.</li>
 * </ul>
 * Anything else is refused with an {@link OnnxImportException} that names the node, its operator
 * and why.
 */
final class LayerChain {
    /** One dense layer: W (in × out) row-major, b (out), and its activation. */
    record Dense(int in, int out, double[] w, double[] b, Activation activation) {
    }

    /** Operators that may follow the network's output in a classifier's label branch. */
    private static final Set<String> LABEL_BRANCH = Set.of("ArgMax", "ZipMap", "ArrayFeatureExtractor", "Reshape",
            "Cast", "Identity", "Squeeze", "Flatten");

    private final OnnxGraph graph;
    private final Constants constants;
    private final Map<String, List<Node>> consumers = new HashMap<>();
    private final Set<Node> used = new HashSet<>();

    final List<Dense> layers = new ArrayList<>();
    /** The input scaling met before the first layer. */
    private final InputScaling scaling;
    /** The scaling's means and scales, or null if the graph does not scale its input. */
    double[] mean;
    double[] scale;
    Value input;
    String output;

    /** The open layer: weights, bias, sizes, and whether an activation has been seen. */
    private Dense open;
    /** The number of features per row of the current tensor, or −1 while unknown. */
    private long width;
    private int rank;
    private long batch;

    private LayerChain(OnnxGraph graph, Path folder) {
        this.graph = graph;
        this.constants = new Constants(graph.initializers, folder);
        this.scaling = new InputScaling(constants);
    }

    /**
     * Walks {@code graph} and returns its layers.
     *
     * @param graph the decoded model
     * @param folder the folder of the model file, for external data; null for a stream
     * @return the walked chain
     * @throws OnnxImportException if the graph is not a multilayer perceptron mlp4j can compute
     * @throws IOException if external data cannot be read
     */
    static LayerChain walk(OnnxGraph graph, Path folder) throws IOException {
        LayerChain chain = new LayerChain(graph, folder);
        chain.run();
        return chain;
    }

    /** Returns the nodes of the walked chain (and the constants), not of the label branch; unmodifiable. */
    Set<Node> walked() {
        return java.util.Collections.unmodifiableSet(used);
    }

    private void run() throws IOException {
        if (graph.opset < OnnxImporter.MIN_OPSET || graph.opset > OnnxImporter.MAX_OPSET) {
            throw new OnnxImportException("The model uses ONNX operator set " + graph.opset + (graph.opset == 0
                    ? " (it imports none)" : "") + "; mlp4j imports opsets " + OnnxImporter.MIN_OPSET + " to "
                    + OnnxImporter.MAX_OPSET + ". Export it again with an opset in that range (for example "
                    + "opset_version=17 in torch.onnx.export).");
        }
        for (Node n : graph.nodes) {
            if (n.operator().equals("Constant") && n.domain().isEmpty()) {
                constants.register(n);
                used.add(n);
                continue;
            }
            if (n.operator().equals("Identity") && n.domain().isEmpty() && constants.has(n.input(0))
                    && n.outputs().size() == 1) {
                constants.alias(n.outputs().get(0), n.input(0));                          // a constant passed on
                used.add(n);
                continue;
            }
            for (String name : new HashSet<>(n.inputs())) {
                if (!name.isEmpty()) {
                    consumers.computeIfAbsent(name, k -> new ArrayList<>()).add(n);
                }
            }
        }
        start();
        String t = input.name();
        while (true) {
            List<Node> next = consumers.getOrDefault(t, List.of());
            if (next.isEmpty() || endsInLabelBranch(next)) {
                break;
            }
            t = next.size() == 1 ? step(next.get(0), t) : pair(next, t);
        }
        close(Activation.identity());
        if (graph.outputs.isEmpty()) {
            throw new OnnxImportException("Not a valid ONNX model: the graph declares no output.");
        }
        if (layers.isEmpty()) {
            throw new OnnxImportException("The graph has no dense layer (no MatMul or Gemm with constant weights "
                    + "between input '" + input.name() + "' and the output); mlp4j imports multilayer perceptrons.");
        }
        output = t;
        checkEverythingIsUsed();
    }

    /** Finds the one graph input that is not an initializer, and its shape. */
    private void start() throws OnnxImportException {
        List<Value> data = new ArrayList<>();
        for (Value v : graph.inputs) {
            if (!constants.has(v.name())) {
                data.add(v);
            }
        }
        if (data.size() != 1) {
            List<String> names = data.stream().map(Value::name).toList();
            throw new OnnxImportException("The graph has " + data.size() + " inputs " + names
                    + "; mlp4j imports networks with exactly one input matrix.");
        }
        input = data.get(0);
        if (input.elementType() != OnnxGraph.FLOAT && input.elementType() != OnnxGraph.DOUBLE) {
            throw new OnnxImportException("Input '" + input.name() + "' holds " + TensorData.typeName(input.elementType())
                    + " values; mlp4j imports networks with float32 or float64 inputs.");
        }
        long[] dims = input.dims();
        rank = dims == null ? -1 : dims.length;
        width = -1;
        batch = -1;
        if (dims != null) {
            if (dims.length < 2) {
                throw new OnnxImportException("Input '" + input.name() + "' has rank " + dims.length + "; mlp4j needs "
                        + "a batch dimension first, then the features, as in (N, features).");
            }
            batch = dims[0];
            width = 1;
            for (int k = 1; k < dims.length; k++) {
                width = dims[k] < 0 ? -1 : width * dims[k];
                if (width < 0) {
                    break;
                }
            }
        }
    }

    /** Applies one node that consumes the current tensor {@code t}; returns the tensor it produces. */
    private String step(Node n, String t) throws IOException {
        boolean scaler = n.domain().equals("ai.onnx.ml") && n.operator().equals("Scaler");
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx") && !scaler) {
            throw refuse(n, "is a " + n.domain() + "::" + n.operator() + "; mlp4j imports operators of the default "
                    + "ONNX domain only");
        }
        if (n.outputs().isEmpty() || n.outputs().get(0).isEmpty()) {
            throw refuse(n, "has no output");
        }
        for (int k = 1; k < n.outputs().size(); k++) {
            String extra = n.outputs().get(k);
            if (!extra.isEmpty() && (consumers.containsKey(extra) || isGraphOutput(extra))) {
                throw refuse(n, "has a second output '" + extra + "' that is used; mlp4j computes one tensor per step");
            }
        }
        if (!used.add(n)) {
            throw refuse(n, "is reached a second time: the graph has a cycle");
        }
        boolean dataFirst = n.input(0).equals(t);
        if (!dataFirst && !Set.of("Add", "Mul", "Sub", "Div", "MatMul", "Gemm").contains(n.operator())) {
            throw refuse(n, "takes '" + t + "' as input " + n.inputs().indexOf(t) + " where its data input is the "
                    + "first; mlp4j imports a single chain of layers");
        }
        switch (scaler ? "ai.onnx.ml.Scaler" : n.operator()) {
            case "Identity" -> { }
            case "ai.onnx.ml.Scaler" -> scaler(n);
            case "Dropout" -> {
                if (!n.input(2).isEmpty()) {
                    throw refuse(n, "has a training_mode input; export the model in inference mode (model.eval())");
                }
            }
            case "Cast" -> {
                long to = Attributes.integer(n, "to", 0);
                if (to != OnnxGraph.FLOAT && to != OnnxGraph.DOUBLE) {
                    throw refuse(n, "casts to " + TensorData.typeName((int) to) + "; mlp4j computes in float64");
                }
            }
            case "Flatten" -> flatten(n);
            case "Reshape" -> reshape(n);
            case "MatMul", "Gemm" -> dense(n, t);
            case "Add", "Sub", "Mul", "Div" -> arithmetic(n, t);
            case "Relu" -> activate(n, Activation.relu());
            case "Sigmoid" -> activate(n, Activation.sigmoid());
            case "Tanh" -> activate(n, Activation.tanh());
            case "LeakyRelu" -> activate(n, Attributes.leakyRelu(n, Attributes.real(n, "alpha", 0.01f)));
            case "Softmax" -> {
                Attributes.checkSoftmaxAxis(n, graph.opset);
                activate(n, Activation.softmax());
            }
            default -> throw refuse(n, "is a" + (n.operator().matches("^[AEIOU].*") ? "n " : " ") + n.operator()
                    + "; mlp4j imports dense layers only (MatMul or Gemm, Add, and the activations Relu, LeakyRelu, "
                    + "Sigmoid, Tanh, Softmax)");
        }
        return n.outputs().get(0);
    }

    /** Handles a tensor consumed by two nodes: mlp4j's {@code Max(z, Mul(z, s))} or skl2onnx's {@code Concat(1 − p, p)}. */
    private String pair(List<Node> next, String t) throws IOException {
        Node first = next.get(0);
        Node second = next.size() == 2 ? next.get(1) : null;
        if (second != null) {
            Node mul = first.operator().equals("Mul") ? first : second;
            Node max = mul == first ? second : first;
            if (mul.operator().equals("Mul") && max.operator().equals("Max") && max.inputs().size() == 2
                    && max.inputs().contains(t) && mul.outputs().size() == 1
                    && max.inputs().contains(mul.outputs().get(0))
                    && consumers.getOrDefault(mul.outputs().get(0), List.of()).size() == 1) {
                String s = mul.input(0).equals(t) ? mul.input(1) : mul.input(0);
                double[] slope = constants.reals(mul, s);
                if (slope.length != 1) {
                    throw refuse(mul, "multiplies by a constant of " + slope.length + " values; a leaky ReLU needs one slope");
                }
                if (!used.add(mul) || !used.add(max)) {
                    throw refuse(max, "is reached a second time: the graph has a cycle");
                }
                activate(max, Attributes.leakyRelu(max, slope[0]));
                return max.outputs().get(0);
            }
            Node sub = first.operator().equals("Sub") ? first : second;
            Node concat = sub == first ? second : first;
            if (sub.operator().equals("Sub") && concat.operator().equals("Concat") && sub.input(1).equals(t)
                    && concat.inputs().equals(List.of(sub.outputs().get(0), t))) {
                return binaryProbabilities(sub, concat);
            }
        }
        List<String> names = next.stream().map(n -> n.label() + " (" + n.operator() + ")").toList();
        throw new OnnxImportException("Tensor '" + t + "' feeds " + next.size() + " nodes " + names
                + "; mlp4j imports a single chain of layers, not a branching graph.");
    }

    /** Returns whether {@code next} starts a classifier's label branch, which the walk leaves out. */
    private static boolean endsInLabelBranch(List<Node> next) {
        for (Node n : next) {
            if (n.operator().equals("ArgMax") || n.operator().equals("ZipMap")) {
                return true;
            }
        }
        return false;
    }

    private void flatten(Node n) throws OnnxImportException {
        long axis = Attributes.integer(n, "axis", 1);
        if (axis != 1 && !(rank > 0 && axis == 1 - rank)) {
            throw refuse(n, "is a Flatten with axis " + axis + "; mlp4j keeps one row per sample, so it imports "
                    + "Flatten(axis = 1) only");
        }
        rank = 2;
    }

    private void reshape(Node n) throws IOException {
        long[] shape = constants.integers(n, n.input(1));
        boolean allowZero = Attributes.integer(n, "allowzero", 0) != 0;
        boolean keepsBatch = shape.length == 2 && (shape[0] == -1 || shape[0] == 0 && !allowZero
                || batch > 0 && shape[0] == batch);
        boolean keepsWidth = shape.length == 2 && (shape[1] == width && width > 0 || shape[1] == -1 && shape[0] != -1
                || width < 0 && shape[1] > 0);
        if (!keepsBatch || !keepsWidth) {
            throw refuse(n, "reshapes to " + Arrays.toString(shape) + " a tensor of " + (width < 0 ? "unknown"
                    : width) + " features per row; mlp4j keeps one row per sample and imports only reshapes to "
                    + "(batch, features)");
        }
        if (width < 0 && shape[1] > 0) {
            width = shape[1];
        }
        rank = 2;
    }

    /** Opens a layer from {@code MatMul(t, W)} or {@code Gemm(t, B, C)}. */
    private void dense(Node n, String t) throws IOException {
        close(Activation.identity());
        if (!n.input(0).equals(t)) {
            throw refuse(n, "multiplies a constant by the data (the data is its second input); mlp4j computes a·W");
        }
        if (rank > 2) {
            throw refuse(n, "multiplies a tensor of rank " + rank + "; add a Flatten before it, as mlp4j computes "
                    + "one row per sample");
        }
        Tensor weights = constants.get(n, n.input(1));
        boolean gemm = n.operator().equals("Gemm");
        if (gemm && Attributes.integer(n, "transA", 0) != 0) {
            throw refuse(n, "transposes its data input (transA = 1); mlp4j computes a·W with one row per sample");
        }
        boolean transposed = gemm && Attributes.integer(n, "transB", 0) != 0;
        if (weights.dims().length != 2) {
            throw refuse(n, "has weights '" + weights.name() + "' of shape " + weights.shape() + "; a dense layer "
                    + "needs a matrix");
        }
        int in = (int) Math.min(Integer.MAX_VALUE, weights.dims()[transposed ? 1 : 0]);
        int out = (int) Math.min(Integer.MAX_VALUE, weights.dims()[transposed ? 0 : 1]);
        if (width >= 0 && in != width) {
            throw refuse(n, "has weights '" + weights.name() + "' of shape " + weights.shape() + " for " + in
                    + " inputs, but its input has " + width + " features per row");
        }
        if (in == 0 || out == 0) {
            throw refuse(n, "has empty weights '" + weights.name() + "' of shape " + weights.shape());
        }
        double[] stored = constants.reals(n, weights);
        double[] w = stored.clone();
        if (transposed) {                                                                 // B is (out × in)
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    w[i * out + j] = stored[j * in + i];
                }
            }
        }
        double[] b = new double[out];
        if (gemm) {
            double alpha = Attributes.real(n, "alpha", 1f);
            double beta = Attributes.real(n, "beta", 1f);
            if (alpha != 1.0) {
                for (int k = 0; k < w.length; k++) {
                    w[k] *= alpha;
                }
            }
            if (!n.input(2).isEmpty()) {
                double[] c = constants.row(n, n.input(2), out);
                for (int j = 0; j < out; j++) {
                    b[j] = beta * c[j];
                }
            }
        }
        width = out;
        rank = 2;
        open = new Dense(in, out, w, b, null);
    }

    /** Applies {@code Add}, {@code Sub}, {@code Mul} or {@code Div} of a constant: a bias, or the input scaling. */
    private void arithmetic(Node n, String t) throws IOException {
        boolean dataFirst = n.input(0).equals(t);
        String other = dataFirst ? n.input(1) : n.input(0);
        if (!constants.has(other)) {
            throw refuse(n, "combines two computed tensors ('" + n.input(0) + "' and '" + n.input(1) + "'); mlp4j "
                    + "imports a single chain of layers, without skip connections");
        }
        boolean commutative = n.operator().equals("Add") || n.operator().equals("Mul");
        if (!dataFirst && !commutative) {
            throw refuse(n, "takes the data as its second input ('" + other + "' " + n.operator()
                    + " data); mlp4j imports scalings of the form (x − mean) / scale only");
        }
        if (open != null && n.operator().equals("Add")) {
            double[] c = constants.row(n, other, open.out());
            for (int j = 0; j < c.length; j++) {
                open.b()[j] += c[j];                                                      // z = a·W + b + c
            }
            return;
        }
        if (!layers.isEmpty() || open != null) {
            throw refuse(n, "is a" + (n.operator().equals("Add") ? "n " : " ") + n.operator() + " after the first "
                    + "layer" + (open == null ? "'s activation" : "") + "; mlp4j imports biases added right after "
                    + "MatMul or Gemm, and scaling (Sub, Div, Mul, Add) on the input only");
        }
        if (rank > 2) {
            throw refuse(n, "scales a tensor of rank " + rank + "; mlp4j imports scaling of (N, features) rows, "
                    + "so flatten the input first");
        }
        scaling.add(n, other);
    }

    /** Applies skl2onnx's {@code ai.onnx.ml.Scaler}, {@code y = (x − offset) · scale}, before the first layer. */
    private void scaler(Node n) throws OnnxImportException {
        if (!layers.isEmpty() || open != null) {
            throw refuse(n, "is a Scaler after the first layer; mlp4j imports scaling on the input only");
        }
        scaling.addScaler(n);
    }

    /** Closes the open layer with its activation, which node {@code n} applies. */
    private void activate(Node n, Activation f) throws IOException {
        if (open == null) {
            throw refuse(n, "applies " + n.operator() + " where no dense layer precedes it"
                    + (layers.isEmpty() ? "" : " (the previous layer already has its activation)")
                    + "; mlp4j applies one activation to each dense layer's output");
        }
        if (f.equals(Activation.softmax()) && open.out() < 2) {
            throw refuse(n, "applies Softmax to 1 column, which always gives 1; mlp4j needs at least two outputs "
                    + "for softmax (use Sigmoid for a single output)");
        }
        close(f);
    }

    private void close(Activation f) throws IOException {
        if (open == null) {
            return;
        }
        if (layers.isEmpty()) {
            double[][] meanAndScale = scaling.resolve(open.in());
            mean = meanAndScale == null ? null : meanAndScale[0];
            scale = meanAndScale == null ? null : meanAndScale[1];
        }
        layers.add(new Dense(open.in(), open.out(), open.w(), open.b(), f));
        open = null;
    }

    /** Replaces a one-unit sigmoid head by the two-unit softmax that computes skl2onnx's [1 − p, p]. */
    private String binaryProbabilities(Node sub, Node concat) throws IOException {
        double[] one = constants.reals(sub, sub.input(0));
        long axis = Attributes.integer(concat, "axis", 0);
        Dense last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (one.length != 1 || one[0] != 1.0 || (axis != 1 && axis != -1) || open != null || last == null
                || last.out() != 1 || !last.activation().equals(Activation.sigmoid())
                || consumers.getOrDefault(sub.outputs().get(0), List.of()).size() != 1) {
            throw refuse(concat, "concatenates tensors in a way mlp4j cannot compute; it imports only "
                    + "Concat(1 − p, p, axis = 1) after a one-unit sigmoid layer (skl2onnx's binary probabilities)");
        }
        int in = last.in();
        double[] w = new double[in * 2];
        for (int i = 0; i < in; i++) {
            w[i * 2 + 1] = last.w()[i];                                                   // column 0 stays 0
        }
        // softmax([0, z]) = [1/(1 + e^z), e^z/(1 + e^z)] = [1 − σ(z), σ(z)]
        layers.set(layers.size() - 1, new Dense(in, 2, w, new double[] {0.0, last.b()[0]}, Activation.softmax()));
        used.add(sub);
        used.add(concat);
        width = 2;
        return concat.outputs().get(0);
    }

    /** Checks that every node lies on the walked chain or in the label branch after the output. */
    private void checkEverythingIsUsed() throws OnnxImportException {
        Set<String> branch = new HashSet<>();
        branch.add(output);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Node n : graph.nodes) {
                if (used.contains(n) || !LABEL_BRANCH.contains(n.operator())) {
                    continue;
                }
                if (n.inputs().stream().anyMatch(branch::contains) && branch.addAll(n.outputs())) {
                    grew = true;
                }
            }
        }
        for (Node n : graph.nodes) {
            boolean inBranch = n.outputs().stream().anyMatch(branch::contains);
            if (!used.contains(n) && !inBranch) {
                throw refuse(n, "(a " + n.operator() + ") is not on the path from input '" + input.name()
                        + "' to the output '" + output + "'; mlp4j imports a single chain of layers");
            }
        }
        for (Value v : graph.outputs) {
            if (!branch.contains(v.name())) {
                throw new OnnxImportException("Graph output '" + v.name() + "' is not the end of the chain of layers ('"
                        + output + "'); mlp4j imports networks with one output matrix (and, for classifiers, a "
                        + "label branch after ArgMax or ZipMap).");
            }
        }
    }

    private boolean isGraphOutput(String name) {
        return graph.outputs.stream().anyMatch(v -> v.name().equals(name));
    }

    static OnnxImportException refuse(Node n, String why) {
        return new OnnxImportException(n.label() + " " + why + ".");
    }
}
