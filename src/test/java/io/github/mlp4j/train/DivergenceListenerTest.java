package io.github.mlp4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mlp4j.Activation;
import io.github.mlp4j.DivergenceException;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import io.github.mlp4j.optim.Lbfgs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener that throws in onDivergence does not replace the DivergenceException. */
class DivergenceListenerTest {
    private final IllegalStateException broken = new IllegalStateException("the listener broke");
    private final List<String> heard = new ArrayList<>();
    /** Throws {@link #broken} when it hears of a divergence. */
    private final TrainingListener throwing = new TrainingListener() {
        @Override
        public void onDivergence(DivergenceException exception) {
            throw broken;
        }
    };
    /** Notes each divergence in {@link #heard}. */
    private final TrainingListener recording = new TrainingListener() {
        @Override
        public void onDivergence(DivergenceException exception) {
            heard.add("divergence in epoch " + exception.epoch());
        }
    };

    @Test
    void aThrowingListenerIsSuppressedAndTheOthersStillHear() {
        Rng rng = new Rng(4);
        double[][] x = new double[64][3];
        double[][] y = new double[64][1];
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextDouble(0, 1000);                           // unscaled inputs: it diverges
            }
            y[i][0] = rng.nextDouble(0, 1000);
        }
        Network net = Network.builder().input(3).dense(4, Activation.identity()).dense(1, Activation.identity())
                .loss(Loss.mse()).seed(2).build();
        TrainingConfig config = TrainingConfig.builder().epochs(50).batchSize(8).learningRate(1.0).build();
        assertThatThrownBy(() -> new Trainer(config).withListener(throwing).withListener(recording).fit(net, x, y))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("Training diverged")
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(broken));
        assertThat(heard).hasSize(1);
    }

    @Test
    void lbfgsTellsTheListenersAlikeWhenTheStartIsNotFinite() {
        Network net = Network.builder().input(1).dense(1, Activation.identity()).loss(Loss.mse()).seed(1).build();
        net.setParameters(new double[] {1e200, 0.0});                       // C = (1e200·1 − 0)² = ∞
        TrainingConfig config = TrainingConfig.builder().optimizer(Lbfgs.defaults()).epochs(5).build();
        double[][] x = {{1.0}};
        double[][] y = {{0.0}};
        assertThatThrownBy(() -> new Trainer(config).withListener(throwing).withListener(recording).fit(net, x, y))
                .isInstanceOf(DivergenceException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(broken));
        assertThat(heard).containsExactly("divergence in epoch 1");
        assertThat(net.parameters()).containsExactly(1e200, 0.0);
    }
}
