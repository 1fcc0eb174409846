package io.github.mlp4j.io;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Network;
import io.github.mlp4j.layer.Dense;
import java.io.IOException;
import java.util.List;

/**
 * Writes and reads the body of format version 2 ({@code docs/model-format.md}, "Version 2"): a
 * network whose every layer starts with its kind ({@link LayerKinds}), then the scaling, class
 * names and provenance of {@link Sections}, with nothing after.
 */
final class FormatV2 {
    /** The fewest bytes a layer takes: kind length, outputSize, activation length and count, config length. */
    private static final int MIN_LAYER_BYTES = 20;

    private FormatV2() {
    }

    /**
     * Writes the body of {@code model}.
     *
     * @throws IllegalArgumentException if the model holds something a reader would refuse (the
     *     message names it)
     */
    static void write(Encoder e, Model model) {
        Network network = model.network();
        List<Layer> layers = network.layers();
        e.int64(network.seed());
        e.int32(network.inputSize());
        e.int32(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String field = "network.layers[" + l + "]";
            LayerKinds.Kind kind = LayerKinds.of(layer, l + 1);
            LayerCodec.Output config = new LayerCodec.Output();
            kind.write(layer, config);
            byte[] bytes = config.encoder.toByteArray();
            checkReadsBack(kind, layer, bytes, field);
            e.string(kind.name(), field + ".kind");
            e.int32(layer.outputSize());
            Sections.writeActivation(e, layer.activation(), l + 1);
            e.int32(bytes.length);
            e.bytes(bytes);
        }
        Sections.writeLoss(e, network.lossFunction());
        double[] theta = network.parameters();
        e.int32(theta.length);
        e.finites(theta, "network.parameters");
        Sections.writeRest(e, model);
    }

    /** Checks that the codec reads {@code bytes} back into a layer like {@code layer}. */
    private static void checkReadsBack(LayerKinds.Kind kind, Layer layer, byte[] bytes, String field) {
        LayerCodec.Input input = new LayerCodec.Input(bytes, field + ".config", 0);
        Layer back;
        try {
            back = kind.codec().read(input, layer.inputSize(), layer.outputSize(), layer.activation());
        } catch (ModelFormatException | RuntimeException e) {
            throw new IllegalArgumentException("The codec of layer kind \"" + kind.name() + "\" cannot read back the"
                    + " configuration it wrote for " + field + " (" + e.getMessage() + "); fix its write or read"
                    + " method, or a reader would refuse the file.", e);
        }
        String problem = null;
        if (back == null || back.getClass() != layer.getClass()) {
            problem = "it recreates " + (back == null ? "null" : "a " + back.getClass().getName()) + ", not a "
                    + layer.getClass().getName();
        } else if (input.remaining() != 0) {
            problem = "it leaves " + input.remaining() + " of the " + bytes.length + " bytes it wrote unread";
        } else if (back.inputSize() != layer.inputSize() || back.outputSize() != layer.outputSize()
                || back.parameterCount() != layer.parameterCount() || !back.activation().equals(layer.activation())) {
            problem = "it recreates " + back + " from " + layer;
        }
        if (problem != null) {
            throw new IllegalArgumentException("The codec of layer kind \"" + kind.name() + "\" does not read back"
                    + " what it writes for " + field + ": " + problem + "; fix its write or read method, or a reader"
                    + " would refuse the file.");
        }
    }

    static Model read(Decoder d) throws IOException {
        return Sections.readRest(d, Model.of(readNetwork(d)));
    }

    private static Network readNetwork(Decoder d) throws IOException {
        long start = d.position();
        long seed = d.int64("network.seed");
        int inputSize = Sections.readSize(d, "network.inputSize");
        int layerCount = d.count("network.layerCount", 1, MIN_LAYER_BYTES);
        NetworkBuilder builder = Network.builder().input(inputSize).seed(seed);
        long parameters = 0;
        int width = inputSize;
        for (int l = 0; l < layerCount; l++) {
            String field = "network.layers[" + l + "]";
            long kindAt = d.position();
            String name = d.string(field + ".kind");
            LayerKinds.Kind kind = LayerKinds.byName(name);
            if (kind == null) {
                throw new ModelFormatException(field + ".kind is \"" + Encoder.abbreviate(name) + "\", a layer kind"
                        + " that is not registered in this JVM. If it is a layer of your own, register its codec"
                        + " before loading: LayerKinds.register(\"" + Encoder.abbreviate(name) + "\", YourLayer.class,"
                        + " codec). Otherwise the model may come from a newer mlp4j.", field + ".kind", kindAt);
            }
            long unitsAt = d.position();
            int units = Sections.readSize(d, field + ".outputSize");
            Activation activation = Sections.readActivation(d, field + ".activation");
            int length = d.count(field + ".config.length", 0, 1);
            long configAt = d.position();
            byte[] bytes = d.bytes(length, field + ".config");
            Layer layer = recreate(kind, new LayerCodec.Input(bytes, field + ".config", configAt), width, units,
                    activation, field, kindAt);
            // a dense layer's count is computed here in 64 bits; a user layer reports its own
            parameters += layer instanceof Dense ? (long) width * units + units : layer.parameterCount();
            Sections.checkParameterRoom(d, parameters, field, unitsAt);
            if (layer instanceof Dense) {
                builder.dense(units, activation);
            } else {
                builder.layer(layer);
            }
            width = units;
        }
        return Sections.finishNetwork(d, builder, parameters, start);        // loss, θ, build
    }

    /** Recreates one layer with its kind's codec and checks that it is the layer the file describes. */
    private static Layer recreate(LayerKinds.Kind kind, LayerCodec.Input config, int width, int units,
            Activation activation, String field, long at) throws ModelFormatException {
        Layer layer;
        try {
            layer = kind.codec().read(config, width, units, activation);
        } catch (RuntimeException e) {
            ModelFormatException m = new ModelFormatException("The codec of layer kind \"" + kind.name() + "\" could"
                    + " not recreate " + field + " (" + width + " -> " + units + " " + activation.name() + "): "
                    + e.getMessage(), field, at);
            m.initCause(e);
            throw m;
        }
        String problem = null;
        if (layer == null || layer.getClass() != kind.layerClass()) {
            problem = "it gave " + (layer == null ? "null" : "a " + layer.getClass().getName()) + ", not a "
                    + kind.layerClass().getName();
        } else if (config.remaining() != 0) {
            problem = config.remaining() + " bytes of its configuration were left unread";
        } else if (layer.inputSize() != width || layer.outputSize() != units || !layer.activation().equals(activation)) {
            problem = "it gave " + layer + " but the file describes " + width + " -> " + units + " " + activation.name();
        } else if (!(layer instanceof Dense) && layer.parameterCount() < 0) {
            problem = "its parameterCount() is " + layer.parameterCount();
        }
        if (problem != null) {
            throw new ModelFormatException("The codec of layer kind \"" + kind.name() + "\" did not recreate " + field
                    + ": " + problem + "; the model is damaged, or the codec changed since it was saved.", field, at);
        }
        return layer;
    }
}
