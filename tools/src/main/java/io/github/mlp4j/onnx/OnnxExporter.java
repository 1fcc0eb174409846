package io.github.mlp4j.onnx;

import static io.github.mlp4j.onnx.OnnxNodes.nodeProto;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Network;
import io.github.mlp4j.activation.Identity;
import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.layer.Dropout;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a trained {@link Network} as an ONNX model, so that ONNX Runtime and other ONNX tools can
 * run its predictions.
 *
 * <p>The model has one input {@code "x"} of shape (N × inputSize), where N is the symbolic batch
 * dimension {@code "N"}, and one output {@code "y"} of shape (N × outputSize) equal to
 * {@link Network#predict(double[][])}. Each dense layer {@code l} (numbered from 1) becomes
 * <pre>
 *   z_l = Gemm(a_{l−1}, W_l, b_l)      z = a·W + b, with W (in × out) and b (out) as initializers
 *   a_l = f_l(z_l)                     Sigmoid, Tanh, Relu, Softmax(axis = −1), or nothing for identity
 * </pre>
 * A dropout layer becomes an {@code Identity} node, as it is at prediction. A layer of another
 * class is written by the {@link OnnxLayerWriter} given for its class with
 * {@link #withLayerWriter(Class, OnnxLayerWriter)}, followed by its activation; without one, export
 * refuses the network and names the layer. Leaky ReLU with slope {@code s} becomes
 * {@code LeakyRelu(alpha = s)} in float32 models. ONNX
 * gives {@code alpha} only as a float32 attribute, so double-precision models write it as
 * {@code Max(z, Mul(z, s))} with {@code s} a double constant, which equals {@code z} for
 * {@code z > 0} and {@code s·z} otherwise, exactly as mlp4j computes it (because {@code 0 ≤ s < 1}).
 * The loss is not exported: a sigmoid or softmax head outputs probabilities, as {@code predict}
 * does.
 *
 * <p>The protobuf messages are encoded by this package, so the library keeps no runtime
 * dependency. Exporting the same network with the same settings always gives the same bytes.
 *
 * <p>{@link Precision#DOUBLE} (the default) writes the parameters and the input as 64-bit floats,
 * and ONNX Runtime's CPU provider then reproduces {@code predict} to about 1e-15.
 * {@link Precision#FLOAT} writes 32-bit floats, for runtimes or accelerators without double
 * kernels; its outputs then agree with {@code predict} to about 1e-6 relative.
 *
 * <pre>{@code
 * OnnxExporter.write(net, Path.of("model.onnx"));                   // double, opset 13
 * OnnxExporter.defaults().withPrecision(OnnxExporter.Precision.FLOAT)
 *         .withOpset(17)
 *         .export(net, Path.of("model-float.onnx"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Export reads the network's parameters once, through
 * {@link Network#parameters()}, so it must not run while the network trains in another thread.
 */
public final class OnnxExporter {
    /** The element type of the model's tensors. */
    public enum Precision {
        /** 64-bit IEEE floats (ONNX {@code DOUBLE}), the precision mlp4j computes in. */
        DOUBLE,
        /** 32-bit IEEE floats (ONNX {@code FLOAT}); parameters are rounded to the nearest float. */
        FLOAT
    }

    /** The lowest ONNX operator set version that can be written, 13 (Softmax over the last axis). */
    public static final int MIN_OPSET = 13;
    /** The highest ONNX operator set version that can be written, 21. */
    public static final int MAX_OPSET = 21;
    /** The operator set version used unless told otherwise: {@value}, the most widely supported. */
    public static final int DEFAULT_OPSET = 13;

    /** The input's name in every exported model. */
    public static final String INPUT_NAME = "x";
    /** The output's name in every exported model. */
    public static final String OUTPUT_NAME = "y";
    /** The symbolic batch dimension of the input and the output. */
    public static final String BATCH_DIMENSION = "N";

    private static final OnnxExporter DEFAULTS = new OnnxExporter(DEFAULT_OPSET, Precision.DOUBLE, Map.of());

    private final int opset;
    private final Precision precision;
    /** The writers of layers of other classes than Dense and Dropout, by exact class. */
    private final Map<Class<?>, OnnxLayerWriter<?>> writers;

    private OnnxExporter(int opset, Precision precision, Map<Class<?>, OnnxLayerWriter<?>> writers) {
        this.opset = opset;
        this.precision = precision;
        this.writers = writers;
    }

    /**
     * Returns an exporter with the defaults: {@link Precision#DOUBLE} and opset
     * {@value #DEFAULT_OPSET}.
     *
     * @return the default exporter
     */
    public static OnnxExporter defaults() {
        return DEFAULTS;
    }

    /**
     * Writes {@code network} as an ONNX model file with the {@linkplain #defaults() defaults}.
     *
     * @param network the network to export; not modified
     * @param path the file to write; replaced if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the network has a layer or activation that cannot be
     *     exported (see {@link #export(Network, Path)})
     */
    public static void write(Network network, Path path) throws IOException {
        DEFAULTS.export(network, path);
    }

    /**
     * Writes {@code network} as an ONNX model to a stream with the {@linkplain #defaults()
     * defaults}.
     *
     * @param network the network to export; not modified
     * @param out the stream; written to, then left open
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if the network cannot be exported
     */
    public static void write(Network network, OutputStream out) throws IOException {
        DEFAULTS.export(network, out);
    }

    /**
     * Returns an exporter like this one that writes the given operator set version.
     *
     * @param opset from {@value #MIN_OPSET} to {@value #MAX_OPSET}
     * @return a new exporter
     * @throws IllegalArgumentException if {@code opset} is out of range
     */
    public OnnxExporter withOpset(int opset) {
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset must be between " + MIN_OPSET + " and " + MAX_OPSET
                    + ", but was " + opset + "; use " + DEFAULT_OPSET + " for the widest support.");
        }
        return new OnnxExporter(opset, precision, writers);
    }

    /**
     * Returns an exporter like this one that writes tensors of the given precision.
     *
     * @param precision {@link Precision#DOUBLE} or {@link Precision#FLOAT}
     * @return a new exporter
     * @throws NullPointerException if {@code precision} is null
     */
    public OnnxExporter withPrecision(Precision precision) {
        return new OnnxExporter(opset, Objects.requireNonNull(precision, "precision"), writers);
    }

    /**
     * Returns an exporter like this one that writes the layers of class {@code layerClass} with
     * {@code writer}, followed by each layer's activation (see {@link OnnxLayerWriter}).
     *
     * @param layerClass the exact class of the layers (a subclass needs a writer of its own)
     * @param writer adds the nodes of one such layer to the model
     * @param <L> the class of layer
     * @return a new exporter
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code layerClass} is {@link Dense} or {@link Dropout},
     *     which the exporter writes itself, is abstract or an interface, or already has a writer in
     *     this exporter
     */
    public <L extends Layer> OnnxExporter withLayerWriter(Class<L> layerClass, OnnxLayerWriter<L> writer) {
        Objects.requireNonNull(layerClass, "layerClass");
        Objects.requireNonNull(writer, "writer");
        if (layerClass == Dense.class || layerClass == Dropout.class) {
            throw new IllegalArgumentException(layerClass.getName() + " is built in: the exporter writes it itself"
                    + " and takes writers only for layers of your own.");
        }
        if (layerClass.isInterface() || Modifier.isAbstract(layerClass.getModifiers())) {
            throw new IllegalArgumentException(layerClass.getName() + " is abstract, but writers are chosen by a"
                    + " layer's exact class; pass the class of the layers themselves.");
        }
        if (writers.containsKey(layerClass)) {
            throw new IllegalArgumentException("This exporter already has a writer for " + layerClass.getName()
                    + "; a layer class has one writer, so give it once (start again from OnnxExporter.defaults()"
                    + " to use another).");
        }
        Map<Class<?>, OnnxLayerWriter<?>> more = new LinkedHashMap<>(writers);
        more.put(layerClass, writer);
        return new OnnxExporter(opset, precision, Collections.unmodifiableMap(more));
    }

    /**
     * Returns the operator set version this exporter writes.
     *
     * @return from {@value #MIN_OPSET} to {@value #MAX_OPSET}
     */
    public int opset() {
        return opset;
    }

    /**
     * Returns the precision of the tensors this exporter writes.
     *
     * @return the precision
     */
    public Precision precision() {
        return precision;
    }

    /**
     * Writes {@code network} as an ONNX model file.
     *
     * <p>The model is written to a temporary file in the same directory, then moved into place, so
     * that a failure never leaves a half-written model at {@code path}.
     *
     * @param network the network to export; not modified
     * @param path the file to write; replaced if it exists
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if {@code path} names no file, or a layer is neither
     *     {@link Dense}, {@link Dropout} nor of a class this exporter has a writer for, or an
     *     activation is not one of the built-in ones, which ONNX operators cannot express, or the
     *     parameters need more than the 2 GiB that one ONNX file (a protobuf message) can hold at
     *     this precision (the message gives the sizes)
     * @throws IllegalStateException if a layer writer returns a name that none of its nodes has
     */
    public void export(Network network, Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        Path target = path.toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null || target.getFileName() == null) {
            throw new IllegalArgumentException("path " + path + " names no file; pass a file path such as model.onnx.");
        }
        byte[] model = toByteArray(network);
        Path temporary = writeTemporary(folder, "." + target.getFileName() + ".onnx-tmp-", model);
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes {@code bytes} to a new file {@code prefix + suffix} in {@code folder} and returns it.
     * Unlike {@link Files#createTempFile}, the file gets the usual permissions of a new file, not
     * owner-only ones, so the model that replaces {@code target} is as readable as any other file.
     */
    private static Path writeTemporary(Path folder, String prefix, byte[] bytes) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temporary = folder.resolve(prefix + Long.toHexString(System.nanoTime()) + "-" + attempt);
            try {
                Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return temporary;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 99) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    /**
     * Writes {@code network} as an ONNX model to a stream.
     *
     * @param network the network to export; not modified
     * @param out the stream; written to, then left open
     * @throws IOException if the stream fails
     * @throws IllegalArgumentException if the network cannot be exported, as for
     *     {@link #export(Network, Path)}
     */
    public void export(Network network, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(toByteArray(network));
        out.flush();
    }

    /**
     * Returns {@code network} encoded as an ONNX model ({@code onnx.ModelProto}).
     *
     * @param network the network to export; not modified
     * @return the model's bytes, a new array
     * @throws IllegalArgumentException if the network cannot be exported, as for
     *     {@link #export(Network, Path)}
     */
    public byte[] toByteArray(Network network) {
        Objects.requireNonNull(network, "network");
        List<Layer> layers = network.layers();
        checkSize(network.parameterCount(), layers.size(), precision);
        double[] theta = network.parameters();
        int elementType = precision == Precision.DOUBLE ? OnnxNodes.ONNX_DOUBLE : OnnxNodes.ONNX_FLOAT;

        ProtoWriter graph = new ProtoWriter();
        String input = INPUT_NAME;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            int number = l + 1;
            boolean last = l == layers.size() - 1;
            OnnxLayerWriter<?> writer = writers.get(layer.getClass());
            if (writer != null) {
                input = userLayer(graph, writer, layer, theta, network.parameterOffset(l), number, last, input);
                continue;
            }
            if (layer instanceof Dropout) {
                String a = last ? OUTPUT_NAME : "a" + number;
                graph.message(1, nodeProto("Identity", "dropout" + number, a, input));             // off at prediction
                input = a;
                continue;
            }
            if (!(layer instanceof Dense)) {
                throw noWriter(layer, number);
            }
            Activation activation = layer.activation();
            String w = "W" + number;
            String b = "b" + number;
            String a = last ? OUTPUT_NAME : "a" + number;
            String z = activation instanceof Identity ? a : "z" + number;
            int in = layer.inputSize();
            int out = layer.outputSize();
            int offset = network.parameterOffset(l);
            int weights = Math.multiplyExact(in, out);                                           // fits: checkSize passed
            graph.message(5, tensor(w, new long[] {in, out}, theta, offset, weights));           // W row-major (in × out)
            graph.message(5, tensor(b, new long[] {out}, theta, offset + weights, out));          // b (out)
            graph.message(1, nodeProto("Gemm", "dense" + number, z, input, w, b));               // z = a·W + b
            OnnxNodes.activation(graph, precision, activation, number, z, a);                    // a = f(z)
            input = a;
        }
        graph.string(2, "mlp4j");
        graph.string(10, network.toString());
        graph.message(11, valueInfo(INPUT_NAME, elementType, network.inputSize()));
        graph.message(12, valueInfo(OUTPUT_NAME, elementType, network.outputSize()));

        ProtoWriter model = new ProtoWriter();
        model.varint(1, irVersion(opset));
        model.string(2, "mlp4j");
        String version = libraryVersion();
        if (version != null) {
            model.string(3, version);
        }
        model.string(6, "A multilayer perceptron exported by mlp4j: " + network);
        model.message(7, graph);
        model.message(8, new ProtoWriter().string(1, "").varint(2, opset));                      // ai.onnx
        model.message(14, entry("mlp4j.loss", network.lossFunction().name()));
        model.message(14, entry("mlp4j.seed", Long.toString(network.seed())));
        return model.toByteArray();
    }

    /**
     * Writes layer {@code number} with its writer, then its activation, and returns the name of its
     * activations: {@code "y"} for the last layer, and for an identity activation the writer's z.
     */
    private String userLayer(ProtoWriter graph, OnnxLayerWriter<?> writer, Layer layer, double[] theta, int offset,
            int number, boolean last, String input) {
        double[] parameters = Arrays.copyOfRange(theta, offset, offset + layer.parameterCount());
        OnnxNodes nodes = new OnnxNodes(graph, precision, opset, number, input);
        String z = nodes.checkOutput(write(writer, layer, parameters, input, nodes), layer, number);
        Activation activation = layer.activation();
        if (activation instanceof Identity) {
            if (last) {
                graph.message(1, nodeProto("Identity", "output" + number, OUTPUT_NAME, z));          // y = z
            }
            return last ? OUTPUT_NAME : z;
        }
        String a = last ? OUTPUT_NAME : "a" + number;
        OnnxNodes.activation(graph, precision, activation, number, z, a);                        // a = f(z)
        return a;
    }

    /** Returns the refusal of a layer that is neither Dense nor Dropout and has no writer, saying how to give one. */
    private static IllegalArgumentException noWriter(Layer layer, int number) {
        String simple = layer.getClass().getSimpleName().isEmpty() ? "MyLayer" : layer.getClass().getSimpleName();
        String described = layer.getClass().getName();
        String text = String.valueOf(layer);
        if (!text.startsWith(described + "@")) {
            described += " (" + text + ")";                                  // a toString of its own says more
        }
        return new IllegalArgumentException("ONNX export writes Dense and Dropout layers itself, but layer " + number
                + " is of class " + described + " and this exporter has no writer for it."
                + " Give it one: OnnxExporter.defaults().withLayerWriter(" + simple + ".class, (layer, parameters,"
                + " input, nodes) -> ...), an OnnxLayerWriter that adds the layer's nodes and returns the name of"
                + " its weighted sums z.");
    }

    /** Calls {@code writer}, which the exporter holds for the exact class of {@code layer}. */
    @SuppressWarnings("unchecked")
    private static <L extends Layer> String write(OnnxLayerWriter<L> writer, Layer layer, double[] parameters,
            String input, OnnxNodes nodes) {
        return writer.write((L) layer, parameters, input, nodes);
    }

    /** The largest protobuf message, and so the largest ONNX model file without external data: 2 GiB − 1. */
    static final long MAX_MODEL_BYTES = Integer.MAX_VALUE;

    /** Bytes each layer may add to its tensors' data: names, dimensions, nodes and attributes, generously. */
    private static final long LAYER_OVERHEAD = 1024;

    /**
     * Checks, with sizes computed in 64 bits, that a network of {@code parameters} parameters in
     * {@code layers} layers fits in one ONNX model file at {@code precision}.
     *
     * @throws IllegalArgumentException naming the size and the limit, and Precision.FLOAT when it would fit
     */
    static void checkSize(long parameters, int layers, Precision precision) {
        long bytes = parameters * (precision == Precision.DOUBLE ? Double.BYTES : Float.BYTES)
                + (layers + 4L) * LAYER_OVERHEAD;
        if (bytes > MAX_MODEL_BYTES) {
            long asFloat = parameters * Float.BYTES + (layers + 4L) * LAYER_OVERHEAD;
            throw new IllegalArgumentException("The network's " + parameters + " parameters take " + bytes
                    + " bytes as " + precision + " tensors, but an ONNX model file (one protobuf message) holds at most "
                    + MAX_MODEL_BYTES + " bytes; export "
                    + (precision == Precision.DOUBLE && asFloat <= MAX_MODEL_BYTES
                            ? "withPrecision(Precision.FLOAT) (" + asFloat + " bytes), or " : "")
                    + "a smaller network, or save it with ModelWriter, whose files hold up to 2 GiB of parameters.");
        }
    }

    /** Returns a {@code TensorProto} of {@code values[offset .. offset + count)} at this exporter's precision. */
    private ProtoWriter tensor(String name, long[] dims, double[] values, int offset, int count) {
        return OnnxNodes.tensor(precision, name, dims, values, offset, count);
    }

    /** Returns a {@code ValueInfoProto} of a (N × width) tensor. */
    private static ProtoWriter valueInfo(String name, int elementType, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, BATCH_DIMENSION))                         // dim_param
                .message(1, new ProtoWriter().varint(1, width));                                  // dim_value
        ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static ProtoWriter entry(String key, String value) {
        return new ProtoWriter().string(1, key).string(2, value);
    }

    /** Returns the lowest ONNX IR version that allows {@code opset} (from ONNX's version table). */
    static int irVersion(int opset) {
        if (opset <= 14) {
            return 7;
        } else if (opset <= 18) {
            return 8;
        } else if (opset <= 20) {
            return 9;
        }
        return 10;
    }

    /** Returns mlp4j's version from the module descriptor or the jar manifest, or null if unknown. */
    private static String libraryVersion() {
        ModuleDescriptor descriptor = Network.class.getModule().getDescriptor();
        if (descriptor != null && descriptor.rawVersion().isPresent()) {
            return descriptor.rawVersion().get();
        }
        return Network.class.getPackage().getImplementationVersion();
    }
}
