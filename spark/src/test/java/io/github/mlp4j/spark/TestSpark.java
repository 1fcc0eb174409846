package io.github.mlp4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one local Spark session that all Spark tests in a JVM share (two cores; a failed task is
 * retried up to three times), and small data sets.
 */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2,4]")
                    .appName("mlp4j-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    static final StructType VECTOR_SCHEMA = new StructType(new StructField[] {
        new StructField("features", SQLDataTypes.VectorType(), true, Metadata.empty()),
        new StructField("label", DataTypes.DoubleType, true, Metadata.empty())});

    /**
     * Three Gaussian blobs in {@code inputs} dimensions, class {@code i} centred at
     * {@code 2·e_(i mod inputs)}, as rows (features vector, label).
     */
    static List<Row> blobs(int rows, int inputs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int c = r.nextInt(3);
            double[] x = new double[inputs];
            for (int j = 0; j < inputs; j++) {
                x[j] = r.nextGaussian() * 0.7 + (j == c % inputs ? 2.0 : 0.0) - (c == 2 && j == 0 ? 2.0 : 0.0);
            }
            out.add(RowFactory.create(Vectors.dense(x), (double) c));
        }
        return out;
    }

    /** {@code rows} in exactly {@code partitions} partitions, split in order. */
    static Dataset<Row> frame(List<Row> rows, int partitions) {
        return session().createDataFrame(context().parallelize(rows, partitions), VECTOR_SCHEMA);
    }
}
