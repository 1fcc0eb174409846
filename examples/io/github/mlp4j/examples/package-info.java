/**
 * Runnable examples of mlp4j, one topic per class, and the small readers they share (such as
 * {@link io.github.mlp4j.examples.IdxReader} for MNIST).
 *
 * <p>The examples are compiled with the tests and never enter the library jar. Run one with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.NAME}.
 */
package io.github.mlp4j.examples;
