package io.github.mlp4j.onnx;

import io.github.mlp4j.Activation;
import io.github.mlp4j.onnx.OnnxGraph.Attribute;
import io.github.mlp4j.onnx.OnnxGraph.Node;

/**
 * Reads a node's attributes with their ONNX defaults, and checks the ones whose values mlp4j
 * cannot compute.
 */
final class Attributes {
    // AttributeProto.AttributeType values
    private static final int FLOAT = 1;
    private static final int INT = 2;

    private Attributes() {
    }

    /** Returns the integer attribute {@code name} of {@code n}, or {@code fallback} if it is absent. */
    static long integer(Node n, String name, long fallback) throws OnnxImportException {
        Attribute a = n.attributes().get(name);
        if (a == null) {
            return fallback;
        }
        if (a.type() != INT && a.type() != 0) {
            throw LayerChain.refuse(n, "has attribute '" + name + "' of type " + a.type() + " where an integer belongs");
        }
        return a.i();
    }

    /** Returns the float attribute {@code name} of {@code n}, widened exactly, or {@code fallback} if it is absent. */
    static double real(Node n, String name, float fallback) throws OnnxImportException {
        Attribute a = n.attributes().get(name);
        if (a == null) {
            return fallback;
        }
        if (a.type() != FLOAT && a.type() != 0) {
            throw LayerChain.refuse(n, "has attribute '" + name + "' of type " + a.type() + " where a float belongs");
        }
        return a.f();
    }

    /**
     * Returns the leaky ReLU with the slope node {@code n} applies. ONNX stores {@code alpha} as a
     * float32; it is widened exactly, so that the network computes what ONNX Runtime computes.
     */
    static Activation leakyRelu(Node n, double slope) throws OnnxImportException {
        if (!(slope >= 0.0 && slope < 1.0)) {
            throw LayerChain.refuse(n, "is a leaky ReLU with slope " + slope + "; mlp4j's leakyRelu needs a slope in "
                    + "[0, 1)");
        }
        return Activation.leakyRelu(slope);
    }

    /**
     * Checks that a Softmax normalises each row of a (rows × columns) tensor: axis 1 or −1. Before
     * opset 13 the axis defaults to 1 (and the input is seen as 2-D from it); from 13 on, to −1.
     */
    static void checkSoftmaxAxis(Node n, long opset) throws OnnxImportException {
        long axis = integer(n, "axis", opset < 13 ? 1 : -1);
        if (axis != 1 && axis != -1) {
            throw LayerChain.refuse(n, "is a Softmax over axis " + axis + "; mlp4j's softmax normalises each row, "
                    + "so it imports axis 1 or -1 only");
        }
    }
}
