/**
 * The built-in activation functions: sigmoid, tanh, ReLU, leaky ReLU, identity and softmax,
 * stateless and shareable; obtain them from {@link io.github.mlp4j.Activation}'s factories.
 */
package io.github.mlp4j.activation;
