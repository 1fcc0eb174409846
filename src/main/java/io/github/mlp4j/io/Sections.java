package io.github.mlp4j.io;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.activation.Identity;
import io.github.mlp4j.activation.LeakyRelu;
import io.github.mlp4j.activation.Relu;
import io.github.mlp4j.activation.Sigmoid;
import io.github.mlp4j.activation.Softmax;
import io.github.mlp4j.activation.Tanh;
import io.github.mlp4j.loss.BinaryCrossEntropy;
import io.github.mlp4j.loss.CrossEntropy;
import io.github.mlp4j.loss.MeanSquaredError;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields that versions 1 and 2 of the format share ({@code docs/model-format.md}): an
 * activation, the loss, and the scaling, class-name and provenance sections, each with its
 * writer and its reader side by side so that they keep the same rules; and the checks of the
 * network section that both readers make alike (sizes, room for the parameters, its end).
 */
final class Sections {
    private Sections() {
    }

    // ----------------------------------------------------------------------------------------
    // Activation: string name, int32 parameter count, float64 × count

    /** Writes the activation of layer {@code number} (1-based). */
    static void writeActivation(Encoder e, Activation a, int number) {
        e.string(activationName(a, number), "network.layers[" + (number - 1) + "].activation");
        if (a instanceof LeakyRelu leaky) {
            e.int32(1);
            e.float64(leaky.slope());
        } else {
            e.int32(0);
        }
    }

    private static String activationName(Activation a, int number) {
        if (a instanceof Sigmoid) {
            return "sigmoid";
        } else if (a instanceof Tanh) {
            return "tanh";
        } else if (a instanceof Relu) {
            return "relu";
        } else if (a instanceof LeakyRelu) {
            return "leakyRelu";
        } else if (a instanceof Identity) {
            return "identity";
        } else if (a instanceof Softmax) {
            return "softmax";
        }
        throw new IllegalArgumentException("Layer " + number + " uses the activation " + a.name() + " ("
                + a.getClass().getName() + "), which model files cannot describe; use a built-in activation.");
    }

    static Activation readActivation(Decoder d, String field) throws IOException {
        long at = d.position();
        String name = d.string(field);
        long countAt = d.position();
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
                long slopeAt = d.position();
                double slope = d.float64(field + ".slope");
                if (!(slope >= 0.0 && slope < 1.0)) {
                    throw new ModelFormatException(field + ".slope is " + slope + " but a leakyRelu slope must be in"
                            + " [0, 1); the model is damaged.", field + ".slope", slopeAt);
                }
                return Activation.leakyRelu(slope);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Network: the checks every version makes alike

    /** Reads the int32 size {@code field} (the input size or a layer's outputSize), which must be at least 1. */
    static int readSize(Decoder d, String field) throws IOException {
        long at = d.position();
        int size = d.int32(field);
        if (size < 1) {
            throw new ModelFormatException(field + " is " + size + " but must be at least 1; the model is damaged.",
                    field, at);
        }
        return size;
    }

    /**
     * Throws unless the bytes left can hold {@code parameters} float64 values, the parameters that
     * the layers up to {@code field} need; {@code unitsAt} is where that layer's outputSize is.
     */
    static void checkParameterRoom(Decoder d, long parameters, String field, long unitsAt)
            throws ModelFormatException {
        if (parameters > d.remaining() / 8) {
            throw new ModelFormatException("The layers up to " + field + " need " + parameters + " parameters of"
                    + " 8 bytes but only " + d.remaining() + " bytes remain; the model is damaged.",
                    field + ".outputSize", unitsAt);
        }
    }

    /**
     * Reads the end of a network section, the loss and the parameters, after its layers, and builds
     * the network: shared by every format version.
     *
     * @param builder the network's builder, its layers added
     * @param parameters the parameters its layers need
     * @param start where the network section starts, for messages
     */
    static Network finishNetwork(Decoder d, NetworkBuilder builder, long parameters, long start) throws IOException {
        Loss loss = readLoss(d);
        long countAt = d.position();
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

    // ----------------------------------------------------------------------------------------
    // Loss: string name

    static void writeLoss(Encoder e, Loss loss) {
        String name;
        if (loss instanceof MeanSquaredError) {
            name = "mse";
        } else if (loss instanceof BinaryCrossEntropy) {
            name = "binaryCrossEntropy";
        } else if (loss instanceof CrossEntropy) {
            name = "crossEntropy";
        } else {
            throw new IllegalArgumentException("The loss " + loss.name() + " (" + loss.getClass().getName()
                    + ") cannot be described by model files; use Loss.mse(), binaryCrossEntropy() or crossEntropy().");
        }
        e.string(name, "network.loss");
    }

    static Loss readLoss(Decoder d) throws IOException {
        long at = d.position();
        String name = d.string("network.loss");
        switch (name) {
            case "mse":
                return Loss.mse();
            case "binaryCrossEntropy":
                return Loss.binaryCrossEntropy();
            case "crossEntropy":
                return Loss.crossEntropy();
            default:
                throw new ModelFormatException("network.loss is \"" + name + "\", which this mlp4j does not know;"
                        + " expected mse, binaryCrossEntropy or crossEntropy. The model may come from a newer mlp4j.",
                        "network.loss", at);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Scaling, class names, provenance: the sections after the network

    /** Writes the sections after the network. */
    static void writeRest(Encoder e, Model model) {
        Scaling scaling = model.scaling().orElse(null);
        if (scaling == null) {
            e.string(Format.NONE, "scaling.kind");
        } else if (scaling instanceof Scaling.Standard s) {
            e.string(Format.STANDARD, "scaling.kind");
            e.int32(s.inputSize());
            e.finites(s.mean(), "scaling.mean");
            e.finites(s.scale(), "scaling.scale");
        } else if (scaling instanceof Scaling.MinMax m) {
            e.string(Format.MIN_MAX, "scaling.kind");
            e.int32(m.inputSize());
            e.finites(m.min(), "scaling.min");
            e.finites(m.max(), "scaling.max");
            e.finites(new double[] {m.lower(), m.upper()}, "scaling.range");
        }
        List<String> names = model.classNames();
        e.int32(names.size());
        for (int i = 0; i < names.size(); i++) {
            e.string(names.get(i), "classNames[" + i + "]");
        }
        Provenance p = model.provenance();
        e.string(p.libraryVersion(), "provenance.libraryVersion");
        e.int64(p.createdAt().getEpochSecond());
        e.int32(p.createdAt().getNano());
        e.int64(p.seed());
        e.int32(p.settings().size());
        int i = 0;
        for (Map.Entry<String, String> s : p.settings().entrySet()) {
            e.string(s.getKey(), "provenance.settings[" + i + "].key");
            e.string(s.getValue(), "provenance.settings[" + i + "].value");
            i++;
        }
    }

    /** Reads the sections after the network into {@code model}, and checks that the body ends there. */
    static Model readRest(Decoder d, Model model) throws IOException {
        long scalingAt = d.position();
        Scaling scaling = readScaling(d, model.network().inputSize());
        try {
            model = model.withScaling(scaling);
        } catch (IllegalArgumentException e) {
            throw invalid("scaling", scalingAt, e);
        }
        long namesAt = d.position();
        int count = d.count("classNames.count", 0, 4);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(d.string("classNames[" + i + "]"));
        }
        try {
            model = model.withClassNames(names);
        } catch (IllegalArgumentException e) {
            throw invalid("classNames", namesAt, e);
        }
        model = model.withProvenance(readProvenance(d));
        d.finish();
        return model;
    }

    static ModelFormatException invalid(String field, long offset, RuntimeException e) {
        ModelFormatException m = new ModelFormatException("The " + field + " section does not describe a valid model: "
                + e.getMessage(), field, offset);
        m.initCause(e);
        return m;
    }

    private static Scaling readScaling(Decoder d, int inputSize) throws IOException {
        long at = d.position();
        String kind = d.string("scaling.kind");
        if (kind.equals(Format.NONE)) {
            return null;
        }
        if (!kind.equals(Format.STANDARD) && !kind.equals(Format.MIN_MAX)) {
            throw new ModelFormatException("scaling.kind is \"" + kind + "\", which this mlp4j does not know; expected"
                    + " none, standard or minmax. The model may come from a newer mlp4j.", "scaling.kind", at);
        }
        long widthAt = d.position();
        int width = d.int32("scaling.width");
        if (width != inputSize) {
            throw new ModelFormatException("scaling.width is " + width + " but the network has " + inputSize
                    + " inputs; the model is damaged.", "scaling.width", widthAt);
        }
        long valuesAt = d.position();
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

    private static Provenance readProvenance(Decoder d) throws IOException {
        String version = d.string("provenance.libraryVersion");
        long timeAt = d.position();
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
            long keyAt = d.position();
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
