/**
 * Runnable examples of mlp4j, one topic per class, and the small readers they share (such as
 * {@link io.github.mlp4j.examples.IdxReader} for MNIST).
 *
 * <ul>
 *   <li>{@link io.github.mlp4j.examples.TwoCircles}, the flagship: the tutorial's two circles,
 *       with a decision-boundary picture, a cost chart and a GIF of the boundary forming;</li>
 *   <li>{@link io.github.mlp4j.examples.Xor}: the smallest network that needs a hidden layer;</li>
 *   <li>{@link io.github.mlp4j.examples.Activations}: each activation and loss with its
 *       derivative, drawn from the library's own code;</li>
 *   <li>{@link io.github.mlp4j.examples.Mnist}: handwritten digits from the MNIST IDX files, with
 *       a confusion matrix.</li>
 * </ul>
 *
 * <p>The examples are compiled with the tests and never enter the library jar. Run one with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.NAME}; options go
 * in {@code -Dexec.args="..."}. Each prints progress, then as its last line one JSON object with
 * its results and the paths of the pictures it wrote (under {@code target/examples/} unless
 * {@code --out DIR} says otherwise); {@code ExamplesSmokeTest} runs them all and reads that line.
 */
package io.github.mlp4j.examples;
