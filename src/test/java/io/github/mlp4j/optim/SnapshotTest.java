package io.github.mlp4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    static final List<Optimizer> OPTIMIZERS = List.of(
            Optimizer.sgd(), Optimizer.momentum(0.9), Optimizer.nesterov(0.8), Optimizer.rmsProp(),
            Optimizer.adam(), Optimizer.adamW(0.05));

    @Test
    void restoringASnapshotContinuesBitForBit() {
        double[][] gradients = OptimizerFixtures.gradients(6, 5);
        for (Optimizer optimizer : OPTIMIZERS) {
            double[] theta = OptimizerFixtures.theta(5);
            Optimizer.State state = optimizer.start(5);
            for (int t = 0; t < 3; t++) {
                state.update(theta, gradients[t], 0.05);
            }
            Optimizer.Snapshot snapshot = state.snapshot();
            double[] resumedTheta = theta.clone();
            for (int t = 3; t < 6; t++) {
                state.update(theta, gradients[t], 0.05);
            }
            Optimizer.State resumed = optimizer.restore(snapshot);
            assertThat(resumed.steps()).isEqualTo(3);
            assertThat(resumed.parameterCount()).isEqualTo(5);
            for (int t = 3; t < 6; t++) {
                resumed.update(resumedTheta, gradients[t], 0.05);
            }
            assertThat(resumedTheta).as(optimizer.name()).containsExactly(theta);
            assertThat(resumed.snapshot()).as(optimizer.name()).isEqualTo(state.snapshot());
        }
    }

    @Test
    void aSnapshotIsACopy() {
        Optimizer.State state = Optimizer.momentum(0.5).start(2);
        double[] theta = {0.0, 0.0};
        state.update(theta, new double[] {1.0, -2.0}, 0.1);
        Optimizer.Snapshot snapshot = state.snapshot();
        // v = g after one step from zero velocity
        assertThat(snapshot.buffers()).isDeepEqualTo(new double[][] {{1.0, -2.0}});
        state.update(theta, new double[] {1.0, 1.0}, 0.1);
        assertThat(snapshot.buffers()).as("later updates do not leak in").isDeepEqualTo(new double[][] {{1.0, -2.0}});
        snapshot.buffers()[0][0] = 99;
        assertThat(snapshot.buffers()[0][0]).as("the accessor returns a copy").isEqualTo(1.0);
        assertThat(snapshot.optimizerName()).isEqualTo("momentum");
        assertThat(snapshot.steps()).isEqualTo(1);
        assertThat(snapshot.bufferCount()).isEqualTo(1);
        assertThat(snapshot.toString()).contains("momentum", "steps=1", "buffers=1");
        assertThat(Optimizer.adam().start(3).snapshot().bufferCount()).isEqualTo(2);
        assertThat(Optimizer.sgd().start(3).snapshot().bufferCount()).isZero();
    }

    @Test
    void rejectsSnapshotsFromAnotherOptimizer() {
        Optimizer.Snapshot fromAdam = Optimizer.adam().start(2).snapshot();
        assertThatThrownBy(() -> Optimizer.adamW(0.01).restore(fromAdam))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taken from a \"adam\" optimizer but this is \"adamw\"");
        Optimizer.Snapshot forged = new Optimizer.Snapshot("adam", 2, 4, new double[][] {{0, 0}});
        assertThatThrownBy(() -> Optimizer.adam().restore(forged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 1 buffers but \"adam\" keeps 2");
        assertThatThrownBy(() -> Optimizer.sgd().restore(null))
                .isInstanceOf(NullPointerException.class).hasMessage("snapshot");
    }

    @Test
    void snapshotsCheckTheirParts() {
        assertThatThrownBy(() -> new Optimizer.Snapshot("adam", 2, 0, new double[][] {{0, 0}, {0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffers[1] has 1 values but parameterCount is 2");
        assertThatThrownBy(() -> new Optimizer.Snapshot("adam", 2, -1, new double[0][]))
                .hasMessageContaining("steps must be at least 0, but was -1");
        assertThatThrownBy(() -> new Optimizer.Snapshot("adam", 0, 0, new double[0][]))
                .hasMessageContaining("parameterCount must be at least 1, but was 0");
    }

    @Test
    void customOptimizersNeedNotSupportSnapshots() {
        Optimizer halfStep = new Optimizer() {
            @Override
            public String name() {
                return "half";
            }

            @Override
            public State start(int parameterCount) {
                return new State() {
                    @Override
                    public void update(double[] theta, double[] gradient, double learningRate) {
                        theta[0] -= 0.5 * learningRate * gradient[0];
                    }

                    @Override
                    public long steps() {
                        return 0;
                    }

                    @Override
                    public int parameterCount() {
                        return parameterCount;
                    }
                };
            }
        };
        assertThatThrownBy(() -> halfStep.start(1).snapshot())
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not support snapshots");
        Optimizer.Snapshot snapshot = Optimizer.sgd().start(1).snapshot();
        assertThatThrownBy(() -> halfStep.restore(snapshot))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
