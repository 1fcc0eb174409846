/**
 * Training and scoring mlp4j networks on Apache Spark DataFrames.
 *
 * <p>{@link io.github.mlp4j.spark.MlpClassifier} and
 * {@link io.github.mlp4j.spark.MlpClassificationModel} are a Spark ML estimator and model;
 * {@link io.github.mlp4j.spark.SparkTrainer} trains any core {@link io.github.mlp4j.Network} from a
 * core {@link io.github.mlp4j.train.TrainingConfig}. Models are the core's model files. See
 * {@code docs/spark.md} for the design: cached blocks, the {@code sync} and {@code average}
 * strategies, reproducibility and checkpoints.
 */
package io.github.mlp4j.spark;
