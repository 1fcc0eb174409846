package io.github.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.io.Model;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.Trainer;
import io.github.mlp4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpClassifierTest {
    private static final List<Row> ROWS = TestSpark.blobs(400, 4, 3);
    private static final Dataset<Row> FRAME = TestSpark.frame(ROWS, 2);

    private static MlpClassifier classifier() {
        return new MlpClassifier().setLayers(new int[] {4, 8, 3}).setMaxIter(6).setBatchSize(50).setStepSize(0.05)
                .setSeed(9);
    }

    /** Every scored row's probability equals the core model's output for its features, bit for bit. */
    private static void assertScoresEqualCore(Dataset<Row> scored, Model core, String featuresCol) {
        List<Row> rows = scored.select(featuresCol, "probability", "rawPrediction", "prediction").collectAsList();
        assertThat(rows).hasSize(ROWS.size());
        for (Row r : rows) {
            double[] expected = core.predict(((Vector) r.get(0)).toArray());
            assertThat(((Vector) r.get(1)).toArray()).containsExactly(expected);
            assertThat(((Vector) r.get(2)).toArray()).containsExactly(expected);
            assertThat(r.getDouble(3)).isEqualTo(Scoring.argmax(expected));
        }
    }

    @Test
    void fitGivesAModelWhoseScoresAreTheCoresAndAccurate() {
        MlpClassificationModel model = classifier().fit(FRAME);
        Dataset<Row> scored = model.transform(FRAME);
        assertScoresEqualCore(scored, model.coreModel(), "features");
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        assertThat(accuracy).isGreaterThan(0.9);
        assertThat(model.numClasses()).isEqualTo(3);
        assertThat(model.trainingHistory().epochCosts()).hasSize(6);
        assertThat(model.trainingHistory().steps()).isEqualTo(6 * 8);       // 400 rows in batches of 50
        assertThat(model.parent()).isNotNull();
    }

    @Test
    void aPipelineWithNumericColumnsSavesAndLoads(@TempDir Path dir) throws Exception {
        Column array = org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float64");
        Dataset<Row> wide = FRAME.withColumn("a", array.getItem(0)).withColumn("b", array.getItem(1))
                .withColumn("c", array.getItem(2)).withColumn("d", array.getItem(3)).drop("features");
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c", "d"})
                .setOutputCol("assembled");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler,
            classifier().setFeaturesCol("assembled")});
        PipelineModel fitted = pipeline.fit(wide);
        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        MlpClassificationModel model = (MlpClassificationModel) loaded.stages()[1];
        assertThat(model.getOrDefault(model.featuresCol())).isEqualTo("assembled");
        assertScoresEqualCore(loaded.transform(wide), ((MlpClassificationModel) fitted.stages()[1]).coreModel(),
                "assembled");

        // the same columns named directly, without an assembler, give the same model
        MlpClassificationModel direct = classifier().setInputCols(new String[] {"a", "b", "c", "d"}).fit(wide);
        assertThat(direct.coreModel().network().parameters()).containsExactly(model.coreModel().network().parameters());
        assertThat(direct.setInputCols(new String[] {"a", "b", "c", "d"}).transform(wide).count()).isEqualTo(ROWS.size());
    }

    @Test
    void theSavedDataFolderHoldsTheCoresModelFile(@TempDir Path dir) throws Exception {
        MlpClassificationModel model = classifier().setMaxIter(2).fit(FRAME);
        model.write().save(dir.resolve("m").toString());
        Model core = Model.load(dir.resolve("m").resolve(MlpClassificationModel.DATA_FILE));
        assertThat(core.network().parameters()).containsExactly(model.coreModel().network().parameters());
        MlpClassificationModel back = MlpClassificationModel.load(dir.resolve("m").toString());
        assertThat(back.uid()).isEqualTo(model.uid());
        assertThat(back.modelBytes()).isEqualTo(model.modelBytes());
    }

    @Test
    void anEstimatorSavesAndLoadsWithItsParams(@TempDir Path dir) throws Exception {
        MlpClassifier c = classifier().setStrategy("average").setLocalSteps(3).setOptimizer("momentum");
        c.write().save(dir.resolve("c").toString());
        MlpClassifier back = MlpClassifier.load(dir.resolve("c").toString());
        assertThat(back.uid()).isEqualTo(c.uid());
        assertThat(back.getLayers()).containsExactly(4, 8, 3);
        assertThat(back.getStrategy()).isEqualTo("average");
        assertThat(back.getOrDefault(back.optimizer())).isEqualTo("momentum");
        assertThat(back.getSeed()).isEqualTo(9L);
    }

    @Test
    void aCoreModelCanBeWrapped() {
        Network net = Network.builder().input(4).dense(6, Activation.tanh()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(1).build();
        double[][] x = ROWS.stream().map(r -> ((Vector) r.get(0)).toArray()).toArray(double[][]::new);
        double[][] y = ROWS.stream().map(r -> {
            double[] t = new double[3];
            t[(int) r.getDouble(1)] = 1.0;
            return t;
        }).toArray(double[][]::new);
        new Trainer(TrainingConfig.builder().epochs(5).optimizer(Optimizer.adam()).learningRate(0.02).build()).fit(net, x, y);
        Model core = Model.of(net);
        assertScoresEqualCore(MlpClassificationModel.of(core).transform(FRAME), core, "features");
    }

    @Test
    void aSigmoidOutputGivesTwoClassProbabilities() {
        Network net = Network.builder().input(4).dense(1, Activation.sigmoid()).loss(Loss.binaryCrossEntropy()).seed(2)
                .build();
        MlpClassificationModel model = MlpClassificationModel.of(Model.of(net));
        Row r = model.transform(FRAME).select("features", "probability", "prediction").first();
        double p = net.predict(((Vector) r.get(0)).toArray())[0];
        assertThat(((Vector) r.get(1)).toArray()).containsExactly(1.0 - p, p);
        assertThat(r.getDouble(2)).isEqualTo(p >= 0.5 ? 1.0 : 0.0);
        assertThat(model.numClasses()).isEqualTo(2);
        Dataset<Row> binary = model.transform(FRAME.withColumn("label", functions.expr("IF(label = 1, 1.0, 0.0)")));
        assertThat(new BinaryClassificationEvaluator().evaluate(binary)).isBetween(0.0, 1.0);
        Network regression = Network.builder().input(4).dense(1, Activation.identity()).loss(Loss.mse()).build();
        assertThatThrownBy(() -> MlpClassificationModel.of(Model.of(regression)))
                .hasMessageContaining("softmax over several outputs or one sigmoid output");
    }

    @Test
    void schemaErrorsNameTheColumn() {
        assertThatThrownBy(() -> classifier().setFeaturesCol("pixels").fit(FRAME))
                .hasMessageContaining("'pixels'").hasMessageContaining("[features, label]");
        assertThatThrownBy(() -> classifier().setFeaturesCol("label").fit(FRAME))
                .hasMessageContaining("Column 'label' must hold vectors");
        Dataset<Row> textLabel = FRAME.withColumn("label", functions.col("label").cast("string"));
        assertThatThrownBy(() -> classifier().fit(textLabel))
                .hasMessageContaining("Column 'label' must be numeric").hasMessageContaining("cast");
        assertThatThrownBy(() -> classifier().setPredictionCol("label").transformSchema(FRAME.schema()))
                .hasMessageContaining("Output column 'label' already exists");
        assertThatThrownBy(() -> classifier().setInputCols(new String[] {"label"}).fit(FRAME))
                .hasMessageContaining("4 inputs but 1 input columns");
        assertThatThrownBy(() -> new MlpClassifier().fit(FRAME)).hasMessageContaining("'layers' is not set");
        assertThatThrownBy(() -> classifier().setLayers(new int[] {4, 1}).fit(FRAME))
                .hasMessageContaining("number of classes");
        MlpClassificationModel model = MlpClassificationModel.of(Model.of(classifier().newNetwork()));
        assertThatThrownBy(() -> model.setFeaturesCol("nope").transform(FRAME)).hasMessageContaining("'nope'");
    }

    @Test
    void paramsAreValidatedWhenSet() {
        assertThatThrownBy(() -> classifier().setMaxIter(0)).hasMessageContaining("maxIter");
        assertThatThrownBy(() -> classifier().setStepSize(-1)).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> classifier().setOptimizer("lbfgs")).hasMessageContaining("optimizer");
        assertThatThrownBy(() -> classifier().setStrategy("async")).hasMessageContaining("strategy");
        assertThatThrownBy(() -> classifier().setBatchSize(0)).hasMessageContaining("batchSize");
    }
}
