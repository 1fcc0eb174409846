/**
 * Export of trained networks to ONNX, the open format that ONNX Runtime and many other inference
 * engines read: {@link io.github.mlp4j.onnx.OnnxExporter}.
 *
 * <p>The few protobuf messages an ONNX model needs are encoded here by hand, so export adds no
 * dependency to the library.
 */
package io.github.mlp4j.onnx;
