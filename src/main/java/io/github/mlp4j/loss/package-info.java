/**
 * The built-in losses: mean squared error, binary cross-entropy (fused with sigmoid) and
 * categorical cross-entropy (fused with softmax); obtain them from {@link io.github.mlp4j.Loss}'s
 * factories.
 */
package io.github.mlp4j.loss;
