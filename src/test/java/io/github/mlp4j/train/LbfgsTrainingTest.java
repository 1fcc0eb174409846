package io.github.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.BatchSource;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Generators;
import io.github.mlp4j.optim.Gradients;
import io.github.mlp4j.optim.Lbfgs;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.EarlyStopping.Monitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTrainingTest {

    private static Network classifier(long seed) {
        return Network.builder().input(2).dense(8, Activation.tanh()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(seed).build();
    }

    @Test
    void fullBatchCostIsTheRowWeightedMeanOverChunksPlusTheL2Term() {
        // 2,500 rows: three chunks of 1024, 1024 and 452 rows, so the weighting matters
        Dataset data = Generators.blobs(2500, 3, 2.0, 5);
        Network net = classifier(3);
        double[] theta = net.parameters();
        double lambda = 0.01;
        FullBatchCost cost = new FullBatchCost(net, data.x(), data.y(), lambda);
        double[] g = new double[theta.length];

        double f = cost.valueAndGradient(theta, g);

        double[] whole = net.gradient(data.x(), data.y());                  // one batch of all rows
        double loss = net.loss(data.x(), data.y());
        assertThat(cost.lastCost()).isCloseTo(loss, within(1e-13));
        assertThat(f).isCloseTo(loss + Gradients.l2Penalty(theta, lambda), within(1e-13));
        for (int i = 0; i < theta.length; i++) {
            assertThat(g[i]).as("∂f/∂θ[%d]", i).isCloseTo(whole[i] + lambda * theta[i], within(1e-13));
        }
        assertThat(cost.rows()).isEqualTo(2500);
    }

    @Test
    void fullBatchCostGradientMatchesFiniteDifferences() {
        Dataset data = Generators.blobs(60, 3, 1.5, 2);
        Network net = classifier(4);
        FullBatchCost cost = new FullBatchCost(net, data.x(), data.y(), 0.05);
        double[] theta = net.parameters();
        double[] g = new double[theta.length];
        cost.valueAndGradient(theta, g);
        double[] scratch = new double[theta.length];
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (cost.valueAndGradient(plus, scratch) - cost.valueAndGradient(minus, scratch)) / (2 * h);
            assertThat(g[i]).as("θ[%d]", i).isCloseTo(numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
        }
    }

    @Test
    void fullBatchCostIsInfiniteAtANonFinitePointAndChecksItsInputs() {
        Dataset data = Generators.blobs(30, 3, 1.0, 2);
        Network net = classifier(4);
        FullBatchCost cost = new FullBatchCost(net, data.x(), data.y(), 0);
        double[] theta = net.parameters();
        theta[0] = Double.NaN;
        double[] g = new double[theta.length];
        assertThat(cost.valueAndGradient(theta, g)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(g).containsOnly(0.0);
        assertThatThrownBy(() -> cost.valueAndGradient(new double[3], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameterCount()");
        double[][] bad = data.x().clone();
        bad[4] = new double[] {1, Double.NaN};
        assertThatThrownBy(() -> new FullBatchCost(net, bad, data.y(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FullBatchCost(net, data.x(), data.y(), -1))
                .hasMessageContaining("weightDecay");
    }

    @Test
    void trainerWithLbfgsRecordsOneRowPerIterationAndLowersTheCost() {
        Dataset data = Generators.blobs(300, 3, 1.5, 7);
        Network net = classifier(1);
        double before = net.loss(data.x(), data.y());
        List<History.Epoch> seen = new ArrayList<>();
        TrainingConfig config = TrainingConfig.builder().optimizer(Lbfgs.defaults()).epochs(40).build();
        History history = new Trainer(config).withListener(new TrainingListener() {
            @Override
            public void onEpochEnd(History.Epoch row) {
                seen.add(row);
            }
        }).fit(net, data);

        assertThat(history.epochs()).isEqualTo(seen);
        assertThat(history.size()).isBetween(5, 40);
        for (int i = 0; i < history.size(); i++) {
            History.Epoch row = history.epochs().get(i);
            assertThat(row.epoch()).isEqualTo(i + 1);
            assertThat(row.learningRate()).as("the step length").isPositive();
            if (i > 0) {
                assertThat(row.trainingCost()).isLessThan(history.epochs().get(i - 1).trainingCost());
            }
        }
        double after = net.loss(data.x(), data.y());
        assertThat(after).isCloseTo(history.last().trainingCost(), within(1e-12));   // the network holds the last point
        assertThat(after).isLessThan(before / 5);
        assertThat(history.stopReason()).isIn(History.StopReason.COMPLETED, History.StopReason.CONVERGED);
    }

    @Test
    void lbfgsStopsAtItsOwnIterationLimitOrTheEpochsWhicheverIsFirst() {
        Dataset data = Generators.blobs(100, 3, 1.5, 7);
        History h1 = new Trainer(TrainingConfig.builder().optimizer(Lbfgs.defaults().withMaxIterations(4)).epochs(50)
                .build()).fit(classifier(1), data);
        assertThat(h1.size()).isEqualTo(4);
        assertThat(h1.stopReason()).isEqualTo(History.StopReason.COMPLETED);
        History h2 = new Trainer(TrainingConfig.builder().optimizer(Lbfgs.defaults()).epochs(3).build())
                .fit(classifier(1), data);
        assertThat(h2.size()).isEqualTo(3);
    }

    @Test
    void lbfgsConvergesOnAnEasyProblemAndSaysSo() {
        // a linear model on separable-enough blobs with L2: a strictly convex cost
        Dataset data = Generators.blobs(200, new double[][] {{0, 0}, {4, 0}, {0, 4}}, 1.0, 3);
        Network net = Network.builder().input(2).dense(3, Activation.softmax()).loss(Loss.crossEntropy()).seed(2)
                .build();
        TrainingConfig config = TrainingConfig.builder().optimizer(Lbfgs.defaults().withGradientTolerance(1e-6))
                .weightDecay(1e-2).epochs(500).build();
        History history = new Trainer(config).fit(net, data);
        assertThat(history.stopReason()).isEqualTo(History.StopReason.CONVERGED);
        assertThat(history.stopMessage()).startsWith("L-BFGS converged");
        assertThat(history.size()).isLessThan(500);
        FullBatchCost cost = new FullBatchCost(net, data.x(), data.y(), 1e-2);
        double[] g = new double[net.parameterCount()];
        cost.valueAndGradient(net.parameters(), g);
        assertThat(Gradients.norm(g)).isLessThan(1e-5);
    }

    @Test
    void earlyStoppingAndTheTargetCostApplyPerIteration() {
        Dataset data = Generators.blobs(200, 3, 3.0, 11);
        EarlyStopping rule = EarlyStopping.of(Monitor.VALIDATION_COST, 3);
        TrainingConfig config = TrainingConfig.builder().optimizer(Lbfgs.defaults()).epochs(500)
                .validationFraction(0.3).earlyStopping(rule).build();
        Network net = Network.builder().input(2).dense(64, Activation.relu()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(5).build();
        History history = new Trainer(config).fit(net, data);
        assertThat(history.stopReason()).isEqualTo(History.StopReason.EARLY_STOPPING);
        assertThat(history.size()).isEqualTo(history.bestEpoch() + 3);
        assertThat(history.stopMessage()).startsWith(rule.stopMessage(history.bestEpoch(),
                history.epochs().get(history.bestEpoch() - 1).validationCost()));   // the trainer's own words
        double bestValidation = history.epochs().get(history.bestEpoch() - 1).validationCost();
        for (History.Epoch row : history.epochs()) {
            assertThat(row.validationCost()).isGreaterThanOrEqualTo(bestValidation);
            assertThat(row.validationAccuracy()).isBetween(0.0, 1.0);
        }

        TrainingConfig target = TrainingConfig.builder().optimizer(Lbfgs.defaults()).epochs(500).targetCost(0.5)
                .build();
        History reached = new Trainer(target).fit(classifier(1), data);
        assertThat(reached.stopReason()).isEqualTo(History.StopReason.TARGET_COST);
        assertThat(reached.last().trainingCost()).isLessThanOrEqualTo(0.5);
        assertThat(reached.epochs().get(reached.size() - 2).trainingCost()).isGreaterThan(0.5);
    }

    @Test
    void lbfgsIsSeededAndRepeatable() {
        Dataset data = Generators.blobs(150, 3, 1.5, 7);
        TrainingConfig config = TrainingConfig.builder().optimizer(Lbfgs.defaults()).epochs(20).build();
        Network a = classifier(9);
        Network b = classifier(9);
        new Trainer(config).fit(a, data);
        new Trainer(config).fit(b, data);
        assertThat(a.parameters()).containsExactly(b.parameters());
    }

    @Test
    void aBatchSourceIsRefusedWithAClearMessage() {
        Dataset data = Generators.blobs(50, 3, 1.5, 7);
        TrainingConfig config = TrainingConfig.builder().optimizer(Lbfgs.defaults()).build();
        assertThatThrownBy(() -> new Trainer(config).fit(classifier(1), BatchSource.of(data)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in memory")
                .hasMessageContaining("Optimizer.adam()");
    }

    @Test
    void adamStillTrainsPerBatchBesideIt() {
        Dataset data = Generators.blobs(100, 3, 1.5, 7);
        TrainingConfig config = TrainingConfig.builder().optimizer(Optimizer.adam()).learningRate(0.01).epochs(5)
                .build();
        History history = new Trainer(config).fit(classifier(1), data);
        assertThat(history.size()).isEqualTo(5);
        assertThat(history.last().learningRate()).isEqualTo(0.01);
    }
}
