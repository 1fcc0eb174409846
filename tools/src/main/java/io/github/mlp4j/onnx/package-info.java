/**
 * Exchange of networks with ONNX, the open format that PyTorch, Keras (through tf2onnx),
 * scikit-learn (through skl2onnx), ONNX Runtime and many other tools read and write:
 * {@link io.github.mlp4j.onnx.OnnxExporter} writes a trained network, and
 * {@link io.github.mlp4j.onnx.OnnxImporter} reads a multilayer perceptron trained elsewhere into a
 * network that predicts without native libraries. A layer of your own is exported through the
 * {@link io.github.mlp4j.onnx.OnnxLayerWriter} given for its class, which adds its nodes through
 * {@link io.github.mlp4j.onnx.OnnxNodes}.
 *
 * <p>The few protobuf messages an ONNX model needs are encoded and decoded here by hand, so
 * neither direction adds a dependency to the library.
 */
package io.github.mlp4j.onnx;
