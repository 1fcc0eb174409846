package io.github.mlp4j.examples;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.CsvReader;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.data.StandardScaler;
import io.github.mlp4j.metrics.ConfusionMatrix;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.ConsoleListener;
import io.github.mlp4j.train.EarlyStopping;
import io.github.mlp4j.train.EarlyStopping.Monitor;
import io.github.mlp4j.train.History;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Trains a classifier on any CSV file with sensible defaults, and reports its test accuracy.
 *
 * <p>What it shows: the whole recipe on real data. The CSV (a header line; the label column named
 * by {@code --label}, {@code label} by default) is split 80/20 into training and test rows,
 * stratified by class and seeded. Each feature is standardised with the mean and standard
 * deviation of the training rows only. The network has ReLU hidden layers (32 and 16 units by
 * default) and a sigmoid output with binary cross-entropy for two classes, softmax with
 * cross-entropy for more. The {@link Trainer} runs Adam (learning rate 0.001, batches of 16) for up
 * to 300 epochs, holding out 20 % of the training rows for validation, and stops early when the
 * validation cost has not improved for 30 epochs, restoring the best epoch's parameters.
 *
 * <p>How to run it:
 * <pre>
 * mvn -q test-compile exec:java -Dexec.mainClass=io.github.mlp4j.examples.TrainCsv \
 *     -Dexec.args="--data examples/data/iris.csv --seed 1"
 * </pre>
 * Options: {@code --data FILE} (required), {@code --label NAME}, {@code --hidden 32,16},
 * {@code --epochs N}, {@code --batch N}, {@code --seed N}, {@code --learning-rate X}.
 *
 * <p>What it prints: a progress line every 10 epochs, why training stopped, the confusion matrix
 * of the test rows, and as its last line one JSON object such as
 * {@code {"test_accuracy": 0.966667, "epochs": 112, "train_seconds": 0.4, ...}}.
 */
public final class TrainCsv {
    private TrainCsv() {
    }

    /** The outcome of one run, for tests. */
    record Result(double testAccuracy, int epochs, double trainSeconds, ConfusionMatrix confusion) {
    }

    /**
     * Runs the example.
     *
     * @param args the options above
     * @throws IOException if the CSV file cannot be read
     */
    public static void main(String[] args) throws IOException {
        run(args, System.out);
    }

    /** Parses the options, trains, prints to {@code out} and returns the outcome. */
    static Result run(String[] args, PrintStream out) throws IOException {
        Path data = null;
        String label = "label";
        int[] hidden = {32, 16};
        int epochs = 300;
        int batch = 16;
        long seed = 1;
        double learningRate = 0.001;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + option + " needs a value.");
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> data = Path.of(value);
                case "--label" -> label = value;
                case "--hidden" -> hidden = Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                case "--epochs" -> epochs = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--learning-rate" -> learningRate = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("Unknown option " + option + "; use --data FILE, --label NAME,"
                        + " --hidden 32,16, --epochs N, --batch N, --seed N or --learning-rate X.");
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("No data file; pass --data FILE (a CSV with a header line), such as"
                    + " --data examples/data/iris.csv from the repository's root.");
        }
        if (!Files.isRegularFile(data)) {
            throw new NoSuchFileException(data.toString(), null, "no such file: looked for "
                    + data.toAbsolutePath().normalize() + ". The repository ships examples/data/iris.csv and"
                    + " examples/data/wine.csv: run from the repository's root with --data examples/data/iris.csv,"
                    + " or pass the path of your own CSV file.");
        }

        Dataset all = CsvReader.builder().label(label).build().read(data);          // one-hot targets
        List<String> classes = all.classNames();
        boolean binary = classes.size() == 2;
        Split.Result parts = Split.stratified(all, 0.2, seed);
        StandardScaler scaler = StandardScaler.fit(parts.train().x());              // training statistics only
        double[][] xTrain = scaler.transform(parts.train().x());
        double[][] xTest = scaler.transform(parts.test().x());
        double[][] yTrain = binary ? column(parts.train().labels()) : parts.train().y();
        int[] actual = parts.test().labels();

        NetworkBuilder builder = Network.builder().input(all.inputSize()).seed(seed);
        for (int units : hidden) {
            builder.dense(units, Activation.relu());
        }
        Network net = (binary
                ? builder.dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy())
                : builder.dense(classes.size(), Activation.softmax()).loss(Loss.crossEntropy()))
                .build();

        TrainingConfig config = TrainingConfig.builder()
                .epochs(epochs)
                .batchSize(batch)                                           // shuffles use the network's seed
                .optimizer(Optimizer.adam())
                .learningRate(learningRate)
                .validationFraction(0.2)
                .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, 30))
                .build();
        long start = System.nanoTime();
        History history = new Trainer(config)
                .withListener(new ConsoleListener(out, 10))
                .fit(net, xTrain, yTrain);
        double seconds = (System.nanoTime() - start) / 1e9;

        int[] predicted = net.predictClass(xTest);
        ConfusionMatrix confusion = ConfusionMatrix.of(actual, predicted, classes);
        out.println("Confusion matrix of the " + actual.length + " test rows (rows: actual, columns: predicted):");
        out.println(confusion);
        double accuracy = confusion.accuracy();
        out.printf(Locale.ROOT, "{\"data\": \"%s\", \"test_accuracy\": %.6f, \"epochs\": %d, \"best_epoch\": %d,"
                        + " \"train_seconds\": %.3f, \"test_rows\": %d, \"seed\": %d}%n",
                data.getFileName(), accuracy, history.size(), history.bestEpoch(), seconds, actual.length, seed);
        return new Result(accuracy, history.size(), seconds, confusion);
    }

    private static double[][] column(int[] labels) {
        double[][] y = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            y[i][0] = labels[i];
        }
        return y;
    }
}
