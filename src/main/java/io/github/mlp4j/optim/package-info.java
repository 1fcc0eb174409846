/**
 * Optimizers that update a network's parameter vector from its gradient.
 */
package io.github.mlp4j.optim;
