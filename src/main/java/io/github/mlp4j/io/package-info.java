/**
 * Saving and loading whole models in mlp4j's versioned binary format: {@link io.github.mlp4j.io.Model}
 * (a network with its input scaling, class names and provenance), {@link io.github.mlp4j.io.ModelWriter}
 * and {@link io.github.mlp4j.io.ModelReader}.
 *
 * <p>A model file starts with a magic number and a format version, carries its own length and
 * ends with a CRC-32C checksum of everything before it, so that a damaged or truncated file is
 * refused with a {@link io.github.mlp4j.io.ModelFormatException} instead of loading a network that
 * predicts differently. Files are saved atomically: written to a temporary file in the same folder,
 * forced to disk, then moved over the target in one step. The byte-level specification, precise
 * enough to read a model from another language, is {@code docs/model-format.md}; every format
 * version stays loadable. A layer of your own can be saved once its kind is registered with
 * {@link io.github.mlp4j.io.LayerKinds} and a {@link io.github.mlp4j.io.LayerCodec}.
 */
package io.github.mlp4j.io;
