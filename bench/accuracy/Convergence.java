import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.csv.CsvReader;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.data.StandardScaler;
import io.github.mlp4j.optim.DifferentiableFunction;
import io.github.mlp4j.optim.Lbfgs;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.FullBatchCost;
import io.github.mlp4j.train.History;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import io.github.mlp4j.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures how fast L-BFGS and Adam lower the same training cost, in passes over the training
 * rows and in seconds.
 *
 * <p>Run {@code java -cp target/classes:tools/target/classes bench/accuracy/Convergence.java
 * ../shared/datasets/iris.csv ...}. For each CSV: the seed-1 stratified 80/20 split's training rows, standardised; a network
 * inputs → 64 ReLU → classes softmax with cross-entropy, seed 1, no L2. Adam (learning rate
 * 0.001, batches of 32) runs 200 epochs and records the full training cost after each; L-BFGS
 * (defaults) starts from the same parameters and records the cost after each iteration and the
 * evaluations (each one pass over the rows). It prints one JSON line per file: Adam's cost after
 * 50 and 200 epochs, and the passes and seconds L-BFGS needed to reach each of them (−1: not
 * reached within its 200 iterations).
 */
public final class Convergence {
    private Convergence() {
    }

    public static void main(String[] args) throws Exception {
        for (String file : args) {
            Dataset all = CsvReader.builder().label("label").build().read(Path.of(file));
            Dataset train = Split.stratified(all, 0.2, 1).train();
            double[][] x = StandardScaler.fit(train.x()).transform(train.x());
            double[][] y = train.y();
            Network adamNet = network(all);
            Network lbfgsNet = network(all);

            List<Double> adamCost = new ArrayList<>();
            List<Double> adamSeconds = new ArrayList<>();
            long start = System.nanoTime();
            TrainingConfig config = TrainingConfig.builder().optimizer(Optimizer.adam()).learningRate(0.001)
                    .batchSize(32).epochs(200).seed(1).build();
            new Trainer(config).withListener(new TrainingListener() {
                @Override
                public void onEpochEnd(History.Epoch row) {
                    adamSeconds.add((System.nanoTime() - start) / 1e9);          // before the extra loss pass
                    adamCost.add(adamNet.loss(x, y));
                }
            }).fit(adamNet, x, y);

            FullBatchCost cost = new FullBatchCost(lbfgsNet, x, y, 0);
            int[] passes = {0};
            DifferentiableFunction counted = (theta, g) -> {
                passes[0]++;
                return cost.valueAndGradient(theta, g);
            };
            List<double[]> lbfgs = new ArrayList<>();                          // {cost, passes, seconds}
            long start2 = System.nanoTime();
            double[] theta = lbfgsNet.parameters();
            Lbfgs.defaults().withGradientTolerance(0).withRelativeCostTolerance(0).minimize(counted, theta,
                    (iteration, value, point, step) -> {
                        lbfgs.add(new double[] {value, passes[0], (System.nanoTime() - start2) / 1e9});
                        return true;
                    });
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "{\"data\": \"%s\", \"rows\": %d",
                    Path.of(file).getFileName(), x.length));
            for (int epochs : new int[] {50, 200}) {
                double target = adamCost.get(epochs - 1);
                double[] reached = null;
                for (double[] r : lbfgs) {
                    if (r[0] <= target) {
                        reached = r;
                        break;
                    }
                }
                s.append(String.format(Locale.ROOT, ", \"adam_%d_cost\": %.4g, \"adam_%d_seconds\": %.3f,"
                        + " \"lbfgs_passes_to_%d\": %d, \"lbfgs_seconds_to_%d\": %.3f", epochs, target, epochs,
                        adamSeconds.get(epochs - 1), epochs, reached == null ? -1 : (int) reached[1], epochs,
                        reached == null ? -1.0 : reached[2]));
            }
            System.out.println(s.append('}'));
        }
    }

    private static Network network(Dataset all) {
        return Network.builder().input(all.inputSize()).dense(64, Activation.relu())
                .dense(all.outputSize(), Activation.softmax()).loss(Loss.crossEntropy()).seed(1).build();
    }
}
