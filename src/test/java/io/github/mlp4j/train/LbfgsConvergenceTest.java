package io.github.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.OneHot;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.data.StandardScaler;
import io.github.mlp4j.optim.Lbfgs;
import io.github.mlp4j.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * L-BFGS against Adam on the shared data sets, counted in passes over the training rows (not in
 * time): from the same start, L-BFGS reaches the training cost Adam has after 50 epochs in far
 * fewer than 50 passes. The data sets live in {@code ../shared/datasets} (or the folder named by
 * the system property {@code mlp4j.datasets}); the test is skipped when they are absent.
 * bench/accuracy/Convergence.java prints the same comparison with times.
 */
class LbfgsConvergenceTest {
    private static final Path DATASETS = Path.of(System.getProperty("mlp4j.datasets", "../shared/datasets"));

    @ParameterizedTest
    @ValueSource(strings = {"iris", "wine", "breast_cancer", "digits"})
    void reachesAdamsCostAfter50EpochsInFewerThan25Passes(String name) throws Exception {
        Path file = DATASETS.resolve(name + ".csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "Skipped: " + file.toAbsolutePath() + " is absent.");
        Dataset train = Split.stratified(read(file), 0.2, 1).train();
        double[][] x = StandardScaler.fit(train.x()).transform(train.x());
        double[][] y = train.y();

        Network adam = network(train);
        new Trainer(TrainingConfig.builder().optimizer(Optimizer.adam()).learningRate(0.001).batchSize(32).epochs(50)
                .seed(1).build()).fit(adam, x, y);
        double adamCost = adam.loss(x, y);

        Network lbfgs = network(train);
        FullBatchCost cost = new FullBatchCost(lbfgs, x, y, 0);
        int[] passes = {0};
        double[] theta = lbfgs.parameters();
        Lbfgs.Result r = Lbfgs.defaults().withMaxIterations(25).minimize((t, g) -> {
            passes[0]++;
            return cost.valueAndGradient(t, g);
        }, theta, (iteration, value, point, step) -> value > adamCost && passes[0] < 25);

        assertThat(r.value()).as("%s: L-BFGS cost after %d passes vs Adam's after 50 epochs", name, passes[0])
                .isLessThanOrEqualTo(adamCost);
        assertThat(passes[0]).isLessThan(25);
    }

    /**
     * Reads one of the shared data sets, whose lines after the header are numbers with the class
     * (0, 1, …) last, into one-hot targets: what {@code CsvReader} of mlp4j-tools gives for them.
     */
    static Dataset read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        double[][] x = new double[lines.size() - 1][];
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] cells = Arrays.stream(lines.get(i + 1).split(",")).mapToDouble(Double::parseDouble).toArray();
            x[i] = Arrays.copyOf(cells, cells.length - 1);
            labels[i] = (int) cells[cells.length - 1];
        }
        return Dataset.of(x, OneHot.encode(labels, Arrays.stream(labels).max().orElseThrow() + 1));
    }

    private static Network network(Dataset data) {
        return Network.builder().input(data.inputSize()).dense(64, Activation.relu())
                .dense(data.outputSize(), Activation.softmax()).loss(Loss.crossEntropy()).seed(1).build();
    }
}
