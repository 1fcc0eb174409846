/**
 * mlp4j-tools: ONNX export and import, CSV reading and metrics for the networks of mlp4j, with no
 * dependency but the core.
 *
 * <p>{@link io.github.mlp4j.onnx.OnnxExporter} and {@link io.github.mlp4j.onnx.OnnxImporter}
 * exchange networks with ONNX, {@link io.github.mlp4j.csv.CsvReader} and
 * {@link io.github.mlp4j.csv.CsvBatchSource} read CSV files, and {@code io.github.mlp4j.metrics}
 * scores predictions.
 */
module io.github.mlp4j.tools {
    requires transitive io.github.mlp4j;

    exports io.github.mlp4j.csv;
    exports io.github.mlp4j.metrics;
    exports io.github.mlp4j.onnx;
}
