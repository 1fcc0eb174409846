/**
 * Layer implementations: {@link io.github.mlp4j.layer.Dense}, the fully connected layer
 * {@code z = a·W + b}.
 */
package io.github.mlp4j.layer;
