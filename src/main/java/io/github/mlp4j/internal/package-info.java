/**
 * Helpers shared inside the library (argument checks, the seeded generator, the dense-layer
 * kernels on {@code double[][]} and the worker pool that splits them between threads); not
 * exported, and not part of the public API.
 */
package io.github.mlp4j.internal;
