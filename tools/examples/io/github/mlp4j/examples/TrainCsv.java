package io.github.mlp4j.examples;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.csv.CsvReader;
import io.github.mlp4j.data.Dataset;
import io.github.mlp4j.data.Split;
import io.github.mlp4j.data.StandardScaler;
import io.github.mlp4j.metrics.ConfusionMatrix;
import io.github.mlp4j.optim.Lbfgs;
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
 * deviation of the training rows only. The network has ReLU hidden layers whose sizes follow from
 * the data ({@link #defaultHidden}: 64 units for iris, wine and breast cancer, 128 for digits, 256
 * and 128 for MNIST) and a sigmoid output with binary cross-entropy for two classes, softmax with
 * cross-entropy for more.
 *
 * <p>Defaults, chosen so that the test accuracy on the shared data sets and MNIST is at least
 * scikit-learn's MLPClassifier's (docs/accuracy.md):
 * <ul>
 *   <li>{@code --optimizer adam} (the default): Adam, learning rate 0.001, batches of 32, up to
 *       300 epochs; 10 % of the training rows held out for validation; early stopping when the
 *       validation cost has not improved for about 4,096 steps (between 20 and 50 epochs),
 *       restoring the best epoch's parameters; L2 weight decay {@link #defaultL2} (1e-4, or 1e-3
 *       for networks with more than 20 parameters per training row).</li>
 *   <li>{@code --optimizer lbfgs}: full-batch L-BFGS on all training rows (no validation rows, no
 *       early stopping), at most 200 iterations, the same L2 weight decay; for small data sets.</li>
 *   <li>{@code --optimizer sgd}: SGD with Nesterov momentum 0.9, learning rate 0.01, otherwise as
 *       Adam.</li>
 * </ul>
 *
 * <p>How to run it:
 * <pre>
 * bash tools/run.sh TrainCsv --data examples/data/iris.csv --seed 1
 * </pre>
 * Options: {@code --data FILE} (required), {@code --label NAME}, {@code --hidden 256,128},
 * {@code --optimizer adam|sgd|lbfgs}, {@code --epochs N} (iterations for L-BFGS),
 * {@code --batch N}, {@code --seed N}, {@code --learning-rate X}, {@code --l2 X},
 * {@code --validation FRACTION} (0: no validation rows; early stopping then watches the training
 * cost), {@code --patience EPOCHS}, {@code --dropout RATE} (inverted dropout after each hidden
 * layer, off by default).
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
        Options o = Options.parse(args);
        Dataset all = CsvReader.builder().label(o.label).build().read(o.data);     // one-hot targets
        List<String> classes = all.classNames();
        boolean binary = classes.size() == 2;
        Split.Result parts = Split.stratified(all, 0.2, o.seed);
        StandardScaler scaler = StandardScaler.fit(parts.train().x());              // training statistics only
        double[][] xTrain = scaler.transform(parts.train().x());
        double[][] xTest = scaler.transform(parts.test().x());
        double[][] yTrain = binary ? column(parts.train().labels()) : parts.train().y();
        int[] actual = parts.test().labels();

        int[] hidden = o.hidden != null ? o.hidden : defaultHidden(all.inputSize(), classes.size());
        NetworkBuilder builder = Network.builder().input(all.inputSize()).seed(o.seed);
        for (int units : hidden) {
            builder.dense(units, Activation.relu());
            if (o.dropout > 0) {
                builder.dropout(o.dropout);                                 // after each hidden layer
            }
        }
        Network net = (binary
                ? builder.dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy())
                : builder.dense(classes.size(), Activation.softmax()).loss(Loss.crossEntropy()))
                .build();

        long start = System.nanoTime();
        History history = new Trainer(o.config(xTrain.length, net.parameterCount()))
                .withListener(new ConsoleListener(out, 10))
                .fit(net, xTrain, yTrain);
        double seconds = (System.nanoTime() - start) / 1e9;

        int[] predicted = net.predictClass(xTest);
        ConfusionMatrix confusion = ConfusionMatrix.of(actual, predicted, classes);
        out.println("Confusion matrix of the " + actual.length + " test rows (rows: actual, columns: predicted):");
        out.println(confusion);
        double accuracy = confusion.accuracy();
        out.printf(Locale.ROOT, "{\"data\": \"%s\", \"test_accuracy\": %.6f, \"epochs\": %d, \"best_epoch\": %d,"
                        + " \"train_seconds\": %.3f, \"test_rows\": %d, \"seed\": %d, \"optimizer\": \"%s\","
                        + " \"hidden\": \"%s\"}%n",
                o.data.getFileName(), accuracy, history.size(), history.bestEpoch(), seconds, actual.length, o.seed,
                o.optimizer, join(hidden));
        return new Result(accuracy, history.size(), seconds, confusion);
    }

    /**
     * Returns the default hidden layer sizes for {@code inputs} features and {@code classes}
     * classes: one ReLU layer of {@code h = clamp(nextPowerOfTwo(2·inputs), 64, 256)} units,
     * {@code h} at least {@code 4·classes}; and, when there are more than 256 inputs, a second
     * layer of {@code h/2}. So iris (4 inputs) and wine (13) get 64, breast cancer (30) 64, digits
     * (64) 128, and MNIST (784) 256 and 128.
     *
     * @param inputs the number of features, at least 1
     * @param classes the number of classes, at least 2
     * @return the hidden sizes, first layer first
     */
    static int[] defaultHidden(int inputs, int classes) {
        int h = Integer.highestOneBit(Math.max(1, 2 * inputs - 1)) << 1;         // next power of two ≥ 2·inputs
        h = Math.max(Math.min(Math.max(h, 64), 256), 4 * classes);
        return inputs > 256 ? new int[] {h, h / 2} : new int[] {h};
    }

    /**
     * Returns the default L2 coefficient λ (weight decay, {@code g ← g + λ·θ}): 1e-4, or 1e-3 when
     * the network has more than 20 parameters per training row (such as 784-256-128-10 on 8,000
     * rows), where the weaker decay lets the validation cost turn upwards within a few epochs.
     *
     * @param parameters the network's parameter count
     * @param trainingRows the number of training rows
     * @return λ
     */
    static double defaultL2(int parameters, int trainingRows) {
        return parameters > 20L * trainingRows ? 1e-3 : 1e-4;
    }

    private static String join(int[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int size : sizes) {
            s.append(s.length() == 0 ? "" : ",").append(size);
        }
        return s.toString();
    }

    /** The command-line options and the training settings they imply. */
    private static final class Options {
        Path data;
        String label = "label";
        int[] hidden;
        String optimizer = "adam";
        Integer epochs;
        int batch = 32;
        long seed = 1;
        Double learningRate;
        Double l2;
        double validation = 0.1;
        Integer patience;
        double dropout;

        static Options parse(String[] args) throws NoSuchFileException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + option + " needs a value.");
                }
                String value = args[++i];
                switch (option) {
                    case "--data" -> o.data = Path.of(value);
                    case "--label" -> o.label = value;
                    case "--hidden" -> o.hidden = Arrays.stream(value.split(",")).mapToInt(v -> Integer.parseInt(v.trim()))
                            .toArray();
                    case "--optimizer" -> o.optimizer = optimizer(value);
                    case "--dropout" -> o.dropout = Double.parseDouble(value);
                    case "--epochs" -> o.epochs = Integer.parseInt(value);
                    case "--batch" -> o.batch = Integer.parseInt(value);
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--learning-rate" -> o.learningRate = Double.parseDouble(value);
                    case "--l2" -> o.l2 = Double.parseDouble(value);
                    case "--validation" -> o.validation = Double.parseDouble(value);
                    case "--patience" -> o.patience = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("Unknown option " + option + "; use --data FILE,"
                            + " --label NAME, --hidden 256,128, --optimizer adam|sgd|lbfgs, --epochs N, --batch N,"
                            + " --seed N, --learning-rate X, --l2 X, --validation F, --patience N or --dropout RATE.");
                }
            }
            if (o.data == null) {
                throw new IllegalArgumentException("No data file; pass --data FILE (a CSV with a header line), such as"
                        + " --data examples/data/iris.csv from the repository's root.");
            }
            if (!Files.isRegularFile(o.data)) {
                throw new NoSuchFileException(o.data.toString(), null, "no such file: looked for "
                        + o.data.toAbsolutePath().normalize() + ". The repository ships examples/data/iris.csv and"
                        + " examples/data/wine.csv: run from the repository's root with --data examples/data/iris.csv,"
                        + " or pass the path of your own CSV file.");
            }
            if (o.hidden != null && Arrays.stream(o.hidden).anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("--hidden needs positive layer sizes such as 256,128.");
            }
            return o;
        }

        private static String optimizer(String name) {
            if (!List.of("adam", "sgd", "lbfgs").contains(name)) {
                throw new IllegalArgumentException("Unknown optimizer " + name + "; use adam, sgd or lbfgs.");
            }
            return name;
        }

        /**
         * Returns the early-stopping patience in epochs: about 4,096 steps, between 20 and 50
         * epochs, so that small data sets (a few steps per epoch) get 50 and large ones 20.
         */
        int patience(int trainingRows) {
            if (patience != null) {
                return patience;
            }
            int fitRows = trainingRows - (int) Math.round(trainingRows * validation);
            int steps = (fitRows + batch - 1) / batch;                              // steps per epoch
            return Math.max(20, Math.min(50, (4096 + steps - 1) / steps));
        }

        /** Returns the settings for the chosen optimizer, each default documented in the class Javadoc. */
        TrainingConfig config(int trainingRows, int parameters) {
            double decay = l2 != null ? l2 : defaultL2(parameters, trainingRows);
            TrainingConfig.Builder b = TrainingConfig.builder().seed(seed).weightDecay(decay);
            if (optimizer.equals("lbfgs")) {
                // full batch on all training rows, as scikit-learn's L-BFGS: no validation, no early stopping
                return b.optimizer(Lbfgs.defaults()).epochs(epochs != null ? epochs : 200).build();
            }
            b.optimizer(optimizer.equals("adam") ? Optimizer.adam() : Optimizer.nesterov(0.9))
                    .learningRate(learningRate != null ? learningRate : optimizer.equals("adam") ? 0.001 : 0.01)
                    .epochs(epochs != null ? epochs : 300)
                    .batchSize(batch);
            if (validation > 0) {
                b.validationFraction(validation)
                        .earlyStopping(EarlyStopping.of(Monitor.VALIDATION_COST, patience(trainingRows)));
            } else {
                b.earlyStopping(EarlyStopping.of(Monitor.TRAINING_COST, patience(trainingRows))
                        .withMinDelta(1e-4).withRestoreBestWeights(false));
            }
            return b.build();
        }
    }

    private static double[][] column(int[] labels) {
        double[][] y = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            y[i][0] = labels[i];
        }
        return y;
    }
}
