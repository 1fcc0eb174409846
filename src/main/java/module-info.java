/**
 * mlp4j: an embeddable, dependency-free multilayer perceptron library.
 *
 * <p>Start with {@link io.github.mlp4j.Network#builder()}. ONNX import and export, CSV reading and
 * the metrics are in the second artifact, {@code mlp4j-tools} (module {@code io.github.mlp4j.tools}).
 */
// The argument checks, the seeded generator and the batch copies of internal are shared with the
// tools module (mlp4j-tools), and nothing else may read them. The core is compiled before the tools
// module exists, so javac warns that it cannot find it; hence the suppressed warning.
@SuppressWarnings("module")
module io.github.mlp4j {
    exports io.github.mlp4j;
    exports io.github.mlp4j.activation;
    exports io.github.mlp4j.data;
    exports io.github.mlp4j.io;
    exports io.github.mlp4j.layer;
    exports io.github.mlp4j.loss;
    exports io.github.mlp4j.optim;
    exports io.github.mlp4j.train;
    exports io.github.mlp4j.internal to io.github.mlp4j.tools;
}
