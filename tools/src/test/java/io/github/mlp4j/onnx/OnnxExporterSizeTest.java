package io.github.mlp4j.onnx;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Export sizes are computed in 64 bits, and a model over the protobuf limit is refused clearly. */
class OnnxExporterSizeTest {

    @Test
    void aLayerOf16384By16384IsRefusedInDoubleAndFitsInFloat() {
        long parameters = 16384L * 16384 + 16384;                            // 2 GiB as doubles: "capacity < 0" before
        assertThatThrownBy(() -> OnnxExporter.checkSize(parameters, 1, OnnxExporter.Precision.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The network's 268451840 parameters take 2147619840 bytes as DOUBLE tensors, but an ONNX"
                        + " model file (one protobuf message) holds at most 2147483647 bytes; export"
                        + " withPrecision(Precision.FLOAT) (1073812480 bytes), or a smaller network, or save it with"
                        + " ModelWriter, whose files hold up to 2 GiB of parameters.");
        assertThatCode(() -> OnnxExporter.checkSize(parameters, 1, OnnxExporter.Precision.FLOAT)).doesNotThrowAnyException();
    }

    @Test
    void beyondTheLimitEvenInFloatOnlyASmallerNetworkIsSuggested() {
        assertThatThrownBy(() -> OnnxExporter.checkSize(Integer.MAX_VALUE, 3, OnnxExporter.Precision.FLOAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("take 8589941756 bytes as FLOAT tensors")
                .hasMessageContaining("bytes; export a smaller network");
        assertThatCode(() -> OnnxExporter.checkSize(1000, 3, OnnxExporter.Precision.DOUBLE)).doesNotThrowAnyException();
    }
}
