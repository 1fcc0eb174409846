package io.github.mlp4j.train;

import io.github.mlp4j.Network;
import io.github.mlp4j.optim.LearningRateSchedule;
import io.github.mlp4j.optim.Optimizer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings of one training run: how long, in which batches, with which optimizer and
 * learning rate, and when to stop.
 *
 * <p>Build one with {@link #builder()}; every setting has a default:
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *         .epochs(200)
 *         .batchSize(32)
 *         .optimizer(Optimizer.adam())
 *         .learningRate(0.001)
 *         .validationFraction(0.2)
 *         .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 10))
 *         .build();
 * }</pre>
 *
 * <p>One seed rules a run: unless {@link Builder#seed(long)} sets one, the trainer shuffles and
 * splits with the seed of the network it trains ({@link Network#seed()}), so
 * {@code Network.builder().seed(7)} alone makes the whole run repeatable.
 *
 * <p>In each step the trainer computes the batch gradient {@code g}, clips it to
 * {@code maxGradientNorm}, adds the L2 term and lets the optimizer update the parameters:
 * <pre>
 *   g ← g · min(1, maxGradientNorm / ‖g‖)
 *   g ← g + weightDecay · θ
 *   θ ← optimizer.update(θ, g, schedule.rate(epoch))
 * </pre>
 *
 * <p>Instances are immutable and thread-safe (provided the optimizer and schedule are, as the
 * library's own are).
 *
 * @param epochs the largest number of passes over the training data, at least 1
 * @param batchSize the rows per step, at least 1; a value above the row count means one batch
 * @param seed the seed of the shuffles and of the validation split, or empty to use the seed of
 *     the network being trained
 * @param validationFraction the fraction of in-memory training rows held out for validation, in
 *     [0, 1); 0 means none
 * @param optimizer the update rule
 * @param schedule the learning rate of each epoch (epochs counted from 1)
 * @param weightDecay the L2 coefficient {@code λ}, finite and at least 0 (0 means none)
 * @param maxGradientNorm the largest gradient norm allowed, positive ({@code +∞} means no
 *     clipping)
 * @param earlyStopping the early-stopping rule, if any
 * @param targetCost training stops after the first epoch whose training cost is at most this,
 *     finite and at least 0
 */
public record TrainingConfig(int epochs, int batchSize, OptionalLong seed, double validationFraction,
        Optimizer optimizer, LearningRateSchedule schedule, double weightDecay, double maxGradientNorm,
        Optional<EarlyStopping> earlyStopping, double targetCost) {

    /**
     * Checks every component.
     *
     * @param epochs the largest number of passes over the training data, at least 1
     * @param batchSize the rows per step, at least 1; a value above the row count means one batch
     * @param seed the seed of the shuffles and of the validation split, or empty to use the seed of
     *     the network being trained
     * @param validationFraction the fraction of in-memory training rows held out for validation, in
     *     [0, 1); 0 means none
     * @param optimizer the update rule
     * @param schedule the learning rate of each epoch (epochs counted from 1)
     * @param weightDecay the L2 coefficient {@code λ}, finite and at least 0 (0 means none)
     * @param maxGradientNorm the largest gradient norm allowed, positive ({@code +∞} means no
     *     clipping)
     * @param earlyStopping the early-stopping rule, if any
     * @param targetCost training stops after the first epoch whose training cost is at most this,
     *     finite and at least 0
     * @throws NullPointerException if the seed, optimizer, schedule or earlyStopping is null
     * @throws IllegalArgumentException if a number is out of its range (the message names it)
     */
    public TrainingConfig {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        checkEpochs(epochs);
        checkBatchSize(batchSize);
        checkValidationFraction(validationFraction);
        checkWeightDecay(weightDecay);
        checkMaxGradientNorm(maxGradientNorm);
        checkTargetCost(targetCost);
    }

    /**
     * Returns the seed a run on {@code network} uses: this configuration's own, if it sets one,
     * otherwise the network's.
     *
     * @param network the network to be trained
     * @return the seed of the run's shuffles and validation split
     */
    public long seedFor(Network network) {
        return seed.isPresent() ? seed.getAsLong() : network.seed();
    }

    private static int checkEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, but was " + epochs + "; try 100.");
        }
        return epochs;
    }

    private static int checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize + "; try 32.");
        }
        return batchSize;
    }

    private static double checkValidationFraction(double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), but was " + validationFraction
                    + "; use 0 for no validation or a value such as 0.2.");
        }
        return validationFraction;
    }

    private static double checkWeightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and at least 0, but was " + weightDecay
                    + "; use 0 for none or a small value such as 1e-4.");
        }
        return weightDecay;
    }

    private static double checkMaxGradientNorm(double maxGradientNorm) {
        if (!(maxGradientNorm > 0)) {
            throw new IllegalArgumentException("maxGradientNorm must be positive, but was " + maxGradientNorm
                    + "; use Double.POSITIVE_INFINITY for no clipping or a value such as 5.0.");
        }
        return maxGradientNorm;
    }

    private static double checkTargetCost(double targetCost) {
        if (!(targetCost >= 0) || !Double.isFinite(targetCost)) {
            throw new IllegalArgumentException("targetCost must be finite and at least 0, but was " + targetCost
                    + "; use 0 to train for all epochs.");
        }
        return targetCost;
    }

    /**
     * Returns a builder holding the defaults: 100 epochs, batches of 32, the network's seed, no
     * validation, plain SGD at a constant learning rate of 0.01,
     * no weight decay, no clipping, no early stopping and a target cost of 0.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default settings, those of {@link #builder()}.
     *
     * @return the default configuration
     */
    public static TrainingConfig defaults() {
        return builder().build();
    }

    /**
     * Returns a builder that starts from this configuration's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.validationFraction = validationFraction;
        b.optimizer = optimizer;
        b.schedule = schedule;
        b.weightDecay = weightDecay;
        b.maxGradientNorm = maxGradientNorm;
        b.earlyStopping = earlyStopping.orElse(null);
        b.targetCost = targetCost;
        return b;
    }

    /**
     * Builds a {@link TrainingConfig}. Each setter checks its value at once and throws
     * {@link IllegalArgumentException} (or {@link NullPointerException}) naming the setting, so a
     * bad value is reported on the line that sets it. Not thread-safe.
     */
    public static final class Builder {
        private int epochs = 100;
        private int batchSize = 32;
        private OptionalLong seed = OptionalLong.empty();
        private double validationFraction;
        private Optimizer optimizer = Optimizer.sgd();
        private LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);
        private double weightDecay;
        private double maxGradientNorm = Double.POSITIVE_INFINITY;
        private EarlyStopping earlyStopping;
        private double targetCost;

        private Builder() {
        }

        /**
         * Sets the largest number of passes over the training data.
         *
         * @param epochs at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code epochs < 1}
         */
        public Builder epochs(int epochs) {
            this.epochs = checkEpochs(epochs);
            return this;
        }

        /**
         * Sets the number of rows per step.
         *
         * @param batchSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code batchSize < 1}
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = checkBatchSize(batchSize);
            return this;
        }

        /**
         * Sets the seed of the shuffles and of the validation split, in place of the seed of the
         * network being trained (which is used when this is never called).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = OptionalLong.of(seed);
            return this;
        }

        /**
         * Sets the fraction of in-memory training rows held out, at random, for validation.
         *
         * @param fraction in [0, 1); 0 means none
         * @return this builder
         * @throws IllegalArgumentException if the fraction is outside [0, 1)
         */
        public Builder validationFraction(double fraction) {
            this.validationFraction = checkValidationFraction(fraction);
            return this;
        }

        /**
         * Sets the update rule. {@link io.github.mlp4j.optim.Lbfgs} makes training full-batch: one
         * epoch is then one L-BFGS iteration on all training rows, and the batch size, schedule and
         * clipping do not apply.
         *
         * @param optimizer such as {@link Optimizer#adam()} or {@code Lbfgs.defaults()}
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets a constant learning rate, replacing any schedule.
         *
         * @param learningRate positive and finite
         * @return this builder
         * @throws IllegalArgumentException if the rate is not positive and finite
         */
        public Builder learningRate(double learningRate) {
            this.schedule = LearningRateSchedule.constant(learningRate);
            return this;
        }

        /**
         * Sets a learning rate that changes from epoch to epoch, replacing any constant rate.
         *
         * @param schedule such as {@code LearningRateSchedule.cosine(0.01, 0.0001, 100)}
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets the L2 coefficient {@code λ}: each step adds {@code λ·θ} to the gradient.
         *
         * @param weightDecay finite and at least 0
         * @return this builder
         * @throws IllegalArgumentException if the value is negative or not finite
         */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = checkWeightDecay(weightDecay);
            return this;
        }

        /**
         * Sets the largest gradient norm: a longer gradient is scaled down to this length.
         *
         * @param maxNorm positive; {@code Double.POSITIVE_INFINITY} turns clipping off
         * @return this builder
         * @throws IllegalArgumentException if the value is not positive
         */
        public Builder maxGradientNorm(double maxNorm) {
            this.maxGradientNorm = checkMaxGradientNorm(maxNorm);
            return this;
        }

        /**
         * Sets the early-stopping rule, or removes it when given null.
         *
         * @param rule the rule, or null for none
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping rule) {
            this.earlyStopping = rule;
            return this;
        }

        /**
         * Sets the training cost at which training stops.
         *
         * @param targetCost finite and at least 0; 0 trains for all epochs unless the cost is 0
         * @return this builder
         * @throws IllegalArgumentException if the value is negative or not finite
         */
        public Builder targetCost(double targetCost) {
            this.targetCost = checkTargetCost(targetCost);
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @return a new immutable configuration
         */
        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, seed, validationFraction, optimizer, schedule, weightDecay,
                    maxGradientNorm, Optional.ofNullable(earlyStopping), targetCost);
        }
    }
}
