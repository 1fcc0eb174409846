package io.github.mlp4j.spark;

import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.TrainingConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains any mlp4j {@link Network} on a Spark DataFrame, with the core's {@link TrainingConfig}:
 * epochs, batch size, seed, optimizer, learning-rate schedule, weight decay, gradient clipping and
 * target cost. (Validation splits and early stopping are not supported here: split the DataFrame
 * with {@code randomSplit} and score the model.)
 *
 * <p>The rows are converted to blocks and cached once ({@link TrainingData}); which rows make each
 * batch is fixed by {@link BatchPlan}. Two strategies:
 * <ul>
 *   <li>{@link Strategy#SYNC} (the default) is the core's training loop with each batch spread
 *       over the partitions. Per step the driver broadcasts θ; each partition computes the
 *       gradient of its share of the batch in blocks of {@code blockRows}; the driver collects the
 *       partial sums by partition index, adds them in that order, and applies the core's
 *       optimizer. With one partition the parameters equal, bit for bit, those of a core loop on
 *       the same batches; with several they differ only by the order of the sums (about 1e-15
 *       relative per step), and every run gives the same bits.</li>
 *   <li>{@link Strategy#AVERAGE} takes {@code localSteps} steps on each partition's own shares,
 *       then averages parameters and optimizer buffers weighted by rows: {@code localSteps} times
 *       fewer rounds, but an approximation of the sync result, not equal to it.</li>
 * </ul>
 *
 * <p>Every task's result depends only on its inputs, so a retried task or a lost executor changes
 * nothing. With a checkpoint directory, θ and the optimizer state are saved every
 * {@code checkpointInterval} steps (rounds for {@code average}); a new run with the same settings
 * and data resumes from there and ends with the same parameters as an uninterrupted run.
 *
 * <p>Instances are immutable; {@link #fit} trains the network it is given in place.
 */
public final class SparkTrainer {

    /** How the partitions' work is combined. */
    public enum Strategy {
        /** One global batch per step, gradients reduced in partition order: the core's result. */
        SYNC,
        /** Local steps per partition, then a row-weighted average: fewer rounds, approximate. */
        AVERAGE
    }

    private final TrainingConfig config;
    private final Strategy strategy;
    private final int localSteps;
    private final int blockRows;
    private final String checkpointDir;
    private final int checkpointInterval;

    private SparkTrainer(Builder b) {
        this.config = b.config;
        this.strategy = b.strategy;
        this.localSteps = b.localSteps;
        this.blockRows = b.blockRows;
        this.checkpointDir = b.checkpointDir;
        this.checkpointInterval = b.checkpointInterval;
    }

    /**
     * Returns a builder for training with {@code config}.
     *
     * @param config the core's training settings
     * @return a new builder: strategy sync, blocks of 1024 rows, no checkpoints
     * @throws IllegalArgumentException if the config asks for a validation split or early stopping
     */
    public static Builder builder(TrainingConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.validationFraction() > 0) {
            throw new IllegalArgumentException("validationFraction is " + config.validationFraction()
                    + " but SparkTrainer does not hold out rows; set it to 0 and split the DataFrame with randomSplit.");
        }
        if (config.earlyStopping().isPresent()) {
            throw new IllegalArgumentException("SparkTrainer does not support early stopping; remove it from the "
                    + "TrainingConfig (targetCost is supported).");
        }
        return new Builder(config);
    }

    /**
     * Trains {@code network} in place on the rows of {@code frame}.
     *
     * @param network the network, with its starting parameters; on return it holds the trained ones
     * @param frame the training rows
     * @param columns where the features and label are
     * @return what happened
     * @throws IllegalArgumentException if a column is missing or of the wrong type, or rows are bad
     *     (the message names the column and counts the rows)
     * @throws DivergenceException if the cost or gradient becomes NaN or infinite; the network
     *     then keeps the parameters from before that step
     */
    public SparkHistory fit(Network network, Dataset<Row> frame, InputColumns columns) {
        Objects.requireNonNull(network, "network");
        try (TrainingData data = TrainingData.prepare(frame, columns, network.inputSize(), network.outputSize(),
                blockRows)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
            return new Run(sc, network, data).run();
        }
    }

    /** One call of {@link #fit}: the driver's loop. */
    private final class Run {
        private final JavaSparkContext sc;
        private final Network net;
        private final TrainingData data;
        private final Broadcast<byte[]> bytes;
        private final String dataKey;
        private final long fingerprint;
        private final int steps;
        private LocalUpdate state;
        private long bytesToDriver;
        private long stepsDone;
        private double lastFinite = Double.NaN;

        Run(JavaSparkContext sc, Network net, TrainingData data) {
            this.sc = sc;
            this.net = net;
            this.data = data;
            this.bytes = sc.broadcast(save(net));
            this.dataKey = sc.sc().applicationId() + "/" + data.blocks.id();
            this.steps = BatchPlan.stepsPerEpoch(data.rows, config.batchSize());
            this.fingerprint = java.util.Arrays.hashCode(new long[] {data.rows, data.partitions(), config.batchSize(),
                config.seedFor(net), strategy.ordinal(), localSteps, net.parameterCount(), java.util.Arrays.hashCode(
                    data.partitionRows)});
            this.state = new LocalUpdate(config.optimizer().start(net.parameterCount()), config.weightDecay());
        }

        SparkHistory run() {
            long start = System.nanoTime();
            int firstEpoch = 1;
            int firstStep = 0;
            double costSum = 0.0;
            long seen = 0;
            List<Double> costs = new ArrayList<>();
            Checkpoint resumed = checkpointDir == null ? null
                    : Checkpoint.load(checkpointDir, sc.hadoopConfiguration(), fingerprint);
            if (resumed != null) {
                net.setParameters(resumed.theta);
                state = new LocalUpdate(config.optimizer().restore(resumed.optimizer), config.weightDecay());
                firstEpoch = resumed.epoch;
                firstStep = resumed.step;
                costSum = resumed.epochCostSum;
                seen = resumed.epochRows;
                lastFinite = resumed.lastFinite;
                stepsDone = resumed.stepsDone;
                for (double c : resumed.epochCosts) {
                    costs.add(c);
                }
            }
            String stop = "ran all " + config.epochs() + " epochs";
            try {
                for (int epoch = firstEpoch; epoch <= config.epochs(); epoch++) {
                    double rate = rate(epoch);
                    int width = strategy == Strategy.SYNC ? 1 : localSteps;
                    for (int s = epoch == firstEpoch ? firstStep : 0; s < steps; s += width) {
                        int end = Math.min(steps, s + width);
                        double[] cost = strategy == Strategy.SYNC ? syncStep(epoch, s, rate) : averageRound(epoch, s, end, rate);
                        costSum += cost[0];
                        seen += (long) cost[1];
                        stepsDone++;
                        if (checkpointDir != null && stepsDone % checkpointInterval == 0) {
                            boolean last = end == steps;
                            List<Double> done = new ArrayList<>(costs);
                            if (last) {
                                done.add(costSum / seen);
                            }
                            new Checkpoint(fingerprint, last ? epoch + 1 : epoch, last ? 0 : end, stepsDone,
                                    net.parameters(), state.snapshot(), last ? 0.0 : costSum, last ? 0 : seen,
                                    lastFinite, done.stream().mapToDouble(Double::doubleValue).toArray())
                                    .save(checkpointDir, sc.hadoopConfiguration());
                        }
                    }
                    double epochCost = costSum / seen;
                    costs.add(epochCost);
                    costSum = 0.0;
                    seen = 0;
                    if (epochCost <= config.targetCost()) {
                        stop = "reached the target cost " + config.targetCost() + " in epoch " + epoch;
                        break;
                    }
                }
            } finally {
                bytes.destroy();
            }
            return new SparkHistory(costs.stream().mapToDouble(Double::doubleValue).toArray(), stepsDone,
                    data.rows, data.partitions(), bytesToDriver, (System.nanoTime() - start) / 1e9, stop);
        }

        /** One sync step; returns {cost sum over rows, rows}. */
        private double[] syncStep(int epoch, int s, double rate) {
            Broadcast<double[]> theta = sc.broadcast(net.parameters());
            List<Partial> parts;
            try {
                parts = data.blocks.mapPartitionsWithIndex(new SyncTask(bytes, theta, dataKey, config.seedFor(net), epoch, s,
                        steps, blockRows), false).collect();                 // by partition index
            } finally {
                theta.destroy();
            }
            Partial only = null;
            long rows = 0;
            int nonEmpty = 0;
            for (Partial p : parts) {
                bytesToDriver += p.bytes();
                if (p.rows > 0) {
                    only = p;
                    rows += p.rows;
                    nonEmpty++;
                }
            }
            double[] g;
            double cost;
            if (nonEmpty == 1 && only.mean) {
                g = only.vector;                                             // the core's mean, untouched
                cost = only.meanCost;
            } else {
                g = new double[net.parameterCount()];
                double costSum = 0.0;
                for (Partial p : parts) {                                    // fixed order: partition 0, 1, …
                    if (p.rows == 0) {
                        continue;
                    }
                    double scale = p.mean ? p.rows : 1.0;
                    for (int i = 0; i < g.length; i++) {
                        g[i] += scale * p.vector[i];
                    }
                    costSum += p.costSum;
                }
                for (int i = 0; i < g.length; i++) {
                    g[i] /= rows;
                }
                cost = costSum / rows;
            }
            requireFinite(cost, g, epoch, s + 1, lastFinite);
            if (config.maxGradientNorm() < Double.POSITIVE_INFINITY) {
                Gradients.clipByNorm(g, config.maxGradientNorm());
            }
            if (rate > 0) {
                double[] before = net.parameters();
                net.update(state, g, rate);
                if (!finite(net.parameters())) {
                    net.setParameters(before);
                    throw new DivergenceException(epoch, s + 1, lastFinite, "a parameter");
                }
            }
            lastFinite = cost;
            return new double[] {cost * rows, rows};
        }

        /** One average round over steps {@code s … end−1}; returns {cost sum over rows, rows}. */
        private double[] averageRound(int epoch, int s, int end, double rate) {
            int p = net.parameterCount();
            Optimizer.Snapshot snap = state.snapshot();
            double[][] buffers = snap.buffers();
            double[] packed = new double[p * (buffers.length + 1)];
            System.arraycopy(net.parameters(), 0, packed, 0, p);
            for (int b = 0; b < buffers.length; b++) {
                System.arraycopy(buffers[b], 0, packed, p * (b + 1), p);
            }
            Broadcast<double[]> shared = sc.broadcast(packed);
            List<Partial> parts;
            try {
                parts = data.blocks.mapPartitionsWithIndex(new AverageTask(bytes, shared,
                        OptimizerRecipe.of(config.optimizer()), snap.steps(), buffers.length, dataKey, config.seedFor(net),
                        epoch, s, end, steps, blockRows, rate, config.maxGradientNorm(), config.weightDecay()),
                        false).collect();
            } finally {
                shared.destroy();
            }
            double[] mean = new double[packed.length];
            long rows = 0;
            double costSum = 0.0;
            for (Partial part : parts) {                                     // fixed order: partition 0, 1, …
                bytesToDriver += part.bytes();
                if (part.rows == 0) {
                    continue;
                }
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += part.rows * part.vector[i];
                }
                rows += part.rows;
                costSum += part.costSum;
            }
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= rows;
            }
            double[] theta = java.util.Arrays.copyOf(mean, p);
            if (!finite(mean)) {
                throw new DivergenceException(epoch, end, lastFinite, "an averaged parameter");
            }
            net.setParameters(theta);
            double[][] avg = new double[buffers.length][];
            for (int b = 0; b < buffers.length; b++) {
                avg[b] = java.util.Arrays.copyOfRange(mean, p * (b + 1), p * (b + 2));
            }
            long optimizerSteps = snap.steps() + (rate > 0 ? end - s : 0);
            state = new LocalUpdate(config.optimizer().restore(new Optimizer.Snapshot(snap.optimizerName(), p,
                    optimizerSteps, avg)), config.weightDecay());
            lastFinite = costSum / rows;
            return new double[] {costSum, rows};
        }

        private double rate(int epoch) {
            double rate = config.schedule().rate(epoch);
            if (!(rate >= 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("The learning-rate schedule gave " + rate + " for epoch " + epoch
                        + "; a schedule must return a finite rate of at least 0.");
            }
            return rate;
        }
    }

    static void requireFinite(double cost, double[] gradient, int epoch, int batch) {
        requireFinite(cost, gradient, epoch, batch, Double.NaN);
    }

    private static void requireFinite(double cost, double[] gradient, int epoch, int batch, double lastFinite) {
        if (!Double.isFinite(cost)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the cost");
        }
        if (!finite(gradient)) {
            throw new DivergenceException(epoch, batch, lastFinite, "the gradient");
        }
    }

    private static boolean finite(double[] a) {
        double sum = 0.0;
        for (double v : a) {
            sum += v * 0.0;                                                  // NaN or ±∞ makes it NaN
        }
        return sum == 0.0;
    }

    static byte[] save(Network net) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            net.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The network cannot be saved for broadcasting: " + e.getMessage(), e);
        }
    }

    /** Chooses the strategy, block size and checkpoints of a {@link SparkTrainer}. */
    public static final class Builder {
        private final TrainingConfig config;
        private Strategy strategy = Strategy.SYNC;
        private int localSteps = 8;
        private int blockRows = 1024;
        private String checkpointDir;
        private int checkpointInterval = 10;

        private Builder(TrainingConfig config) {
            this.config = config;
        }

        /**
         * Sets the strategy.
         *
         * @param strategy {@link Strategy#SYNC} (the default) or {@link Strategy#AVERAGE}
         * @param localSteps for {@code AVERAGE}, the local steps per round (H), at least 1; ignored
         *     for {@code SYNC}
         * @return this builder
         */
        public Builder strategy(Strategy strategy, int localSteps) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            if (localSteps < 1) {
                throw new IllegalArgumentException("localSteps must be at least 1, but was " + localSteps + "; try 8.");
            }
            if (strategy == Strategy.AVERAGE) {
                OptimizerRecipe.of(config.optimizer());                      // fails now if it cannot travel
            }
            this.localSteps = localSteps;
            return this;
        }

        /**
         * Sets the rows per cached block and per gradient computation (the workspace's capacity).
         *
         * @param blockRows at least 1; default 1024
         * @return this builder
         */
        public Builder blockRows(int blockRows) {
            if (blockRows < 1) {
                throw new IllegalArgumentException("blockRows must be at least 1, but was " + blockRows + "; try 1024.");
            }
            this.blockRows = blockRows;
            return this;
        }

        /**
         * Saves θ and the optimizer state every {@code interval} steps to {@code dir} (any Hadoop
         * file-system URI), and resumes from a checkpoint found there.
         *
         * @param dir the directory, or null for no checkpoints
         * @param interval steps (rounds for average) between checkpoints, at least 1
         * @return this builder
         */
        public Builder checkpoint(String dir, int interval) {
            if (interval < 1) {
                throw new IllegalArgumentException("checkpointInterval must be at least 1, but was " + interval
                        + "; try 10.");
            }
            this.checkpointDir = dir;
            this.checkpointInterval = interval;
            return this;
        }

        /** {@return the trainer} */
        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
