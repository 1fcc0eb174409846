package io.github.mlp4j.onnx;

import io.github.mlp4j.Layer;

/**
 * Writes a layer of your own as ONNX nodes, so that {@link OnnxExporter} can export the networks
 * that hold it. Give it to an exporter with
 * {@link OnnxExporter#withLayerWriter(Class, OnnxLayerWriter)}.
 *
 * <p>The writer adds the nodes that compute the layer's weighted sums {@code z}, of shape
 * (N × outputSize), from its input, of shape (N × inputSize), and returns the name of {@code z}.
 * The exporter then appends the layer's {@linkplain Layer#activation() activation} as it does for a
 * dense layer (nothing for the identity), so that the model computes what
 * {@link Layer#forward} computes. For a per-unit scale and shift {@code z = x ⊙ γ + β}, whose
 * {@code 2·n} parameters are {@code γ} then {@code β}:
 * <pre>{@code
 * OnnxExporter exporter = OnnxExporter.defaults().withLayerWriter(ScaleShift.class,
 *         (layer, parameters, input, nodes) -> {
 *             int n = layer.outputSize();
 *             String gamma = nodes.initializer("gamma", new long[] {n}, Arrays.copyOfRange(parameters, 0, n));
 *             String beta = nodes.initializer("beta", new long[] {n}, Arrays.copyOfRange(parameters, n, 2 * n));
 *             return nodes.node("Add", nodes.node("Mul", input, gamma), beta);    // z = x ⊙ γ + β
 *         });
 * exporter.export(network, Path.of("model.onnx"));
 * }</pre>
 *
 * <p>A writer is called once per layer of its class in each export, on the exporting thread; one
 * that keeps no state of its own may serve any number of exports at once.
 *
 * @param <L> the class of layer it writes
 */
@FunctionalInterface
public interface OnnxLayerWriter<L extends Layer> {

    /**
     * Adds the nodes that compute {@code layer}'s weighted sums {@code z} and returns their name.
     *
     * @param layer the layer to write
     * @param parameters the layer's parameters, {@code θ[offset .. offset + parameterCount())} of
     *     the network in the layer's own order; a copy, which the writer may keep or change
     * @param input the name of the layer's input tensor, (N × inputSize)
     * @param nodes where to add the layer's initializers and nodes; it gives each its name
     * @return the name of {@code z}, (N × outputSize): one that {@code nodes} returned, or
     *     {@code input} for a layer whose weighted sums are its input
     */
    String write(L layer, double[] parameters, String input, OnnxNodes nodes);
}
