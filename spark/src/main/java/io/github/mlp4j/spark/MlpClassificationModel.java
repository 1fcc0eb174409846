package io.github.mlp4j.spark;

import io.github.mlp4j.Network;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.io.ModelReader;
import io.github.mlp4j.io.ModelFormatException;
import io.github.mlp4j.io.ModelWriter;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A trained mlp4j classifier as a Spark ML {@code Model}: {@link #transform} appends
 * {@code prediction}, {@code probability} and {@code rawPrediction} columns (see
 * {@link Scoring}), whose values equal the core's {@code predict} bit for bit.
 *
 * <p>The model is the core's model file: {@code write().save(path)} puts Spark's metadata in
 * {@code path/metadata} and the core file in {@code path/data/model.mlp4j}, which
 * {@code io.github.mlp4j.io.Model.load} reads as it is. {@link #of(Model)} wraps a model trained
 * or loaded with the core.
 */
public final class MlpClassificationModel extends org.apache.spark.ml.Model<MlpClassificationModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The core model file inside a saved model's directory. */
    public static final String DATA_FILE = "data/model.mlp4j";

    private final String uid;
    private final byte[] modelBytes;
    private transient Model model;
    transient SparkHistory history;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final IntParam blockSize;

    /**
     * Creates a model from a core model file's bytes.
     *
     * @param uid the uid
     * @param modelBytes the bytes of a core model file, as {@link ModelWriter#toBytes} makes them
     * @throws IllegalArgumentException if the bytes are not one valid model, or the network is not a
     *     classifier
     */
    public MlpClassificationModel(String uid, byte[] modelBytes) {
        this.uid = uid;
        this.modelBytes = modelBytes.clone();
        this.model = parse(this.modelBytes);
        Network net = model.network();
        if (net.outputSize() == 1 && !"sigmoid".equals(net.layers().get(net.layers().size() - 1).activation().name())) {
            throw new IllegalArgumentException("The network has one output with activation "
                    + net.layers().get(net.layers().size() - 1).activation().name() + "; a classifier needs softmax "
                    + "over several outputs or one sigmoid output.");
        }
        featuresCol = new Param<>(this, "featuresCol", "features column (a vector); ignored when inputCols is set");
        inputCols = new StringArrayParam(this, "inputCols", "numeric feature columns, one per input, instead of featuresCol");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name; empty for none");
        probabilityCol = new Param<>(this, "probabilityCol", "column of class probabilities; empty for none");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "column of raw scores; empty for none");
        blockSize = new IntParam(this, "blockSize", "rows per block when scoring (>= 1)", ParamValidators.gtEq(1));
        setDefault(featuresCol, "features");
        setDefault(inputCols, new String[0]);
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(blockSize, 1024);
    }

    /**
     * Wraps a model of the core (trained with its {@code Trainer}, or loaded) as a Spark model; its
     * scaling, if any, is applied when scoring.
     *
     * @param model the core model, a classifier
     * @return the Spark model, with a random uid
     */
    public static MlpClassificationModel of(Model model) {
        Objects.requireNonNull(model, "model");
        return new MlpClassificationModel(Identifiable.randomUID("mlp4jClassifier"), ModelWriter.toBytes(model));
    }

    @Override
    public String uid() {
        return uid;
    }

    /** {@return the core model (its network is thread-safe for prediction)} */
    public Model coreModel() {
        if (model == null) {
            model = parse(modelBytes);
        }
        return model;
    }

    private static Model parse(byte[] bytes) {
        try {
            return ModelReader.fromBytes(bytes);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("The bytes are not an mlp4j model file: " + e.getMessage(), e);
        }
    }

    /** {@return the core model file's bytes} */
    public byte[] modelBytes() {
        return modelBytes.clone();
    }

    /** {@return the number of classes} */
    public int numClasses() {
        int k = coreModel().network().outputSize();
        return k == 1 ? 2 : k;
    }

    /** {@return the training run that made this model, or null if it was loaded or wrapped} */
    public SparkHistory trainingHistory() {
        return history;
    }

    /** {@return the param} */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** {@return the param} */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** {@return the param} */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** {@return the param} */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** {@return the param} */
    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    /** {@return the param} */
    public IntParam blockSize() {
        return blockSize;
    }

    /** @param v the features vector column @return this */
    public MlpClassificationModel setFeaturesCol(String v) {
        set(featuresCol, v);
        return this;
    }

    /** @param v numeric feature columns, one per input @return this */
    public MlpClassificationModel setInputCols(String[] v) {
        set(inputCols, v);
        return this;
    }

    /** @param v the prediction column, empty for none @return this */
    public MlpClassificationModel setPredictionCol(String v) {
        set(predictionCol, v);
        return this;
    }

    /** @param v the probability column, empty for none @return this */
    public MlpClassificationModel setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    /** @param v the raw prediction column, empty for none @return this */
    public MlpClassificationModel setRawPredictionCol(String v) {
        set(rawPredictionCol, v);
        return this;
    }

    /** @param v rows per block @return this */
    public MlpClassificationModel setBlockSize(int v) {
        set(blockSize, v);
        return this;
    }

    private InputColumns columns() {
        String[] in = getOrDefault(inputCols);
        return in.length > 0 ? InputColumns.numeric(Arrays.asList(in), null)
                : InputColumns.vector(getOrDefault(featuresCol), null);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        columns().check(schema, coreModel().network().inputSize(), false);
        return Scoring.outputSchema(schema, getOrDefault(predictionCol), getOrDefault(probabilityCol),
                getOrDefault(rawPredictionCol));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        SparkSession spark = dataset.sparkSession();
        Broadcast<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);
        JavaRDD<Row> rows = dataset.toDF().javaRDD().mapPartitions(new Scoring(bytes, in, columns(),
                (Integer) getOrDefault(blockSize), !getOrDefault(predictionCol).isEmpty(),
                !getOrDefault(probabilityCol).isEmpty(), !getOrDefault(rawPredictionCol).isEmpty()));
        return spark.createDataFrame(rows, out);
    }

    @Override
    public MlpClassificationModel copy(ParamMap extra) {
        MlpClassificationModel copy = copyValues(new MlpClassificationModel(uid, modelBytes), extra);
        copy.history = history;
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelIO.Writer(this);
    }

    /** {@return a reader for saved models} */
    public static MLReader<MlpClassificationModel> read() {
        return new ModelIO.Reader();
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path the directory
     * @return the model
     */
    public static MlpClassificationModel load(String path) {
        return read().load(path);
    }
}
