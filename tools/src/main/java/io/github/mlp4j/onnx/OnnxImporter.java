package io.github.mlp4j.onnx;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.Provenance;
import io.github.mlp4j.io.Scaling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an ONNX model of a multilayer perceptron, trained elsewhere, into a {@link Network} that
 * predicts what ONNX Runtime predicts, without native libraries.
 *
 * <pre>{@code
 * Network net = OnnxImporter.read(Path.of("model.onnx"));          // exported by torch.onnx.export
 * double[][] y = net.predict(x);                                  // x: (n × inputSize)
 * Model model = OnnxImporter.readModel(Path.of("scaled.onnx"));   // keeps a Sub/Div input scaling
 * }</pre>
 *
 * <p><b>What is accepted.</b> A graph with one float32 or float64 input of shape (N × features)
 * (N may be symbolic or fixed) whose nodes form a single chain from the input to the output:
 * <ul>
 *   <li>dense layers written as {@code Gemm} (with {@code transB} 0 or 1, as PyTorch's
 *       {@code nn.Linear} writes it) or as {@code MatMul} followed by {@code Add} of the bias (as
 *       tf2onnx and skl2onnx write it), with constant weights;</li>
 *   <li>the activations {@code Relu}, {@code LeakyRelu} (its {@code alpha}, a float32, becomes the
 *       slope; it must lie in [0, 1)), {@code Sigmoid}, {@code Tanh} and {@code Softmax} over the
 *       last axis (1 or −1); a layer without one is linear;</li>
 *   <li>{@code Identity}, {@code Dropout} in inference mode, {@code Cast} to float32 or float64,
 *       and a {@code Flatten(axis = 1)} or a {@code Reshape} to (N × features) anywhere, including
 *       a leading one over an input of higher rank (its features are then read row-major);</li>
 *   <li>mlp4j's own export in both precisions, including its double-precision leaky ReLU
 *       {@code Max(z, Mul(z, s))};</li>
 *   <li>an input scaling before the first layer: {@code Sub}, {@code Div}, {@code Mul} and
 *       {@code Add} of constants (one per column, or one for all), which {@link #readModel(Path)}
 *       returns as a {@link Scaling#standard(double[], double[])} {@code (x − mean) / scale};</li>
 *   <li>a classifier's label branch: the walk stops at the tensor that feeds an {@code ArgMax} or a
 *       {@code ZipMap} (skl2onnx adds both), and the nodes after it ({@code ArgMax},
 *       {@code ArrayFeatureExtractor}, {@code Reshape}, {@code Cast}, {@code ZipMap}) are ignored, so
 *       the network outputs the class probabilities and {@link Network#predictClass(double[][])}
 *       gives the label's index ({@link #readModel(Path)} keeps the labels as class names). skl2onnx's binary probabilities {@code Concat(1 − p, p)} after a
 *       one-unit sigmoid layer are imported as the two-unit softmax layer that computes the same two
 *       columns ({@code softmax(0, z) = (1 − σ(z), σ(z))});</li>
 *   <li>float32 and float64 initializers (and {@code Constant} nodes), in raw or typed data, or in
 *       external data files beside the model (with {@link #read(Path)} only); operator sets
 *       {@value #MIN_OPSET} to {@value #MAX_OPSET}.</li>
 * </ul>
 * Anything else is refused with an {@link OnnxImportException} that names the node, its operator
 * and why, such as {@code "node 'conv1' is a Conv; mlp4j imports dense layers only (…)"}: other
 * operators, a branching graph, a softmax over another axis, or a broadcast the network cannot
 * express. Nothing is guessed.
 *
 * <p><b>The loss.</b> ONNX models carry no loss, but a network needs one (to be trained further):
 * a sigmoid head gets {@link Loss#binaryCrossEntropy()}, a softmax head
 * {@link Loss#crossEntropy()}, and any other head {@link Loss#mse()}. A model exported by mlp4j
 * keeps the loss and seed it was exported with.
 *
 * <p><b>Precision.</b> The network computes in float64 from the stored values, widened exactly. Its
 * predictions agree with ONNX Runtime's to about 1e-15 for float64 graphs and to about 1e-6 relative
 * for float32 graphs (ONNX Runtime computes those in float32). Exporting an imported model with
 * {@link OnnxExporter} in its original precision gives the same parameters, bit for bit.
 *
 * <p><b>Damaged or hostile files</b> end in an {@link OnnxImportException} that says what is wrong
 * and where. Every length is checked against the bytes that remain before anything is allocated,
 * and the number of nodes and names is capped, so memory stays proportional to the file.
 *
 * <p>All methods are static and thread-safe.
 */
public final class OnnxImporter {
    /** The lowest ONNX operator set version that can be read, {@value}. */
    public static final int MIN_OPSET = 9;
    /** The highest ONNX operator set version that can be read, {@value}. */
    public static final int MAX_OPSET = 21;
    /** The largest model, in bytes, that {@link #read(InputStream)} accepts: 1 GiB. */
    public static final long STREAM_LIMIT = 1L << 30;

    private static final long LARGEST_FILE = Integer.MAX_VALUE - 8;

    private OnnxImporter() {
    }

    /**
     * Reads the ONNX model in {@code path} as a network. External data files are looked up in the
     * model's folder.
     *
     * @param path the {@code .onnx} file
     * @return a new network that predicts what the model computes
     * @throws OnnxImportException if the file is not a valid ONNX model, its graph is not a
     *     multilayer perceptron mlp4j can compute (the message names the node), or it scales its
     *     input (use {@link #readModel(Path)})
     * @throws IOException if the file or its external data cannot be read
     */
    public static Network read(Path path) throws IOException {
        return network(readModel(path), path.toString());
    }

    /**
     * Reads an ONNX model of at most {@link #STREAM_LIMIT} bytes from {@code in} as a network. The
     * stream is read to its end and not closed. A model with external data must be read with
     * {@link #read(Path)}.
     *
     * @param in the stream
     * @return a new network
     * @throws OnnxImportException if the bytes are not a valid ONNX model, its graph is not a
     *     multilayer perceptron mlp4j can compute, or it scales its input (use
     *     {@link #readModel(InputStream)})
     * @throws IOException if the stream fails
     */
    public static Network read(InputStream in) throws IOException {
        return network(readModel(in), "the model");
    }

    /**
     * Reads the ONNX model in {@code path} as a {@link Model}: the network, with the input scaling
     * if the graph scales its input before the first layer, the class labels of a classifier's label
     * branch as class names (from {@code ZipMap} or the classes {@code ArrayFeatureExtractor} reads,
     * as skl2onnx writes them), and a provenance whose settings name
     * the source ({@code "onnx.producer"}, {@code "onnx.opset"}, {@code "onnx.input"},
     * {@code "onnx.output"}, {@code "onnx.precision"}).
     *
     * @param path the {@code .onnx} file
     * @return the model; {@link Model#predict(double[][])} takes raw rows, as the graph does
     * @throws OnnxImportException if the file is not a valid ONNX model or its graph is not a
     *     multilayer perceptron mlp4j can compute
     * @throws IOException if the file or its external data cannot be read
     */
    public static Model readModel(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        long size = Files.size(path);
        if (size > LARGEST_FILE) {
            throw new OnnxImportException(path + " has " + size + " bytes; an ONNX file holds at most 2 GiB (the "
                    + "protobuf limit), and larger models keep their weights in external data files.");
        }
        Path folder = path.toAbsolutePath().getParent();
        return fromBytes(Files.readAllBytes(path), folder);
    }

    /**
     * Reads an ONNX model of at most {@link #STREAM_LIMIT} bytes from {@code in} as a {@link Model},
     * as {@link #readModel(Path)} does. The stream is read to its end and not closed.
     *
     * @param in the stream
     * @return the model
     * @throws OnnxImportException if the bytes are not a valid ONNX model or its graph is not a
     *     multilayer perceptron mlp4j can compute
     * @throws IOException if the stream fails
     */
    public static Model readModel(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] bytes = in.readNBytes((int) STREAM_LIMIT + 1);                    // grows with what arrives
        if (bytes.length > STREAM_LIMIT) {
            throw new OnnxImportException("The stream holds more than " + STREAM_LIMIT + " bytes; read a model this "
                    + "large from a file with OnnxImporter.read(Path).");
        }
        return fromBytes(bytes, null);
    }

    /** Decodes and walks a model; {@code folder} holds its external data files, or is null. */
    static Model fromBytes(byte[] bytes, Path folder) throws IOException {
        OnnxGraph graph = OnnxGraph.parse(bytes);
        LayerChain chain = LayerChain.walk(graph, folder);
        Network network = build(chain, graph);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("source", "onnx");
        settings.put("onnx.producer", (graph.producer + " " + graph.producerVersion).strip());
        settings.put("onnx.opset", Long.toString(graph.opset));
        settings.put("onnx.input", chain.input.name());
        settings.put("onnx.output", chain.output);
        settings.put("onnx.precision", chain.input.elementType() == OnnxGraph.DOUBLE ? "float64" : "float32");
        Model model = Model.of(network).withProvenance(Provenance.of(network.seed(), settings));
        if (chain.mean != null) {
            model = model.withScaling(Scaling.standard(chain.mean, chain.scale));
        }
        List<String> labels = ClassLabels.find(graph, graph.initializers, chain.walked(), folder);
        int outputs = network.outputSize();
        if (labels.size() == outputs || outputs == 1 && labels.size() == 2) {
            model = model.withClassNames(labels);
        }
        return model;
    }

    private static Network network(Model model, String source) throws OnnxImportException {
        if (model.scaling().isPresent()) {
            throw new OnnxImportException("The graph of " + source + " scales its input before the first layer "
                    + "(Sub/Div or Mul/Add of constants), which a Network alone cannot hold; read it with "
                    + "OnnxImporter.readModel, which returns the network with its Scaling.");
        }
        return model.network();
    }

    /** Builds the network of the walked layers, with the loss that suits its head. */
    private static Network build(LayerChain chain, OnnxGraph graph) throws OnnxImportException {
        long count = 0;
        for (LayerChain.Dense d : chain.layers) {
            count += (long) d.in() * d.out() + d.out();
        }
        if (count > LARGEST_FILE) {
            throw new OnnxImportException("The network has " + count + " parameters; mlp4j holds at most "
                    + LARGEST_FILE + " in one array.");
        }
        double[] theta = new double[(int) count];
        NetworkBuilder builder = Network.builder().input(chain.layers.get(0).in());
        int offset = 0;
        for (LayerChain.Dense d : chain.layers) {
            builder.dense(d.out(), d.activation());
            System.arraycopy(d.w(), 0, theta, offset, d.w().length);                     // W row-major (in × out)
            offset += d.w().length;
            System.arraycopy(d.b(), 0, theta, offset, d.b().length);                     // then b (out)
            offset += d.b().length;
        }
        Activation head = chain.layers.get(chain.layers.size() - 1).activation();
        Loss loss = "mse".equals(graph.metadata.get("mlp4j.loss")) ? Loss.mse()
                : head.equals(Activation.sigmoid()) ? Loss.binaryCrossEntropy()
                : head.equals(Activation.softmax()) ? Loss.crossEntropy()
                : Loss.mse();
        long seed = Network.DEFAULT_SEED;
        try {
            seed = Long.parseLong(graph.metadata.getOrDefault("mlp4j.seed", Long.toString(seed)));
        } catch (NumberFormatException e) {
            // not an mlp4j export: keep the default seed
        }
        try {
            Network network = builder.loss(loss).seed(seed).build();
            network.setParameters(theta);
            return network;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new OnnxImportException("The graph's layers do not make a valid network: " + e.getMessage());
        }
    }
}
