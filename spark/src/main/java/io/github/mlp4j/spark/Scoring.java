package io.github.mlp4j.spark;

import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelFormatException;
import io.github.mlp4j.io.ModelReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores one partition in blocks: each block of up to {@code blockRows} rows goes through the
 * core model's {@code predict} at once, and each row comes out with its new columns appended:
 * {@code prediction} (the class index as a double, the first largest output), {@code probability}
 * (the network's outputs; for a single sigmoid output {@code [1−p, p]}) and {@code rawPrediction}
 * (the same values: the core exposes the outputs, not the pre-softmax sums, and Spark's
 * evaluators need only their order). An empty column name leaves that column out.
 */
final class Scoring implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private static final int CACHED_MODELS = 4;
    private static final Map<Long, Model> MODELS = new LinkedHashMap<>(8, 0.75f, true);

    private final Broadcast<byte[]> model;
    private final StructType schema;
    private final InputColumns columns;
    private final int blockRows;
    private final boolean prediction;
    private final boolean probability;
    private final boolean raw;

    Scoring(Broadcast<byte[]> model, StructType schema, InputColumns columns, int blockRows, boolean prediction,
            boolean probability, boolean raw) {
        this.model = model;
        this.schema = schema;
        this.columns = columns;
        this.blockRows = blockRows;
        this.prediction = prediction;
        this.probability = probability;
        this.raw = raw;
    }

    /**
     * {@return {@code schema} with the output columns appended}
     *
     * @throws IllegalArgumentException naming an output column that already exists
     */
    static StructType outputSchema(StructType schema, String predictionCol, String probabilityCol, String rawCol) {
        StructType out = schema;
        out = add(out, rawCol, SQLDataTypes.VectorType());
        out = add(out, probabilityCol, SQLDataTypes.VectorType());
        out = add(out, predictionCol, DataTypes.DoubleType);
        return out;
    }

    private static StructType add(StructType schema, String name, org.apache.spark.sql.types.DataType type) {
        if (name.isEmpty()) {
            return schema;
        }
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("Output column '" + name + "' already exists in the DataFrame; drop it "
                    + "or choose another name for it.");
        }
        return schema.add(new StructField(name, type, false, Metadata.empty()));
    }

    private Model model() throws ModelFormatException {
        long key = model.id();
        synchronized (MODELS) {
            Model m = MODELS.get(key);
            if (m == null) {
                m = ModelReader.fromBytes(model.value());                    // predict is thread-safe: one per JVM
                MODELS.put(key, m);
                if (MODELS.size() > CACHED_MODELS) {
                    Iterator<Long> eldest = MODELS.keySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
            return m;
        }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws ModelFormatException {
        Model m = model();
        int inputs = m.network().inputSize();
        InputColumns.Resolved at = columns.resolve(schema);
        int width = schema.size();
        return new Iterator<>() {
            private final List<Row> in = new ArrayList<>();
            private double[][] out;
            private int next;
            private long seen;

            @Override
            public boolean hasNext() {
                return next < in.size() || rows.hasNext();
            }

            @Override
            public Row next() {
                if (next == in.size()) {
                    fill();
                }
                Row row = in.get(next);
                double[] y = out[next];
                next++;
                Object[] values = new Object[width + (raw ? 1 : 0) + (probability ? 1 : 0) + (prediction ? 1 : 0)];
                for (int i = 0; i < width; i++) {
                    values[i] = row.get(i);
                }
                int k = width;
                double[] p = y.length == 1 ? new double[] {1.0 - y[0], y[0]} : y;
                if (raw) {
                    values[k++] = Vectors.dense(p.clone());
                }
                if (probability) {
                    values[k++] = Vectors.dense(p);
                }
                if (prediction) {
                    values[k] = (double) (y.length == 1 ? (y[0] >= 0.5 ? 1 : 0) : argmax(y));
                }
                return RowFactory.create(values);
            }

            private void fill() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException();
                }
                in.clear();
                next = 0;
                List<double[]> xs = new ArrayList<>();
                long bad = 0;
                String first = null;
                while (rows.hasNext() && in.size() < blockRows) {
                    Row row = rows.next();
                    double[] x = new double[inputs];
                    RowProblem problem = at.features(row, x);
                    if (problem != RowProblem.NONE) {
                        bad++;
                        if (first == null) {
                            first = "row " + seen + " of this partition has " + problem.text;
                        }
                    }
                    seen++;
                    in.add(row);
                    xs.add(x);
                }
                if (bad > 0) {
                    throw new IllegalArgumentException("Cannot score " + columns.featuresName() + ": " + bad
                            + (bad == 1 ? " row" : " rows") + " in a block of " + in.size() + " cannot be read ("
                            + first + "). The model needs " + inputs + " finite values per row; drop or repair "
                            + "the rows first.");
                }
                out = m.predict(xs.toArray(new double[0][]));
            }
        };
    }

    /** {@return the index of the first largest value, as the core's predictClass picks it} */
    static int argmax(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return best;
    }
}
