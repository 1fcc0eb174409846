package io.github.mlp4j.train;

import io.github.mlp4j.NetworkBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.EarlyStopping.Monitor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer relies on in a run: fit continues from the current parameters, the network's
 * seed rules the run, a lambda is a listener, and the console shows the last epoch of every run.
 */
class TrainerRunTest {
    private static final Dataset CIRCLES = Generators.tutorialCircles(3);

    private static NetworkBuilder shape(long seed) {
        return Network.builder().input(2).dense(6, Activation.tanh()).dense(1, Activation.sigmoid())
                .loss(Loss.binaryCrossEntropy()).seed(seed);
    }

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().batchSize(16).optimizer(Optimizer.sgd()).learningRate(0.1);
    }

    @Test
    void fitContinuesFromTheCurrentParameters() {
        // Two fits of 3 epochs each equal one fit of 6 epochs only if the second starts where the
        // first ended (and the shuffles agree, which they do not: so compare costs, not bits).
        Network twice = shape(1).build();
        Trainer threeEpochs = new Trainer(config().epochs(3).build());
        History first = threeEpochs.fit(twice, CIRCLES.x(), CIRCLES.y());
        double[] afterFirst = twice.parameters();
        History second = threeEpochs.fit(twice, CIRCLES.x(), CIRCLES.y());
        // The second run's first cost is measured on batches taken from the first run's end point,
        // so it is close to the first run's last cost, far below a fresh network's first cost.
        assertThat(second.epochs().get(0).trainingCost()).isLessThan(first.epochs().get(0).trainingCost());
        assertThat(second.epochs().get(0).trainingCost())
                .isCloseTo(first.last().trainingCost(), org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(twice.parameters()).isNotEqualTo(afterFirst);

        // Exactly: one full-batch SGD epoch from parameters set by hand measures the cost there
        // and takes one step θ − ε·∂C/∂θ from there.
        Network set = shape(1).build();
        set.setParameters(afterFirst);
        double costThere = set.loss(CIRCLES.x(), CIRCLES.y());
        double[] gradient = set.gradient(CIRCLES.x(), CIRCLES.y());
        History one = new Trainer(config().epochs(1).batchSize(CIRCLES.size()).build())
                .fit(set, CIRCLES.x(), CIRCLES.y());
        assertThat(one.epochs().get(0).trainingCost()).isCloseTo(costThere, within(1e-12));
        double[] expected = new double[afterFirst.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = afterFirst[i] - 0.1 * gradient[i];
        }
        assertThat(set.parameters()).containsExactly(expected, within(1e-12));
    }

    @Test
    void theNetworksSeedRulesTheRunUnlessTheConfigSetsOne() {
        TrainingConfig noSeed = config().epochs(3).validationFraction(0.25).build();
        Network a = shape(7).build();
        Network b = shape(7).build();
        new Trainer(noSeed).fit(a, CIRCLES.x(), CIRCLES.y());
        new Trainer(noSeed).fit(b, CIRCLES.x(), CIRCLES.y());
        assertThat(a.parameters()).containsExactly(b.parameters());

        // The same start and the config's seed equal to the network's: the very same run.
        Network c = shape(7).build();
        new Trainer(config().epochs(3).validationFraction(0.25).seed(7).build()).fit(c, CIRCLES.x(), CIRCLES.y());
        assertThat(c.parameters()).containsExactly(a.parameters());

        // The same start but another shuffle seed: another run.
        Network d = shape(7).build();
        new Trainer(config().epochs(3).validationFraction(0.25).seed(8).build()).fit(d, CIRCLES.x(), CIRCLES.y());
        assertThat(d.parameters()).isNotEqualTo(a.parameters());
    }

    @Test
    void aLambdaIsAPerEpochListener() {
        List<Integer> epochs = new ArrayList<>();
        new Trainer(config().epochs(4).build())
                .withListener(row -> epochs.add(row.epoch()))
                .fit(shape(1).build(), CIRCLES.x(), CIRCLES.y());
        assertThat(epochs).containsExactly(1, 2, 3, 4);
        // Every other callback has a default, so an empty listener compiles and does nothing.
        new Trainer(config().epochs(1).build()).withListener(new TrainingListener() { })
                .fit(shape(1).build(), CIRCLES.x(), CIRCLES.y());
    }

    @Test
    void consoleShowsTheLastEpochAndMinDeltaWhenTrainingStopsEarly() {
        // minDelta 1 can never be beaten by a cost below 1: training stops after epoch 1 + patience 3.
        TrainingConfig stopsEarly = config().epochs(100).validationFraction(0.25)
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 3).withMinDelta(1.0)).build();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            new Trainer(stopsEarly).withListener(new ConsoleListener(out, 10))
                    .fit(shape(1).build(), CIRCLES.x(), CIRCLES.y());
        }
        String[] lines = text.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines[1]).startsWith("epoch   1/100  cost ");
        assertThat(lines[2]).as("epoch 4 is not a multiple of 10 but is the last").startsWith("epoch   4/100  cost ");
        assertThat(lines[3]).startsWith("Stopped (EARLY_STOPPING): validation cost did not improve on ")
                .contains("(epoch 1) by more than minDelta 1 for 3 epochs");
        assertThat(lines[4]).isEqualTo("Done after 4 epochs: Restored the parameters of epoch 1.");
        assertThat(lines).hasSize(5);
        assertThat(text.toString(StandardCharsets.UTF_8)).doesNotContain("left ~");
    }

    @Test
    void consoleShowsTheLastEpochOnceWhenTheTargetCostStopsTraining() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            new Trainer(config().epochs(100).targetCost(10).build()).withListener(new ConsoleListener(out, 10))
                    .fit(shape(1).build(), CIRCLES.x(), CIRCLES.y());
        }
        String[] lines = text.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("epoch   1/100");
        assertThat(lines[2]).startsWith("Stopped (TARGET_COST)");
        assertThat(lines[3]).isEqualTo("Done after 1 epoch.");
    }
}
