/**
 * mlp4j: an embeddable, dependency-free multilayer perceptron library.
 *
 * <p>Start with {@link io.github.mlp4j.Network#builder()}.
 */
module io.github.mlp4j {
    exports io.github.mlp4j;
    exports io.github.mlp4j.activation;
    exports io.github.mlp4j.data;
    exports io.github.mlp4j.io;
    exports io.github.mlp4j.layer;
    exports io.github.mlp4j.loss;
    exports io.github.mlp4j.metrics;
    exports io.github.mlp4j.onnx;
    exports io.github.mlp4j.optim;
    exports io.github.mlp4j.train;
}
