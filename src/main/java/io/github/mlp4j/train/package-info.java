/**
 * Training: the {@link io.github.mlp4j.train.Trainer} loop configured by an immutable
 * {@link io.github.mlp4j.train.TrainingConfig}, its {@link io.github.mlp4j.train.History}, stopping
 * rules ({@link io.github.mlp4j.train.EarlyStopping}, a target cost), listeners and warnings.
 *
 * <p>A run in brief:
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *         .epochs(200).batchSize(32)
 *         .optimizer(Optimizer.adam()).learningRate(0.001)
 *         .validationFraction(0.2)
 *         .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 10))
 *         .build();
 * History history = new Trainer(config)
 *         .withListener(new ConsoleListener(System.out))
 *         .fit(network, x, y);
 * history.writeCsv(Path.of("history.csv"));
 * }</pre>
 *
 * <p>The run starts from the network's current parameters and shuffles with the network's seed
 * unless the configuration sets its own. The library never prints: progress, early stops and
 * warnings (unscaled inputs, a classifier that predicts one class, ReLU units that never activate)
 * go to the {@link io.github.mlp4j.train.TrainingListener}s attached to the trainer; a lambda
 * {@code row -> ...} is an {@link io.github.mlp4j.train.EpochListener}, called after each epoch.
 */
package io.github.mlp4j.train;
