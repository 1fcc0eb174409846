/**
 * Runnable examples of mlp4j, one topic per class, and the small readers they share (such as
 * {@link io.github.mlp4j.examples.IdxReader} for MNIST).
 *
 * <ul>
 *   <li>{@link io.github.mlp4j.examples.TwoCircles}, the flagship: the tutorial's two circles,
 *       with a decision-boundary picture, a cost chart and a GIF of the boundary forming;</li>
 *   <li>{@link io.github.mlp4j.examples.Xor}: the smallest network that needs a hidden layer;</li>
 *   <li>{@link io.github.mlp4j.examples.Activations}: each activation and loss with its
 *       derivative, drawn from the library's own code.</li>
 * </ul>
 *
 * <p>The examples that use mlp4j-tools ({@code Tour}, {@code TrainCsv}, {@code Mnist},
 * {@code CustomLayer}, {@code ExportOnnx}, {@code ImportOnnx}) are in the same package under
 * {@code tools/examples/}; the tools build compiles this folder beside them, so they share its
 * readers and its {@code plot} package.
 *
 * <p>The examples are compiled with the tests and never enter a jar. Run one of this folder with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.NAME}; options go
 * in {@code -Dexec.args="..."}; run one of tools/examples with {@code bash tools/run.sh NAME
 * [options]}. Each prints progress, then as its last line one JSON object with its results and the
 * paths of the pictures it wrote (under {@code target/examples/} unless {@code --out DIR} says
 * otherwise); {@code ExamplesSmokeTest} and {@code ToolsExamplesSmokeTest} run them and read that
 * line.
 */
package io.github.mlp4j.examples;
