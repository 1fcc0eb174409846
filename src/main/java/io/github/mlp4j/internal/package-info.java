/**
 * Helpers shared inside the library (argument checks, the seeded generator); not exported, and
 * not part of the public API.
 */
package io.github.mlp4j.internal;
