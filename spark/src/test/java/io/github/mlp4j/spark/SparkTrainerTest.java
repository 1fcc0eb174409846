package io.github.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainerTest {
    private static final List<Row> ROWS = TestSpark.blobs(300, 4, 7);

    private static Network network() {
        return Network.builder().input(4).dense(8, Activation.tanh()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(11).build();
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.builder().epochs(epochs).batchSize(32).seed(5).optimizer(Optimizer.adam())
                .learningRate(0.01).weightDecay(1e-3).maxGradientNorm(2.0).build();
    }

    private static SparkHistory sparkFit(Network net, Dataset<Row> frame, TrainingConfig config) {
        return SparkTrainer.builder(config).blockRows(64).build().fit(net, frame, InputColumns.vector("features", "label"));
    }

    @Test
    void onePartitionGivesTheCoresParametersBitForBit() {
        Dataset<Row> frame = TestSpark.frame(ROWS, 1);
        Network spark = network();
        SparkHistory h = sparkFit(spark, frame, config(3));
        Network core = network();
        CoreLoop.train(core, frame.javaRDD().glom().collect(), 3, config(3));
        assertThat(spark.parameters()).containsExactly(core.parameters());
        assertThat(h.steps()).isEqualTo(3 * 10);                            // ⌈300 / 32⌉ = 10 steps per epoch
        assertThat(h.epochCosts()).hasSize(3);
        assertThat(h.epochCosts()[2]).isLessThan(h.epochCosts()[0]);
    }

    @Test
    void severalPartitionsStayWithin1e9OfTheCoreAndRepeatBitForBit() {
        Dataset<Row> frame = TestSpark.frame(ROWS, 3);
        Network first = network();
        SparkHistory h = sparkFit(first, frame, config(3));
        Network second = network();
        sparkFit(second, frame, config(3));
        assertThat(second.parameters()).containsExactly(first.parameters());
        Network core = network();
        CoreLoop.train(core, frame.javaRDD().glom().collect(), 3, config(3));
        double[] a = first.parameters();
        double[] b = core.parameters();
        assertThat(a).isNotEqualTo(network().parameters());
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("parameter %d", i).isLessThanOrEqualTo(1e-9 * Math.max(1e-3, Math.abs(b[i])));
        }
        assertThat(h.partitions()).isEqualTo(3);
        long perStep = 3 * (40L + 8L * first.parameterCount());
        assertThat(h.bytesToDriver()).isEqualTo(h.steps() * perStep);
    }

    @Test
    void sharesLargerThanABlockAreSummedBlockByBlock() {
        Dataset<Row> frame = TestSpark.frame(ROWS, 2);
        TrainingConfig config = config(2).toBuilder().batchSize(100).build();  // shares of 50 rows, blocks of 16
        Network spark = network();
        SparkTrainer.builder(config).blockRows(16).build().fit(spark, frame, InputColumns.vector("features", "label"));
        Network core = network();
        CoreLoop.train(core, frame.javaRDD().glom().collect(), 3, config);
        double[] a = spark.parameters();
        double[] b = core.parameters();
        assertThat(a).isNotEqualTo(network().parameters());
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("parameter %d", i).isLessThanOrEqualTo(1e-9 * Math.max(1e-3, Math.abs(b[i])));
        }
    }

    @Test
    void checkpointedBlocksGiveTheSameBits(@TempDir Path dir) {
        Dataset<Row> frame = TestSpark.frame(ROWS, 3);
        Network plain = network();
        sparkFit(plain, frame, config(2));
        org.apache.spark.SparkContext sc = TestSpark.session().sparkContext();
        sc.setCheckpointDir(dir.toUri().toString());
        try {
            Network cut = network();
            sparkFit(cut, frame, config(2));
            assertThat(cut.parameters()).containsExactly(plain.parameters());
            assertThat(dir).isNotEmptyDirectory();                          // the blocks were written there
        } finally {
            sc.checkpointDir_$eq(scala.Option.empty());                    // the other tests run without
        }
    }

    @Test
    void averageStrategyLearnsAndRepeats() {
        Dataset<Row> frame = TestSpark.frame(ROWS, 2);
        TrainingConfig config = config(8);
        Network first = network();
        SparkTrainer trainer = SparkTrainer.builder(config).strategy(SparkTrainer.Strategy.AVERAGE, 4).build();
        SparkHistory h = trainer.fit(first, frame, InputColumns.vector("features", "label"));
        Network second = network();
        trainer.fit(second, frame, InputColumns.vector("features", "label"));
        assertThat(second.parameters()).containsExactly(first.parameters());
        assertThat(h.steps()).isEqualTo(8 * 3);                             // 10 steps per epoch in rounds of 4
        assertThat(h.finalCost()).isLessThan(0.5 * h.epochCosts()[0]);
        assertThat(Metrics.accuracy(first, ROWS)).isGreaterThan(0.85);
    }

    @Test
    void aResumedRunEndsWithTheParametersOfAnUninterruptedOne(@TempDir Path dir) {
        Dataset<Row> frame = TestSpark.frame(ROWS, 2);
        Network whole = network();
        sparkFit(whole, frame, config(3));

        TrainingConfig failing = config(3).toBuilder().schedule(epoch -> {
            if (epoch == 2) {
                throw new IllegalStateException("interrupted");
            }
            return 0.01;
        }).build();
        Network interrupted = network();
        SparkTrainer withCheckpoints = SparkTrainer.builder(failing).blockRows(64).checkpoint(dir.toUri().toString(), 3)
                .build();
        assertThatThrownBy(() -> withCheckpoints.fit(interrupted, frame, InputColumns.vector("features", "label")))
                .hasMessage("interrupted");
        assertThat(dir.resolve(Checkpoint.FILE)).exists();

        Network resumed = network();                                         // a fresh start, as after a crash
        SparkHistory h = SparkTrainer.builder(config(3)).blockRows(64).checkpoint(dir.toUri().toString(), 3).build()
                .fit(resumed, frame, InputColumns.vector("features", "label"));
        assertThat(resumed.parameters()).containsExactly(whole.parameters());
        assertThat(h.steps()).isEqualTo(30);
        assertThat(h.epochCosts()).hasSize(3);
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused(@TempDir Path dir) {
        Dataset<Row> frame = TestSpark.frame(ROWS, 2);
        SparkTrainer.builder(config(1)).checkpoint(dir.toString(), 2).build()
                .fit(network(), frame, InputColumns.vector("features", "label"));
        TrainingConfig other = config(1).toBuilder().batchSize(50).build();
        assertThatThrownBy(() -> SparkTrainer.builder(other).checkpoint(dir.toString(), 2).build()
                .fit(network(), frame, InputColumns.vector("features", "label")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another training run");
    }

    @Test
    void settingsTheTrainerCannotHonourAreRefused() {
        assertThatThrownBy(() -> SparkTrainer.builder(config(1).toBuilder().validationFraction(0.2).build()))
                .hasMessageContaining("validationFraction").hasMessageContaining("randomSplit");
        assertThatThrownBy(() -> SparkTrainer.builder(config(1)).blockRows(0)).hasMessageContaining("blockRows");
        assertThatThrownBy(() -> SparkTrainer.builder(config(1)).checkpoint("x", 0))
                .hasMessageContaining("checkpointInterval");
    }

    @Test
    void aConstantRateOfZeroLeavesTheParameters() {
        Network net = network();
        double[] before = net.parameters();
        sparkFit(net, TestSpark.frame(ROWS, 2), config(1).toBuilder().schedule(epoch -> 0.0).build());
        assertThat(net.parameters()).containsExactly(before);
    }
}
