package io.github.mlp4j.spark.examples;

import io.github.mlp4j.spark.MlpClassificationModel;
import io.github.mlp4j.spark.MlpClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Trains a classifier on a CSV file with Spark, twice on the same 80/20 split: with mlp4j's
 * {@link MlpClassifier} and with Spark MLlib's {@code MultilayerPerceptronClassifier}, both with the
 * same layer sizes, and prints each one's test accuracy and training time.
 *
 * <pre>
 * bash spark/run.sh SparkTrainCsv --data FILE.csv --label NAME --master local[2] --seed 1
 * </pre>
 *
 * <p>Every other numeric column is a feature; both models see the features scaled to [0, 1] by a
 * {@code MinMaxScaler} fitted on the training rows. The label may be text or numbers; it is indexed
 * with {@code StringIndexer}. Options: {@code --hidden 64} (hidden layer sizes, comma-separated),
 * {@code --epochs 10}, {@code --batch 128}, {@code --rate 0.002}, {@code --strategy sync|average},
 * {@code --mllib-iter 100}, {@code --partitions N} (the training rows' partitions; default Spark's
 * default parallelism, the cores of {@code local[n]}). The last line printed is one JSON object with {@code test_accuracy},
 * {@code train_seconds}, {@code mllib_test_accuracy} and {@code mllib_train_seconds}.
 */
public final class SparkTrainCsv {
    private SparkTrainCsv() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the options above
     * @throws IOException if the temporary checkpoint directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args);
        SparkSession spark = SparkSession.builder().master(o.getOrDefault("master", "local[2]"))
                .appName("SparkTrainCsv").config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            if (spark.sparkContext().getCheckpointDir().isEmpty()) {        // lets mlp4j cut its cached data's lineage
                spark.sparkContext().setCheckpointDir(Files.createTempDirectory("spark-checkpoints").toUri().toString());
            }
            System.out.println(compare(spark, args));
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the comparison in an existing session (which it leaves running), prints a summary and
     * returns the JSON line.
     *
     * @param spark the session
     * @param args the options of {@link #main}; {@code --master} is ignored
     * @return the JSON object, on one line
     */
    public static String compare(SparkSession spark, String... args) {
        Map<String, String> o = options(args);
        String data = require(o, "data");
        String label = require(o, "label");
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true").csv(data);
        if (!Arrays.asList(raw.columns()).contains(label)) {
            throw new IllegalArgumentException("No column '" + label + "' in " + data + "; its columns are "
                    + Arrays.toString(raw.columns()) + ".");
        }
        List<String> features = new ArrayList<>();
        for (StructField f : raw.schema().fields()) {
            if (!f.name().equals(label) && f.dataType() instanceof NumericType) {
                features.add(f.name());
            }
        }
        Dataset<Row> indexed = new StringIndexer().setInputCol(label).setOutputCol("label_index")
                .setStringOrderType("alphabetAsc").fit(raw).transform(raw);
        Dataset<Row> assembled = new VectorAssembler().setInputCols(features.toArray(new String[0]))
                .setOutputCol("raw_features").transform(indexed).select("raw_features", "label_index");
        Dataset<Row>[] split = assembled.randomSplit(new double[] {0.8, 0.2}, seed);
        MinMaxScaler scaler = new MinMaxScaler().setInputCol("raw_features").setOutputCol("features");
        var scaling = scaler.fit(split[0]);
        int partitions = Integer.parseInt(o.getOrDefault("partitions",
                Integer.toString(spark.sparkContext().defaultParallelism())));
        Dataset<Row> train = scaling.transform(split[0]).select("features", "label_index").repartition(partitions)
                .cache();
        Dataset<Row> test = scaling.transform(split[1]).select("features", "label_index").cache();
        long trainRows = train.count();
        long testRows = test.count();
        int classes = (int) indexed.select("label_index").distinct().count();

        int[] layers = layers(features.size(), o.getOrDefault("hidden", "64"), classes);
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator()
                .setLabelCol("label_index").setMetricName("accuracy");

        MlpClassifier mlp = new MlpClassifier().setLayers(layers).setLabelCol("label_index").setSeed(seed)
                .setMaxIter(Integer.parseInt(o.getOrDefault("epochs", "10")))
                .setBatchSize(Integer.parseInt(o.getOrDefault("batch", "128")))
                .setStepSize(Double.parseDouble(o.getOrDefault("rate", "0.002")))
                .setStrategy(o.getOrDefault("strategy", "sync"));
        long t0 = System.nanoTime();
        MlpClassificationModel model = mlp.fit(train);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double testAccuracy = accuracy.evaluate(model.transform(test));

        MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier().setLayers(layers)
                .setLabelCol("label_index").setSeed(seed).setMaxIter(Integer.parseInt(o.getOrDefault("mllib-iter", "100")));
        long t1 = System.nanoTime();
        MultilayerPerceptronClassificationModel mllibModel = mllib.fit(train);
        double mllibSeconds = (System.nanoTime() - t1) / 1e9;
        double mllibAccuracy = accuracy.evaluate(mllibModel.transform(test));

        System.out.printf(Locale.ROOT, "%s: %d training rows, %d test rows, layers %s, %d partitions%n", data,
                trainRows, testRows, Arrays.toString(layers), train.rdd().getNumPartitions());
        System.out.printf(Locale.ROOT, "mlp4j:  test accuracy %.4f, trained in %.1f s (%d epochs)%n", testAccuracy,
                seconds, mlp.getMaxIter());
        System.out.printf(Locale.ROOT, "MLlib:  test accuracy %.4f, trained in %.1f s (%d L-BFGS iterations)%n",
                mllibAccuracy, mllibSeconds, mllib.getMaxIter());
        train.unpersist();
        test.unpersist();
        return String.format(Locale.ROOT, "{\"test_accuracy\": %.6f, \"train_seconds\": %.3f, \"mllib_test_accuracy\": %.6f,"
                + " \"mllib_train_seconds\": %.3f, \"train_rows\": %d, \"test_rows\": %d, \"layers\": \"%s\"}",
                testAccuracy, seconds, mllibAccuracy, mllibSeconds, trainRows, testRows, Arrays.toString(layers));
    }

    private static int[] layers(int inputs, String hidden, int classes) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        for (String h : hidden.split(",")) {
            if (!h.isBlank()) {
                sizes.add(Integer.parseInt(h.trim()));
            }
        }
        sizes.add(classes);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Expected --name value pairs but got '" + args[i]
                        + "'; for example --data FILE.csv --label NAME --master local[2] --seed 1.");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required; usage: --data FILE.csv --label NAME "
                    + "[--master local[2]] [--seed 1].");
        }
        return v;
    }
}
