package io.github.mlp4j.io;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of format version 1 ({@code docs/model-format.md}, "Version 1"): network, scaling,
 * class names, provenance, in that order, with nothing after. Kept unchanged when newer versions
 * appear, so that version-1 files stay loadable.
 */
final class FormatV1 {
    private FormatV1() {
    }

    static Model read(Decoder d) throws ModelFormatException {
        Network network = readNetwork(d);
        Model model = Model.of(network);
        int scalingAt = d.position();
        Scaling scaling = readScaling(d, network.inputSize());
        try {
            model = model.withScaling(scaling);
        } catch (IllegalArgumentException e) {
            throw invalid("scaling", scalingAt, e);
        }
        int namesAt = d.position();
        List<String> names = readClassNames(d);
        try {
            model = model.withClassNames(names);
        } catch (IllegalArgumentException e) {
            throw invalid("classNames", namesAt, e);
        }
        model = model.withProvenance(readProvenance(d));
        if (d.remaining() != 0) {
            throw new ModelFormatException("The body has " + d.remaining() + " bytes left after its last field;"
                    + " the model is damaged.", "body", d.position());
        }
        return model;
    }

    private static ModelFormatException invalid(String field, int offset, IllegalArgumentException e) {
        ModelFormatException m = new ModelFormatException("The " + field + " section does not describe a valid model: "
                + e.getMessage(), field, offset);
        m.initCause(e);
        return m;
    }

    private static Network readNetwork(Decoder d) throws ModelFormatException {
        int start = d.position();
        long seed = d.int64("network.seed");
        int inputAt = d.position();
        int inputSize = d.int32("network.inputSize");
        if (inputSize < 1) {
            throw new ModelFormatException("network.inputSize is " + inputSize + " but must be at least 1;"
                    + " the model is damaged.", "network.inputSize", inputAt);
        }
        // each layer takes at least 12 bytes: outputSize, the activation's name length, its parameter count
        int layerCount = d.count("network.layerCount", 1, 12);
        NetworkBuilder builder = Network.builder().input(inputSize).seed(seed);
        long parameters = 0;
        int width = inputSize;
        for (int l = 0; l < layerCount; l++) {
            String field = "network.layers[" + l + "]";
            int unitsAt = d.position();
            int units = d.int32(field + ".outputSize");
            if (units < 1) {
                throw new ModelFormatException(field + ".outputSize is " + units + " but must be at least 1;"
                        + " the model is damaged.", field + ".outputSize", unitsAt);
            }
            parameters += (long) width * units + units;                      // W (width × units), then b
            if (parameters > d.remaining() / 8) {
                throw new ModelFormatException("The layers up to " + field + " need " + parameters + " parameters of"
                        + " 8 bytes but only " + d.remaining() + " bytes remain; the model is damaged.",
                        field + ".outputSize", unitsAt);
            }
            builder.dense(units, readActivation(d, field + ".activation"));
            width = units;
        }
        int lossAt = d.position();
        String lossName = d.string("network.loss");
        Loss loss;
        switch (lossName) {
            case "mse":
                loss = Loss.mse();
                break;
            case "binaryCrossEntropy":
                loss = Loss.binaryCrossEntropy();
                break;
            case "crossEntropy":
                loss = Loss.crossEntropy();
                break;
            default:
                throw new ModelFormatException("network.loss is \"" + lossName + "\", which this mlp4j does not know;"
                        + " expected mse, binaryCrossEntropy or crossEntropy. The model may come from a newer mlp4j.",
                        "network.loss", lossAt);
        }
        int countAt = d.position();
        int count = d.int32("network.parameterCount");
        if (count != parameters) {
            throw new ModelFormatException("network.parameterCount is " + count + " but the layers need " + parameters
                    + "; the model is damaged.", "network.parameterCount", countAt);
        }
        double[] theta = d.finites(count, "network.parameters");
        Network network;
        try {
            network = builder.loss(loss).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            ModelFormatException m = new ModelFormatException("The network section does not describe a valid"
                    + " network: " + e.getMessage(), "network", start);
            m.initCause(e);
            throw m;
        }
        network.setParameters(theta);
        return network;
    }

    private static Activation readActivation(Decoder d, String field) throws ModelFormatException {
        int at = d.position();
        String name = d.string(field);
        int countAt = d.position();
        int count = d.count(field + ".parameterCount", 0, 8);
        int expected;
        switch (name) {
            case "sigmoid":
            case "tanh":
            case "relu":
            case "identity":
            case "softmax":
                expected = 0;
                break;
            case "leakyRelu":
                expected = 1;
                break;
            default:
                throw new ModelFormatException(field + " is \"" + name + "\", which this mlp4j does not know; expected"
                        + " sigmoid, tanh, relu, leakyRelu, identity or softmax. The model may come from a newer mlp4j.",
                        field, at);
        }
        if (count != expected) {
            throw new ModelFormatException(field + " " + name + " takes " + expected + " parameters but the model gives "
                    + count + "; the model is damaged.", field + ".parameterCount", countAt);
        }
        switch (name) {
            case "sigmoid":
                return Activation.sigmoid();
            case "tanh":
                return Activation.tanh();
            case "relu":
                return Activation.relu();
            case "identity":
                return Activation.identity();
            case "softmax":
                return Activation.softmax();
            default:
                int slopeAt = d.position();
                double slope = d.float64(field + ".slope");
                if (!(slope >= 0.0 && slope < 1.0)) {
                    throw new ModelFormatException(field + ".slope is " + slope + " but a leakyRelu slope must be in"
                            + " [0, 1); the model is damaged.", field + ".slope", slopeAt);
                }
                return Activation.leakyRelu(slope);
        }
    }

    private static Scaling readScaling(Decoder d, int inputSize) throws ModelFormatException {
        int at = d.position();
        String kind = d.string("scaling.kind");
        if (kind.equals(Format.NONE)) {
            return null;
        }
        if (!kind.equals(Format.STANDARD) && !kind.equals(Format.MIN_MAX)) {
            throw new ModelFormatException("scaling.kind is \"" + kind + "\", which this mlp4j does not know; expected"
                    + " none, standard or minmax. The model may come from a newer mlp4j.", "scaling.kind", at);
        }
        int widthAt = d.position();
        int width = d.int32("scaling.width");
        if (width != inputSize) {
            throw new ModelFormatException("scaling.width is " + width + " but the network has " + inputSize
                    + " inputs; the model is damaged.", "scaling.width", widthAt);
        }
        int valuesAt = d.position();
        try {
            if (kind.equals(Format.STANDARD)) {
                double[] mean = d.finites(width, "scaling.mean");
                double[] scale = d.finites(width, "scaling.scale");
                return Scaling.standard(mean, scale);
            }
            double[] min = d.finites(width, "scaling.min");
            double[] max = d.finites(width, "scaling.max");
            double lower = d.finite("scaling.lower");
            double upper = d.finite("scaling.upper");
            return Scaling.minMax(min, max, lower, upper);
        } catch (IllegalArgumentException e) {
            throw invalid("scaling", valuesAt, e);
        }
    }

    private static List<String> readClassNames(Decoder d) throws ModelFormatException {
        int count = d.count("classNames.count", 0, 4);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(d.string("classNames[" + i + "]"));
        }
        return names;
    }

    private static Provenance readProvenance(Decoder d) throws ModelFormatException {
        String version = d.string("provenance.libraryVersion");
        int timeAt = d.position();
        long seconds = d.int64("provenance.createdAt.seconds");
        int nanos = d.int32("provenance.createdAt.nanos");
        Instant createdAt;
        try {
            if (nanos < 0 || nanos > 999_999_999) {
                throw new DateTimeException("nanos " + nanos + " outside 0 to 999999999");
            }
            createdAt = Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new ModelFormatException("provenance.createdAt (" + seconds + " s, " + nanos + " ns) is not a valid"
                    + " instant; the model is damaged.", "provenance.createdAt", timeAt);
        }
        long seed = d.int64("provenance.seed");
        int count = d.count("provenance.settingCount", 0, 8);
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int keyAt = d.position();
            String key = d.string("provenance.settings[" + i + "].key");
            String value = d.string("provenance.settings[" + i + "].value");
            if (settings.put(key, value) != null) {
                throw new ModelFormatException("provenance.settings has the key \"" + key + "\" twice; the model is"
                        + " damaged.", "provenance.settings[" + i + "].key", keyAt);
            }
        }
        return new Provenance(version, createdAt, seed, settings);
    }
}
