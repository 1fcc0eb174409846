package io.github.mlp4j.spark.bench;

import io.github.mlp4j.Network;
import io.github.mlp4j.spark.InputColumns;
import io.github.mlp4j.spark.MlpClassificationModel;
import io.github.mlp4j.spark.MlpClassifier;
import io.github.mlp4j.spark.SparkHistory;
import io.github.mlp4j.spark.SparkTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark training benchmark: mlp4j's {@code sync} and {@code average} strategies against MLlib's
 * {@code MultilayerPerceptronClassifier} on a generated data set (by default a million rows), in
 * local mode with 1 and 2 cores (as many partitions as cores). One JSON line per run:
 * seconds per pass over the data, seconds to a target test accuracy, and the bytes of task results
 * sent to the driver per step (measured by a {@code SparkListener} from the tasks' result sizes).
 *
 * <pre>
 * bash spark/run.sh SparkBench --rows 1000000 --epochs 5
 * </pre>
 *
 * <p>Options: {@code --rows 1000000 --features 32 --classes 4 --hidden 32 --epochs 5 --batch 1024
 * --rate 0.003 --target 0.9 --cores 1,2 --mllib-iters 5,10,20,40 --local-steps 8}.
 *
 * <p>The data: each row's features are standard normal; its class is the argmax of a fixed random
 * linear map of the features plus noise, so the best accuracy is below 1. Rows are generated on the
 * executors from their ids, so the driver never holds them. mlp4j is timed per epoch by resuming
 * from a checkpoint written at the end of each epoch (the optimizer state carries over); MLlib is
 * timed from scratch for each iteration count, since it cannot continue a run.
 */
public final class SparkBench {
    private SparkBench() {
    }

    /** Sums the result bytes of all finished tasks. */
    static final class ResultBytes extends SparkListener {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                bytes.addAndGet(end.taskMetrics().resultSize());
            }
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     * @throws Exception if a temporary directory cannot be made
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long rows = Long.parseLong(o.getOrDefault("rows", "1000000"));
        int features = Integer.parseInt(o.getOrDefault("features", "32"));
        int classes = Integer.parseInt(o.getOrDefault("classes", "4"));
        int hidden = Integer.parseInt(o.getOrDefault("hidden", "32"));
        int epochs = Integer.parseInt(o.getOrDefault("epochs", "5"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "1024"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0.003"));
        double target = Double.parseDouble(o.getOrDefault("target", "0.9"));
        int localSteps = Integer.parseInt(o.getOrDefault("local-steps", "8"));
        for (String c : o.getOrDefault("cores", "1,2").split(",")) {
            int cores = Integer.parseInt(c.trim());
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("SparkBench")
                    .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            spark.sparkContext().setCheckpointDir(Files.createTempDirectory("spark-checkpoints").toUri().toString());
            ResultBytes listener = new ResultBytes();
            spark.sparkContext().addSparkListener(listener);
            try {
                Dataset<Row> all = generate(spark, rows, features, classes, cores);
                Dataset<Row>[] split = all.randomSplit(new double[] {0.9, 0.1}, 7);
                Dataset<Row> train = split[0].cache();
                Dataset<Row> test = split[1].cache();
                long n = train.count();
                test.count();
                int[] layers = {features, hidden, classes};
                for (String strategy : new String[] {"sync", "average"}) {
                    mlp4j(spark, listener, train, test, n, layers, strategy, epochs, batch, rate, target, localSteps,
                            cores);
                }
                for (String it : o.getOrDefault("mllib-iters", "5,10,20,40").split(",")) {
                    mllib(listener, train, test, n, layers, Integer.parseInt(it.trim()), target, cores);
                }
                train.unpersist();
                test.unpersist();
            } finally {
                spark.stop();
            }
        }
    }

    private static void mlp4j(SparkSession spark, ResultBytes listener, Dataset<Row> train, Dataset<Row> test, long n,
            int[] layers, String strategy, int epochs, int batch, double rate, double target, int localSteps,
            int cores) throws Exception {
        MlpClassifier c = new MlpClassifier().setLayers(layers).setBatchSize(batch).setStepSize(rate).setSeed(3)
                .setStrategy(strategy).setLocalSteps(localSteps);
        Network net = c.newNetwork();
        Path dir = Files.createTempDirectory("mlp4j-bench");
        int stepsPerEpoch = (int) ((n + batch - 1) / batch);
        int interval = strategy.equals("sync") ? stepsPerEpoch : (stepsPerEpoch + localSteps - 1) / localSteps;
        double seconds = 0;
        double toTarget = Double.NaN;
        long bytes = 0;
        long steps = 0;
        double accuracy = 0;
        for (int e = 1; e <= epochs; e++) {
            SparkTrainer trainer = SparkTrainer.builder(c.setMaxIter(e).trainingConfig())
                    .strategy(strategy.equals("sync") ? SparkTrainer.Strategy.SYNC : SparkTrainer.Strategy.AVERAGE,
                            localSteps)
                    .checkpoint(dir.toUri().toString(), interval).build();
            long before = listener.bytes.get();
            SparkHistory h = trainer.fit(net, train, InputColumns.vector("features", "label"));
            bytes += listener.bytes.get() - before;
            seconds += h.seconds();
            steps = h.steps();
            accuracy = accuracy(MlpClassificationModel.of(io.github.mlp4j.io.Model.of(net)).transform(test));
            if (Double.isNaN(toTarget) && accuracy >= target) {
                toTarget = seconds;
            }
        }
        System.out.println(String.format(Locale.ROOT, "{\"library\": \"mlp4j-%s\", \"cores\": %d, \"rows\": %d, "
                + "\"seconds_per_pass\": %.3f, \"seconds_to_target\": %s, \"target\": %.3f, \"final_accuracy\": %.4f, "
                + "\"steps\": %d, \"bytes_to_driver_per_step\": %d}", strategy, cores, n, seconds / epochs,
                Double.isNaN(toTarget) ? "null" : String.format(Locale.ROOT, "%.3f", toTarget), target, accuracy,
                steps, steps == 0 ? 0 : bytes / steps));
    }

    private static void mllib(ResultBytes listener, Dataset<Row> train, Dataset<Row> test, long n, int[] layers,
            int iterations, double target, int cores) {
        MultilayerPerceptronClassifier c = new MultilayerPerceptronClassifier().setLayers(layers).setSeed(3)
                .setMaxIter(iterations);
        long before = listener.bytes.get();
        long t0 = System.nanoTime();
        MultilayerPerceptronClassificationModel m = c.fit(train);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = listener.bytes.get() - before;
        double accuracy = accuracy(m.transform(test));
        int done = m.summary().totalIterations();
        System.out.println(String.format(Locale.ROOT, "{\"library\": \"mllib-mlpc\", \"cores\": %d, \"rows\": %d, "
                + "\"max_iter\": %d, \"iterations\": %d, \"seconds\": %.3f, \"seconds_per_pass\": %.3f, "
                + "\"reached_target\": %s, \"target\": %.3f, \"final_accuracy\": %.4f, \"bytes_to_driver_per_step\": %d}",
                cores, n, iterations, done, seconds, seconds / Math.max(1, done), accuracy >= target, target, accuracy,
                bytes / Math.max(1, done)));
    }

    private static double accuracy(Dataset<Row> scored) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
    }

    /** {@code rows} rows generated on the executors in {@code partitions} partitions. */
    static Dataset<Row> generate(SparkSession spark, long rows, int features, int classes, int partitions) {
        double[][] teacher = new double[features][classes];
        SplittableRandom r = new SplittableRandom(2026);
        for (double[] t : teacher) {
            for (int k = 0; k < classes; k++) {
                t[k] = r.nextGaussian();
            }
        }
        StructType schema = new StructType(new StructField[] {
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        return spark.range(0, rows, 1, partitions).map((MapFunction<Long, Row>) id -> {
            SplittableRandom g = new SplittableRandom(id * 0x9E3779B97F4A7C15L + 1);
            double[] x = new double[features];
            for (int j = 0; j < features; j++) {
                x[j] = g.nextGaussian();
            }
            int best = 0;
            double top = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double s = 0.5 * g.nextGaussian();
                for (int j = 0; j < features; j++) {
                    s += x[j] * teacher[j][k];
                }
                if (s > top) {
                    top = s;
                    best = k;
                }
            }
            return RowFactory.create(Vectors.dense(x), (double) best);
        }, ExpressionEncoder.apply(schema));
    }

}
