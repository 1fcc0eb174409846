/**
 * Data for training: the {@link io.github.mlp4j.data.Dataset} holder of inputs and targets,
 * one-hot encoding, train/test splits, feature scalers, seeded generators of teaching data sets,
 * and {@link io.github.mlp4j.data.BatchSource} for data larger than memory. Reading CSV files
 * (into a data set, or streamed as a batch source) is the second artifact's, {@code mlp4j-tools},
 * in its package {@code io.github.mlp4j.csv}.
 *
 * <p>Everything works on plain {@code double[][]} arrays whose rows are samples: {@code x} has
 * shape (n, inputs) and {@code y} has shape (n, outputs). Targets come in three layouts:
 * <ul>
 *   <li>one-hot rows, one column per class (for softmax or one-vs-rest sigmoid outputs);</li>
 *   <li>a single column holding 0 or 1 (for a binary classifier with one sigmoid output);</li>
 *   <li>a single column holding any finite number (regression).</li>
 * </ul>
 *
 * <p>Every random choice (shuffles, splits, generated points) comes from an explicit seed, so the
 * same seed gives bit-identical results on every JVM.
 */
package io.github.mlp4j.data;
