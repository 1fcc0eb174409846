package io.github.mlp4j.onnx;

import io.github.mlp4j.onnx.OnnxGraph.Attribute;
import io.github.mlp4j.onnx.OnnxGraph.Node;
import io.github.mlp4j.onnx.OnnxGraph.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the class labels in a classifier's label branch, which the walk otherwise ignores:
 * {@code ZipMap}'s {@code classlabels_strings} or {@code classlabels_int64s}, or the constant
 * classes that {@code ArrayFeatureExtractor} picks the label from (as skl2onnx writes them). They
 * become the imported model's class names, so that {@code Model.predictClassName} returns the label
 * the graph would.
 */
final class ClassLabels {
    private ClassLabels() {
    }

    /**
     * Returns the labels of the classes in output order, as text, or an empty list if the graph
     * names none.
     *
     * @param graph the graph
     * @param initializers its constants by name
     * @param walked the nodes of the walked chain, which are not part of the label branch
     * @param folder the folder of external data, or null
     * @throws IOException if the classes' external data cannot be read
     */
    static List<String> find(OnnxGraph graph, Map<String, Tensor> initializers, Set<Node> walked, Path folder)
            throws IOException {
        for (Node n : graph.nodes) {
            if (walked.contains(n)) {
                continue;
            }
            if (n.operator().equals("ZipMap")) {
                Attribute strings = n.attributes().get("classlabels_strings");
                Attribute ints = n.attributes().get("classlabels_int64s");
                if (strings != null && !strings.strings().isEmpty()) {
                    return List.copyOf(strings.strings());
                }
                if (ints != null && ints.ints().length > 0) {
                    return text(ints.ints());
                }
            }
            if (n.operator().equals("ArrayFeatureExtractor") && initializers.containsKey(n.input(0))) {
                Tensor classes = initializers.get(n.input(0));
                try {
                    return classes.dataType() == OnnxGraph.STRING ? List.of(TensorData.strings(classes))
                            : text(TensorData.integers(classes, folder));
                } catch (OnnxImportException e) {
                    return List.of();                              // labels of another type: the indices serve
                }
            }
        }
        return List.of();
    }

    private static List<String> text(long[] values) {
        List<String> names = new ArrayList<>(values.length);
        for (long v : values) {
            names.add(Long.toString(v));
        }
        return names;
    }
}
