package io.github.mlp4j.io;

import io.github.mlp4j.NetworkBuilder;
import io.github.mlp4j.Network;
import java.io.IOException;

/**
 * Reads the body of format version 1 ({@code docs/model-format.md}, "Version 1"): a network of
 * dense layers, then the scaling, class names and provenance of {@link Sections}, with nothing
 * after. This library no longer writes version 1, but reads it for as long as version-1 files exist.
 */
final class FormatV1 {
    private FormatV1() {
    }

    static Model read(Decoder d) throws IOException {
        return Sections.readRest(d, Model.of(readNetwork(d)));
    }

    private static Network readNetwork(Decoder d) throws IOException {
        long start = d.position();
        long seed = d.int64("network.seed");
        int inputSize = Sections.readSize(d, "network.inputSize");
        // each layer takes at least 12 bytes: outputSize, the activation's name length, its parameter count
        int layerCount = d.count("network.layerCount", 1, 12);
        NetworkBuilder builder = Network.builder().input(inputSize).seed(seed);
        long parameters = 0;
        int width = inputSize;
        for (int l = 0; l < layerCount; l++) {
            String field = "network.layers[" + l + "]";
            long unitsAt = d.position();
            int units = Sections.readSize(d, field + ".outputSize");
            parameters += (long) width * units + units;                      // W (width × units), then b
            Sections.checkParameterRoom(d, parameters, field, unitsAt);
            builder.dense(units, Sections.readActivation(d, field + ".activation"));
            width = units;
        }
        return Sections.finishNetwork(d, builder, parameters, start);        // loss, θ, build
    }
}
