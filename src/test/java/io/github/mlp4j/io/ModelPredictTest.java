package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.data.StandardScaler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One raw row through a model: the class index and its name agree with the batch call. */
class ModelPredictTest {

    @Test
    void predictClassOfOneRowScalesFirstAndAgreesWithTheBatchCallAndTheName() {
        double[][] raw = {{100, 1}, {300, 2}, {500, 3}, {700, 4}};
        Network net = Network.builder().input(2).dense(3, Activation.softmax()).loss(Loss.crossEntropy())
                .seed(3).build();
        StandardScaler scaler = StandardScaler.fit(raw);
        Model model = Model.of(net).withScaling(Scaling.from(scaler)).withClassNames(List.of("a", "b", "c"));
        int[] batch = model.predictClass(raw);
        for (int i = 0; i < raw.length; i++) {
            int c = model.predictClass(raw[i]);
            assertThat(c).isEqualTo(batch[i]).isEqualTo(net.predictClass(scaler.transform(raw[i])));
            assertThat(model.predictClassName(raw[i])).isEqualTo(List.of("a", "b", "c").get(c));
        }
    }
}
