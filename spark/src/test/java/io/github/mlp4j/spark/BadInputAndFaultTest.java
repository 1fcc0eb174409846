package io.github.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.optim.Optimizer;
import io.github.mlp4j.train.TrainingConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.junit.jupiter.api.Test;

class BadInputAndFaultTest {
    private static final List<Row> ROWS = TestSpark.blobs(200, 4, 5);

    private static Network network() {
        return Network.builder().input(4).dense(5, Activation.tanh()).dense(3, Activation.softmax())
                .loss(Loss.crossEntropy()).seed(4).build();
    }

    private static TrainingConfig config() {
        return TrainingConfig.builder().epochs(2).batchSize(25).seed(8).optimizer(Optimizer.sgd()).learningRate(0.1)
                .build();
    }

    private static SparkHistory fit(Network net, Dataset<Row> frame, SparkTrainer.Strategy strategy,
            TrainingConfig config) {
        return SparkTrainer.builder(config).strategy(strategy, 3).build()
                .fit(net, frame, InputColumns.vector("features", "label"));
    }

    @Test
    void badRowsAreCountedByKindAndColumn() {
        List<Row> rows = new ArrayList<>(ROWS);
        rows.set(3, RowFactory.create(null, 1.0));
        rows.set(50, RowFactory.create(null, 1.0));
        rows.set(7, RowFactory.create(Vectors.dense(1, 2, 3), 0.0));
        rows.set(8, RowFactory.create(Vectors.dense(1, Double.NaN, 3, 4), 0.0));
        rows.set(9, RowFactory.create(Vectors.dense(1, 2, 3, 4), 3.0));
        rows.set(10, RowFactory.create(Vectors.dense(1, 2, 3, 4), 1.5));
        rows.set(11, RowFactory.create(Vectors.dense(1, 2, 3, 4), null));
        Network net = network();
        double[] before = net.parameters();
        assertThatThrownBy(() -> fit(net, TestSpark.frame(rows, 2), SparkTrainer.Strategy.SYNC, config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rows have null features (column 'features')")
                .hasMessageContaining("1 row has a vector of the wrong size (column 'features')")
                .hasMessageContaining("1 row has NaN or infinite features (column 'features')")
                .hasMessageContaining("1 row has a null label (column 'label')")
                .hasMessageContaining("2 rows have a label that is not a class index")
                .hasMessageContaining("The first is row 3 of partition 0");
        assertThat(net.parameters()).containsExactly(before);
    }

    @Test
    void scoringABadRowNamesTheColumn() {
        List<Row> rows = new ArrayList<>(ROWS);
        rows.set(5, RowFactory.create(Vectors.dense(1, 2), 0.0));
        MlpClassificationModel model = MlpClassificationModel.of(io.github.mlp4j.io.Model.of(network()));
        assertThatThrownBy(() -> model.transform(TestSpark.frame(rows, 1)).collectAsList())
                .hasStackTraceContaining("Cannot score column 'features': 1 row in a block of 200")
                .hasStackTraceContaining("row 5 of this partition has a vector of the wrong size");
    }

    @Test
    void aDivergingRunStopsWithTheLastFiniteParameters() {
        Network net = network();
        TrainingConfig wild = config().toBuilder().learningRate(1e308).build();
        assertThatThrownBy(() -> fit(net, TestSpark.frame(ROWS, 2), SparkTrainer.Strategy.SYNC, wild))
                .isInstanceOf(io.github.mlp4j.DivergenceException.class);
        for (double v : net.parameters()) {
            assertThat(v).isFinite();
        }
    }

    /** Fails the first attempt of every task of partition 1 while the data is read. */
    private static Dataset<Row> flaky(Dataset<Row> frame) {
        ExpressionEncoder<Row> encoder = ExpressionEncoder.apply(frame.schema());
        return frame.map((MapFunction<Row, Row>) row -> {
            TaskContext t = TaskContext.get();
            if (t.partitionId() == 1 && t.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure");
            }
            return row;
        }, encoder);
    }

    @Test
    void aRetriedTaskWhileCachingChangesNothing() {
        Dataset<Row> frame = TestSpark.frame(ROWS, 2);
        Network clean = network();
        fit(clean, frame, SparkTrainer.Strategy.SYNC, config());
        Network retried = network();
        fit(retried, flaky(frame), SparkTrainer.Strategy.SYNC, config());
        assertThat(retried.parameters()).containsExactly(clean.parameters());
    }

    /** Plain SGD whose updates fail once in the first attempt of each task of partition 1. */
    static final class FlakySgd implements Optimizer, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "sgd";
        }

        @Override
        public State start(int parameterCount) {
            return wrap(Optimizer.sgd().start(parameterCount));
        }

        @Override
        public State restore(Snapshot snapshot) {
            return wrap(Optimizer.sgd().restore(snapshot));
        }

        private static State wrap(State inner) {
            return new State() {
                private int updates;

                @Override
                public void update(double[] theta, double[] gradient, double learningRate) {
                    TaskContext t = TaskContext.get();
                    if (t != null && t.partitionId() == 1 && t.attemptNumber() == 0 && ++updates == 2) {
                        throw new IllegalStateException("injected failure in the middle of a round");
                    }
                    inner.update(theta, gradient, learningRate);
                }

                @Override
                public long steps() {
                    return inner.steps();
                }

                @Override
                public int parameterCount() {
                    return inner.parameterCount();
                }

                @Override
                public Snapshot snapshot() {
                    return inner.snapshot();
                }
            };
        }
    }

    @Test
    void aTaskRetriedInTheMiddleOfARoundChangesNothing() {
        Dataset<Row> frame = TestSpark.frame(ROWS, 2);
        Network clean = network();
        fit(clean, frame, SparkTrainer.Strategy.AVERAGE, config());
        Network retried = network();
        fit(retried, frame, SparkTrainer.Strategy.AVERAGE, config().toBuilder().optimizer(new FlakySgd()).build());
        assertThat(retried.parameters()).containsExactly(clean.parameters());
        assertThat(retried.parameters()).isNotEqualTo(network().parameters());
    }

    @Test
    void anOptimizerThatCannotTravelIsRefusedForAverage() {
        Optimizer local = new Optimizer() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public State start(int parameterCount) {
                return Optimizer.sgd().start(parameterCount);
            }
        };
        TrainingConfig c = config().toBuilder().optimizer(local).build();
        assertThatThrownBy(() -> SparkTrainer.builder(c).strategy(SparkTrainer.Strategy.AVERAGE, 2))
                .hasMessageContaining("cannot be sent to the executors");
    }
}
