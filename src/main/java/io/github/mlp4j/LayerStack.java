package io.github.mlp4j;

import io.github.mlp4j.layer.Dense;
import io.github.mlp4j.layer.Dropout;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a builder's list of layer specifications into checked layers: sizes that chain, sizes
 * and parameter counts that fit in memory (computed in {@code long}, so that nothing overflows
 * unnoticed), and activations that suit their width.
 */
final class LayerStack {
    private LayerStack() {
    }

    /**
     * Builds the layers: {@code int[] {units}} followed by an {@link Activation} makes a dense
     * layer, {@code double[] {rate}} a dropout layer, and a {@link Layer} is taken as it is.
     *
     * @throws IllegalArgumentException naming the layer whose sizes do not fit or chain
     */
    static Layer[] assemble(int inputSize, List<Object> specs) {
        List<Layer> built = new ArrayList<>();
        int width = inputSize;
        long parameters = 0;
        for (int s = 0; s < specs.size(); s++) {
            Object spec = specs.get(s);
            int number = built.size() + 1;
            Layer layer;
            if (spec instanceof int[] units) {
                long count = ((long) width + 1) * units[0];
                if (count > Parameters.MAX_COUNT) {
                    throw new IllegalArgumentException("Layer " + number + " (dense " + width + " -> " + units[0]
                            + ") would have " + count + " parameters, more than a Java array holds ("
                            + Parameters.MAX_COUNT + "); use fewer inputs or units.");
                }
                layer = new Dense(width, units[0], (Activation) specs.get(++s));
            } else if (spec instanceof double[] rate) {
                layer = new Dropout(width, rate[0]);
            } else {
                layer = (Layer) spec;
                checkUserLayer(layer, number, width);
            }
            if (!layer.activation().isElementwise() && layer.outputSize() < 2) {
                throw new IllegalArgumentException("Layer " + number + " applies " + layer.activation().name()
                        + " to 1 unit, which always gives 1. Use at least 2 units, or sigmoid for a single output.");
            }
            parameters += layer.parameterCount();
            if (parameters > Parameters.MAX_COUNT) {
                throw new IllegalArgumentException("The network would have " + parameters + " parameters after layer "
                        + number + ", more than a Java array holds (" + Parameters.MAX_COUNT + "); use smaller layers.");
            }
            built.add(layer);
            width = layer.outputSize();
        }
        return built.toArray(new Layer[0]);
    }

    /** Returns the widths and activations of checked layers, such as {@code "2 -> 8 tanh -> 1 sigmoid"}. */
    static String describe(Layer[] layers) {
        StringBuilder s = new StringBuilder().append(layers[0].inputSize());
        for (Layer layer : layers) {
            s.append(" -> ").append(layer.outputSize()).append(' ').append(layer.activation().name());
        }
        return s.toString();
    }

    /** Checks the sizes a layer of the user's own declares, naming the layer when they are wrong. */
    private static void checkUserLayer(Layer layer, int number, int width) {
        String name = "Layer " + number + " (" + layer.getClass().getName() + ")";
        if (layer.inputSize() != width) {
            throw new IllegalArgumentException(name + " expects " + layer.inputSize()
                    + " inputs but the previous layer gives " + width + "; make the sizes match.");
        }
        if (layer.outputSize() < 1) {
            throw new IllegalArgumentException(name + " declares outputSize " + layer.outputSize()
                    + "; a layer needs at least 1 output.");
        }
        if (layer.parameterCount() < 0) {
            throw new IllegalArgumentException(name + " declares parameterCount " + layer.parameterCount()
                    + "; it must be 0 or more.");
        }
        if (layer.activation() == null) {
            throw new IllegalArgumentException(name + " returns no activation; return Activation.identity() if it"
                    + " applies none.");
        }
        if (layer.kernel() == null) {
            throw new IllegalArgumentException(name + " returns no kernel; return Layer.Kernel.OWN (the default) to"
                    + " have the network call its own passes.");
        }
        long affine = (long) layer.inputSize() * layer.outputSize() + layer.outputSize();
        if (layer.kernel() == Layer.Kernel.AFFINE && layer.parameterCount() != affine) {
            throw new IllegalArgumentException(name + " asks for the AFFINE kernel, whose parameters are W ("
                    + layer.inputSize() + " × " + layer.outputSize() + ") and b (" + layer.outputSize() + "), "
                    + affine + " in all, but declares parameterCount " + layer.parameterCount()
                    + "; return Layer.Kernel.OWN or count W and b.");
        }
    }
}
