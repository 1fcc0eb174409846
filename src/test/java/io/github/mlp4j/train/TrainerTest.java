package io.github.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Layer;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.TestData;
import io.github.mlp4j.TrainingInterruptedException;
import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.EarlyStopping.Monitor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** A 1 → 1 identity network with MSE: ŷ = w·x + b, C = (ŷ − y)², θ = (w, b). */
    private static Network line() {
        return Network.builder().input(1).dense(1, Activation.identity()).loss(Loss.mse()).seed(1).build();
    }

    private static final double[][] ONE = {{1.0}};
    private static final double[][] ZERO = {{0.0}};

    /**
     * An optimizer that ignores the gradient and sets θ to planned values, one per step, recording
     * what it was given; it makes a training history exactly predictable.
     */
    private static final class Planned implements Optimizer {
        final double[][] plan;
        final List<double[]> gradients = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();

        Planned(double[]... plan) {
            this.plan = plan;
        }

        @Override
        public String name() {
            return "planned";
        }

        @Override
        public State start(int parameterCount) {
            return new State() {
                int steps;

                @Override
                public void update(double[] theta, double[] gradient, double learningRate) {
                    gradients.add(gradient.clone());
                    rates.add(learningRate);
                    if (steps < plan.length) {
                        System.arraycopy(plan[steps], 0, theta, 0, theta.length);
                    }
                    steps++;
                }

                @Override
                public long steps() {
                    return steps;
                }

                @Override
                public int parameterCount() {
                    return parameterCount;
                }
            };
        }
    }

    private static TrainingConfig.Builder config(Optimizer optimizer) {
        return TrainingConfig.builder().epochs(10).batchSize(1).optimizer(optimizer).learningRate(0.1);
    }

    // ------------------------------------------------------------------------------------------
    // Agreement with Network.fit

    @Test
    void plainSgdReproducesNetworkFitBitForBit() {
        Dataset circles = Generators.tutorialCircles(7);
        double[][] x = circles.x();
        double[][] y = circles.y();
        NetworkBuilder shape = Network.builder().input(2).dense(8, Activation.relu()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(5);
        Network viaFit = shape.build();
        Network viaTrainer = shape.build();
        double[] fitCosts = viaFit.fit(x, y, 4, 50, 0.2);

        // Network.fit shuffles with the generator that drew the initial weights. SplitMix64's state
        // after k draws is seed + k·0x9E3779B97F4A7C15, so a trainer seeded with that value shuffles
        // exactly as fit does. Find k by replaying the initialisation.
        Rng replay = new Rng(5);
        double[] scratch = new double[viaTrainer.parameterCount()];
        List<Layer> layers = viaTrainer.layers();
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).initialize(scratch, viaTrainer.parameterOffset(l), replay);
        }
        assertThat(scratch).containsExactly(viaTrainer.parameters());
        long next = replay.nextLong();
        long shuffleSeed = 0;
        for (long k = 0; k < 100_000; k++) {
            if (new Rng(5 + k * 0x9E3779B97F4A7C15L).nextLong() == next) {
                shuffleSeed = 5 + (k + 1) * 0x9E3779B97F4A7C15L - 0x9E3779B97F4A7C15L;
                break;
            }
        }
        assertThat(shuffleSeed).isNotZero();

        History history = new Trainer(TrainingConfig.builder().epochs(4).batchSize(50).seed(shuffleSeed)
                .optimizer(Optimizer.sgd()).learningRate(0.2).build()).fit(viaTrainer, x, y);

        assertThat(viaTrainer.parameters()).containsExactly(viaFit.parameters());
        for (int e = 0; e < 4; e++) {
            assertThat(history.epochs().get(e).trainingCost()).isEqualTo(fitCosts[e]);
        }
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        Dataset circles = Generators.tutorialCircles(3);
        NetworkBuilder shape = Network.builder().input(2).dense(6, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy());
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(16).seed(11)
                .optimizer(Optimizer.adam()).learningRate(0.01).validationFraction(0.25).build();
        Network a = shape.build();
        Network b = shape.build();
        new Trainer(config).fit(a, circles.x(), circles.y());
        new Trainer(config).fit(b, circles.x(), circles.y());
        assertThat(a.parameters()).containsExactly(b.parameters());
    }

    // ------------------------------------------------------------------------------------------
    // Stopping rules

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Network net = line();
        // Validation after epoch e is C(θ_e) = w_e² with x = 1, y = 0: 4, 1, 0.25, 0.64, 0.36, ...
        // Best at epoch 3; epochs 4 and 5 do not improve; patience 2 stops after epoch 5.
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1, 0}, new double[] {0.5, 0},
                new double[] {0.8, 0}, new double[] {0.6, 0}, new double[] {0.1, 0});
        TrainingConfig config = config(plan)
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 2)).build();

        History history = new Trainer(config).fit(net, ONE, ZERO, ONE, ZERO);

        assertThat(history.size()).isEqualTo(5);
        assertThat(history.stopReason()).isEqualTo(History.StopReason.EARLY_STOPPING);
        assertThat(history.bestEpoch()).isEqualTo(3);
        assertThat(history.epochs().stream().mapToDouble(History.Epoch::validationCost).toArray())
                .containsExactly(new double[] {4.0, 1.0, 0.25, 0.64, 0.36}, within(1e-15));
        assertThat(net.parameters()).containsExactly(0.5, 0.0);          // θ after epoch 3
        assertThat(history.stopMessage()).contains("validation cost did not improve on 0.250000 (epoch 3) for 2 epochs"
                + " (minDelta 0: any improvement would have counted).")
                .contains("Restored the parameters of epoch 3");
    }

    @Test
    void minDeltaIgnoresSmallImprovementsAndWeightsStayWhenNotRestored() {
        Network net = line();
        // Validation costs 4, 1, 0.81, 0.9025: 0.81 is not below 1 − 0.3, so epoch 2 stays best and
        // training stops after epoch 4. Without restoring, θ stays at epoch 4's (0.95, 0).
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1, 0}, new double[] {0.9, 0},
                new double[] {0.95, 0});
        TrainingConfig config = config(plan).earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 2)
                .withMinDelta(0.3).withRestoreBestWeights(false)).build();

        History history = new Trainer(config).fit(net, ONE, ZERO, ONE, ZERO);

        assertThat(history.size()).isEqualTo(4);
        assertThat(history.bestEpoch()).isEqualTo(2);
        assertThat(net.parameters()).containsExactly(0.95, 0.0);
        assertThat(history.stopMessage()).isEqualTo("validation cost did not improve on 1.00000 (epoch 2) by more"
                + " than minDelta 0.3 for 2 epochs; a smaller minDelta counts smaller gains.");
    }

    @Test
    void targetCostStopsTraining() {
        Network net = line();
        net.setParameters(new double[] {3, 0});
        // Training cost of epoch e is measured before its step: C(θ_{e−1}) = 9, 4, 1, 0.25, ...
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1, 0}, new double[] {0.5, 0},
                new double[] {0.1, 0});
        TrainingConfig config = config(plan).targetCost(1.0).build();

        History history = new Trainer(config).fit(net, ONE, ZERO);

        assertThat(history.epochs().stream().mapToDouble(History.Epoch::trainingCost).toArray())
                .containsExactly(9.0, 4.0, 1.0);
        assertThat(history.stopReason()).isEqualTo(History.StopReason.TARGET_COST);
        assertThat(history.stopMessage()).isEqualTo("training cost 1.00000 reached the target 1.00000 in epoch 3.");
        assertThat(net.parameters()).containsExactly(0.5, 0.0);
    }

    @Test
    void allEpochsRunWhenNoRuleFires() {
        History history = new Trainer(config(Optimizer.sgd()).epochs(3).build()).fit(line(), ONE, ZERO);
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.stopReason()).isEqualTo(History.StopReason.COMPLETED);
        assertThat(history.stopMessage()).isEqualTo("ran all 3 epochs.");
        assertThat(history.bestEpoch()).isZero();
    }

    // ------------------------------------------------------------------------------------------
    // Learning rate, clipping, weight decay

    @Test
    void scheduleGivesEachEpochItsRate() {
        Planned plan = new Planned();
        TrainingConfig config = config(plan).epochs(4).schedule(epoch -> 0.1 * epoch).build();
        double[][] x = {{1}, {2}};
        double[][] y = {{0}, {0}};

        History history = new Trainer(config).fit(line(), x, y);      // 2 steps per epoch

        assertThat(plan.rates).containsExactly(0.1, 0.1, 0.2, 0.2, 0.30000000000000004, 0.30000000000000004,
                0.4, 0.4);
        assertThat(history.epochs().stream().mapToDouble(History.Epoch::learningRate).toArray())
                .containsExactly(0.1, 0.2, 0.30000000000000004, 0.4);
    }

    @Test
    void gradientIsClippedToTheMaximumNorm() {
        Network net = line();
        net.setParameters(new double[] {3, 1});
        // ŷ = 3 + 1 = 4, y = 0: ∂C/∂w = 2·4·1 = 8, ∂C/∂b = 2·4 = 8, ‖g‖ = 8√2 ≈ 11.31.
        // Clipped to norm 2: g · 2/(8√2) = (√2, √2).
        Planned plan = new Planned();
        new Trainer(config(plan).epochs(1).maxGradientNorm(2.0).build()).fit(net, ONE, ZERO);
        assertThat(plan.gradients.get(0)).containsExactly(new double[] {Math.sqrt(2), Math.sqrt(2)}, within(1e-12));
    }

    @Test
    void weightDecayAddsLambdaTheta() {
        Network net = line();
        net.setParameters(new double[] {3, 1});
        // g = (8, 8) as above; g + 0.5·θ = (8 + 1.5, 8 + 0.5) = (9.5, 8.5).
        Planned plan = new Planned();
        new Trainer(config(plan).epochs(1).weightDecay(0.5).build()).fit(net, ONE, ZERO);
        assertThat(plan.gradients.get(0)).containsExactly(9.5, 8.5);
    }

    // ------------------------------------------------------------------------------------------
    // Validation

    @Test
    void validationFractionHoldsOutSeededRows() {
        double[][] x = new double[10][];
        double[][] y = new double[10][];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i / 10.0};
            y[i] = new double[] {0};
        }
        List<Integer> sizes = new ArrayList<>();
        TrainingListener sizeRecorder = new TrainingListener() {
            @Override
            public void onTrainingStart(Network network, TrainingConfig config, int trainingRows, int validationRows) {
                sizes.add(trainingRows);
                sizes.add(validationRows);
            }
        };
        TrainingConfig config = config(new Planned()).epochs(1).validationFraction(0.3).seed(9).build();
        Network net = line();
        net.setParameters(new double[] {1, 0});
        History history = new Trainer(config).withListener(sizeRecorder).fit(net, x, y);

        assertThat(sizes).containsExactly(7, 3);
        // The first 3 indices of the split permutation (seeded ~seed) are held out; with ŷ = x and
        // y = 0 the validation cost is the mean of their x².
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new Rng(~9L).shuffle(order);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += (order[i] / 10.0) * (order[i] / 10.0) / 3;
        }
        assertThat(history.last().validationCost()).isCloseTo(expected, within(1e-15));
        assertThat(history.last().validationAccuracy()).isNaN();      // not a classifier
    }

    @Test
    void validationAccuracyIsMeasuredForClassifiers() {
        Split.Result split = Split.stratified(Generators.tutorialCircles(1), 0.25, 2);
        Dataset train = split.train();
        Dataset test = split.test();
        Network net = Network.builder().input(2).dense(12, Activation.relu()).dense(6, Activation.relu())
                .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(3).build();
        TrainingConfig config = TrainingConfig.builder().epochs(200).batchSize(32).optimizer(Optimizer.adam())
                .learningRate(0.01).earlyStopping(EarlyStopping.of(Monitor.VALIDATION_ACCURACY, 30))
                .build();
        History history = new Trainer(config).fit(net, train.x(), train.y(), test.x(), test.y());

        double accuracy = TestData.accuracy(test.labels(), net.predictClass(test.x()));
        assertThat(history.epochs().get(history.bestEpoch() - 1).validationAccuracy()).isEqualTo(accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    // ------------------------------------------------------------------------------------------
    // Divergence

    @Test
    void anUpdateToNaNIsUndoneAndReported() {
        Network net = line();
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1, 0}, new double[] {Double.NaN, 0});
        TrainingConfig config = config(plan).build();

        assertThatThrownBy(() -> new Trainer(config).fit(net, ONE, ZERO))
                .isInstanceOfSatisfying(DivergenceException.class, e -> {
                    assertThat(e.epoch()).isEqualTo(3);
                    assertThat(e.batch()).isEqualTo(1);
                    assertThat(e.lastFiniteCost()).isEqualTo(1.0);      // C(θ = (1, 0)) before the bad step
                })
                .hasMessageContaining("a parameter became NaN or infinite")
                .hasMessageContaining("Lower the learning rate");
        assertThat(net.parameters()).containsExactly(1.0, 0.0);
    }

    @Test
    void anInfiniteCostStopsBeforeTheUpdate() {
        Network net = line();
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1e200, 0});
        List<String> events = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onDivergence(DivergenceException exception) {
                events.add("divergence " + exception.epoch());
            }

            @Override
            public void onTrainingEnd(History history) {
                events.add("end");
            }
        };
        // Epoch 3's cost is C(1e200, 0) = 1e400 = ∞: the step is not taken.
        assertThatThrownBy(() -> new Trainer(config(plan).build()).withListener(recorder).fit(net, ONE, ZERO))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("epoch 3, batch 1: the cost became NaN or infinite (last finite cost: 4.0)");
        assertThat(net.parameters()).containsExactly(1e200, 0.0);
        assertThat(events).containsExactly("divergence 3");
    }

    @Test
    void withClippingAnInfiniteGradientIsStillReportedAsTheGradient() {
        // At θ = (1e-290, 0) and x = 1e300: z = 1e10, so C = 1e20 is finite but ∂C/∂W = 2·z·x =
        // 2e310 is not. Clipping reads the norm first; the report must not change.
        Network net = line();
        net.setParameters(new double[] {1e-290, 0});
        TrainingConfig config = config(Optimizer.sgd()).maxGradientNorm(1.0).build();

        assertThatThrownBy(() -> new Trainer(config).fit(net, new double[][] {{1e300}}, ZERO))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("epoch 1, batch 1: the gradient became NaN or infinite");
        assertThat(net.parameters()).containsExactly(1e-290, 0.0);
    }

    @Test
    void anInfiniteGradientIsReportedAsTheGradientByEveryBuiltInOptimizerAndNothingIsWritten() {
        // The same point as above, without clipping: the built-in optimizers are handed the
        // infinite gradient, and the new θ they compute is refused before it is written.
        for (Optimizer optimizer : List.of(Optimizer.sgd(), Optimizer.momentum(0.9), Optimizer.nesterov(0.9),
                Optimizer.rmsProp(), Optimizer.adam(), Optimizer.adamW(0.01))) {
            for (double decay : new double[] {0.0, 1e-3}) {
                Network net = line();
                net.setParameters(new double[] {1e-290, 0});
                TrainingConfig config = config(optimizer).weightDecay(decay).build();

                assertThatThrownBy(() -> new Trainer(config).fit(net, new double[][] {{1e300}}, ZERO))
                        .as("%s, weight decay %s", optimizer.name(), decay)
                        .isInstanceOf(DivergenceException.class)
                        .hasMessageContaining("epoch 1, batch 1: the gradient became NaN or infinite");
                assertThat(net.parameters()).containsExactly(1e-290, 0.0);
            }
        }
    }

    @Test
    void withClippingAnInfiniteCostIsReportedBeforeTheGradient() {
        Network net = line();
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1e200, 0});
        TrainingConfig config = config(plan).maxGradientNorm(1.0).build();

        assertThatThrownBy(() -> new Trainer(config).fit(net, ONE, ZERO))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("epoch 3, batch 1: the cost became NaN or infinite (last finite cost: 4.0)");
        assertThat(net.parameters()).containsExactly(1e200, 0.0);
    }

    @Test
    void realDivergenceLeavesFiniteParameters() {
        Rng rng = new Rng(4);
        double[][] x = TestData.uniform(rng, 64, 3, 0, 1000);            // unscaled inputs
        double[][] y = TestData.uniform(rng, 64, 1, 0, 1000);
        Network net = Network.builder().input(3).dense(4, Activation.identity()).dense(1, Activation.identity())
                .loss(Loss.mse()).seed(2).build();
        TrainingConfig config = TrainingConfig.builder().epochs(50).batchSize(8).learningRate(1.0).build();

        assertThatThrownBy(() -> new Trainer(config).fit(net, x, y)).isInstanceOf(DivergenceException.class);
        assertThat(Arrays.stream(net.parameters()).allMatch(Double::isFinite)).isTrue();
    }

    // ------------------------------------------------------------------------------------------
    // Listeners and warnings

    /** Records every event as a short string. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final List<Warning> warnings = new ArrayList<>();

        @Override
        public void onTrainingStart(Network network, TrainingConfig config, int trainingRows, int validationRows) {
            events.add("start " + trainingRows + "/" + validationRows);
        }

        @Override
        public void onEpochEnd(History.Epoch row) {
            events.add("epoch " + row.epoch());
        }

        @Override
        public void onStop(History.StopReason reason, String message) {
            events.add("stop " + reason);
        }

        @Override
        public void onWarning(Warning warning) {
            events.add("warning " + warning.kind());
            warnings.add(warning);
        }

        @Override
        public void onTrainingEnd(History history) {
            events.add("end " + history.size());
        }
    }

    @Test
    void listenersHearEventsInTheDocumentedOrder() {
        Network net = line();
        Planned plan = new Planned(new double[] {2, 0}, new double[] {1, 0}, new double[] {3, 0},
                new double[] {3, 0});
        Recorder recorder = new Recorder();
        TrainingConfig config = config(plan)
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 2)).build();
        double[][] x = {{500.0}};                                        // mean |x| 500 > 10: unscaled

        new Trainer(config).withListener(recorder).fit(net, x, ZERO, ONE, ZERO);

        assertThat(recorder.events).containsExactly("start 1/1", "warning UNSCALED_INPUTS", "epoch 1", "epoch 2",
                "epoch 3", "epoch 4", "stop EARLY_STOPPING", "end 4");
    }

    @Test
    void unscaledInputsAreReported() {
        double[][] x = {{0.0, 0.0}, {1.0, 500.0}, {0.5, 250.0}};
        // ranges 1 and 500: ratio 500 > 100; mean |x₁| = 250 > 10.
        assertThat(TrainingWarnings.unscaledMessage(x, 3)).isEqualTo("The inputs look unscaled (checked on 3 rows):"
                + " feature 1 ranges over 500.0 but feature 0 over 1.000 (ratio 500); feature 1 has mean |value| 250.0."
                + " Standardise each feature with statistics of the training rows (StandardScaler), or the first"
                + " layer's units will saturate or dominate.");
        double[][] scaled = {{-1.0, 0.5}, {1.0, -0.5}, {0.0, 0.0}};
        assertThat(TrainingWarnings.unscaledMessage(scaled, 3)).isNull();
    }

    @Test
    void aClassifierThatPredictsOneClassIsReported() {
        Network net = Network.builder().input(1).dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy())
                .seed(1).build();
        // θ = (w, b) = (0, −10): σ(−10) < 0.5 for every row, so every prediction is class 0.
        Planned plan = new Planned(new double[] {0, -10});
        Recorder recorder = new Recorder();
        double[][] x = {{0.1}, {0.2}, {0.3}, {0.4}};
        double[][] y = {{0}, {1}, {0}, {1}};
        new Trainer(config(plan).epochs(1).build()).withListener(recorder).fit(net, x, y, x, y);

        assertThat(recorder.warnings).extracting(Warning::kind).containsExactly(Warning.Kind.SINGLE_CLASS_PREDICTIONS);
        assertThat(recorder.warnings.get(0).message()).startsWith("The classifier predicts class 0 for all 4"
                + " validation rows, which hold several classes.");
    }

    @Test
    void reluUnitsThatNeverActivateAreReported() {
        Network net = Network.builder().input(1).dense(3, Activation.relu()).dense(1, Activation.identity())
                .loss(Loss.mse()).seed(1).build();
        // Layer 1: W = (1, 1, −1), b = (0, −5, 0). On x ∈ [0.1, 0.4]: z₁ = x > 0, z₂ = x − 5 < 0,
        // z₃ = −x < 0: units 2 and 3 never activate. Layer 2 is the output and is not checked.
        double[] theta = {1, 1, -1, 0, -5, 0, 1, 1, 1, 0};
        Planned plan = new Planned(theta);
        Recorder recorder = new Recorder();
        double[][] x = {{0.1}, {0.2}, {0.3}, {0.4}};
        double[][] y = {{0}, {1}, {0}, {1}};
        new Trainer(config(plan).epochs(1).build()).withListener(recorder).fit(net, x, y);

        assertThat(recorder.warnings).extracting(Warning::kind).containsExactly(Warning.Kind.INACTIVE_RELU_UNITS);
        assertThat(recorder.warnings.get(0).message()).isEqualTo("ReLU units that never activate on 4 training rows"
                + " (they output 0 and get no gradient): layer 1: 2 of 3. Lower the learning rate, standardise the"
                + " inputs, or use leakyRelu.");
    }

    // ------------------------------------------------------------------------------------------
    // Batch sources

    @Test
    void trainsFromABatchSourceAndChecksEachBatch() throws IOException {
        Split.Result split = Split.stratified(Generators.tutorialCircles(5), 0.25, 6);
        Dataset train = split.train();
        Dataset test = split.test();
        Network net = Network.builder().input(2).dense(12, Activation.relu()).dense(6, Activation.relu())
                .dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(3).build();
        TrainingConfig config = TrainingConfig.builder().epochs(60).batchSize(32).optimizer(Optimizer.adam())
                .learningRate(0.01).build();
        try (BatchSource source = BatchSource.of(train)) {
            History history = new Trainer(config).fit(net, source, test.x(), test.y());
            assertThat(history.last().validationAccuracy()).isGreaterThanOrEqualTo(0.95);
        }

        double[][] bad = {{0.1, 0.2}, {Double.NaN, 0.3}};
        BatchSource nan = new BatchSource() {
            int pass;

            @Override
            public int inputSize() {
                return 2;
            }

            @Override
            public int outputSize() {
                return 1;
            }

            @Override
            public void reset(long seed) {
                pass = 0;
            }

            @Override
            public int next(double[][] x, double[][] y) {
                if (pass++ > 0) {
                    return 0;
                }
                for (int i = 0; i < 2; i++) {
                    System.arraycopy(bad[i], 0, x[i], 0, 2);
                    y[i][0] = 0;
                }
                return 2;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new Trainer(config).fit(net, nan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Batch 1 of epoch 1 from the batch source holds NaN or infinity in row 1 of x; every value"
                        + " must be finite. Remove or impute missing values in the data.");
    }

    @Test
    void aBatchSourceCannotBeSplit() {
        TrainingConfig config = TrainingConfig.builder().validationFraction(0.2).build();
        BatchSource source = BatchSource.of(Dataset.of(new double[][] {{1}}, new double[][] {{0}}));
        assertThatThrownBy(() -> new Trainer(config).fit(line(), source))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a batch source cannot be split");
    }

    // ------------------------------------------------------------------------------------------
    // Argument checks

    @Test
    void badDataIsRejectedOnceWithClearMessages() {
        Trainer trainer = new Trainer(TrainingConfig.defaults());
        assertThatThrownBy(() -> trainer.fit(line(), new double[][] {{1, 2}}, ZERO))
                .hasMessageContaining("x has 2 columns but the network has 1 inputs");
        assertThatThrownBy(() -> trainer.fit(line(), new double[][] {{Double.NaN}}, ZERO))
                .hasMessageContaining("x[0][0] is NaN");
        assertThatThrownBy(() -> trainer.fit(line(), new double[][] {{1}, {2}}, ZERO))
                .hasMessageContaining("x has 2 rows but y has 1");
        assertThatThrownBy(() -> new Trainer(TrainingConfig.builder().validationFraction(0.5).build())
                .fit(line(), ONE, ZERO, ONE, ZERO))
                .hasMessageContaining("use one or the other");
        assertThatThrownBy(() -> new Trainer(TrainingConfig.builder().validationFraction(0.1).build())
                .fit(line(), ONE, ZERO))
                .hasMessageContaining("holds out 0 rows");
        assertThatThrownBy(() -> new Trainer(TrainingConfig.builder()
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 3)).build())
                .fit(line(), ONE, ZERO))
                .hasMessageContaining("there are no validation rows");
        assertThatThrownBy(() -> new Trainer(TrainingConfig.builder()
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_ACCURACY, 3)).build())
                .fit(line(), ONE, ZERO, ONE, ZERO))
                .hasMessageContaining("the network is not a classifier");
        assertThatThrownBy(() -> new Trainer(TrainingConfig.builder().schedule(e -> Double.NaN).build())
                .fit(line(), ONE, ZERO))
                .hasMessage("The learning-rate schedule gave NaN for epoch 1; a schedule must return a finite rate"
                        + " of at least 0.");
    }

    /**
     * A source over {@code data} that, in pass {@code pass} (1-based), calls {@code atBatch} when asked for
     * batch {@code batch + 1} and gives that batch only if {@code atBatch} returns true (else ends the pass).
     */
    private static BatchSource hooked(Dataset data, int pass, int batch, java.util.function.BooleanSupplier atBatch) {
        BatchSource inner = BatchSource.of(data);
        return new BatchSource() {
            private int passes;
            private int batches;

            @Override
            public int inputSize() {
                return inner.inputSize();
            }

            @Override
            public int outputSize() {
                return inner.outputSize();
            }

            @Override
            public void reset(long seed) throws IOException {
                passes++;
                batches = 0;
                inner.reset(seed);
            }

            @Override
            public int next(double[][] x, double[][] y) throws IOException {
                if (passes == pass && batches == batch && !atBatch.getAsBoolean()) {
                    return 0;
                }
                batches++;
                return inner.next(x, y);
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Test
    void anInterruptStopsTrainingBeforeTheNextBatchAndKeepsTheLastFinishedStep() throws IOException {
        Dataset circles = Generators.tutorialCircles(3);
        NetworkBuilder shape = Network.builder().input(2).dense(8, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(9);
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(20).seed(4).optimizer(Optimizer.adam())
                .learningRate(0.01).validationFraction(0).build();
        List<History.StopReason> stops = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(History.Epoch row) {
                costs.add(row.trainingCost());
            }

            @Override
            public void onStop(History.StopReason reason, String message) {
                stops.add(reason);
            }
        };

        // interrupted while the source reads batch 8 of epoch 2: 7 steps of epoch 2 finished
        Network interrupted = shape.build();
        TrainingInterruptedException stopped;
        try (BatchSource source = hooked(circles, 2, 7, () -> {
            Thread.currentThread().interrupt();
            return true;
        })) {
            stopped = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> new Trainer(config).withListener(listener).fit(interrupted, source),
                    TrainingInterruptedException.class);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is still set").isTrue();   // and clears it
        }
        assertThat(stopped).isNotNull();
        assertThat(stopped.epoch()).isEqualTo(2);
        assertThat(stopped.batch()).isEqualTo(7);
        assertThat(stopped.epochCosts()).containsExactly(costs.get(0));
        assertThat(stopped.getMessage()).contains("epoch 2 after 7 batches", "interrupt flag is still set");
        assertThat(stops).containsExactly(History.StopReason.INTERRUPTED);

        // the same run ended by its data after those 7 steps: the same parameters, bit for bit
        Network reference = shape.build();
        try (BatchSource source = hooked(circles, 2, 7, () -> false)) {
            new Trainer(config.toBuilder().epochs(2).build()).fit(reference, source);
        }
        assertThat(interrupted.parameters()).containsExactly(reference.parameters());

        // interrupted between epochs (in-memory rows): stops before epoch 3's first step
        Network between = shape.build();
        TrainingListener interruptAfterTwo = new TrainingListener() {
            @Override
            public void onEpochEnd(History.Epoch row) {
                if (row.epoch() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TrainingInterruptedException atEpoch;
        try {
            atEpoch = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> new Trainer(config).withListener(interruptAfterTwo).fit(between, circles.x(), circles.y()),
                    TrainingInterruptedException.class);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(atEpoch.epoch()).isEqualTo(3);
        assertThat(atEpoch.batch()).isZero();
        assertThat(atEpoch.epochCosts()).hasSize(2);
        Network twoEpochs = shape.build();
        History two = new Trainer(config.toBuilder().epochs(2).build()).fit(twoEpochs, circles.x(), circles.y());
        assertThat(between.parameters()).containsExactly(twoEpochs.parameters());
        assertThat(atEpoch.epochCosts()).containsExactly(two.epochs().get(0).trainingCost(), two.epochs().get(1).trainingCost());
    }
}
