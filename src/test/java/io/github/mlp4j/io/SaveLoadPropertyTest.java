package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Activation;
import io.github.mlp4j.Loss;
import io.github.mlp4j.Network;
import io.github.mlp4j.internal.Rng;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The library never writes a file it refuses to load: models with random text (lone surrogates,
 * controls, non-ASCII), random scalings and random parameters either fail to save with an
 * {@link IllegalArgumentException}, or save to bytes that load back into the same bytes.
 */
class SaveLoadPropertyTest {

    @Property(tries = 500, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void everyModelThatSavesLoadsBackExactly(@ForAll("texts") String a, @ForAll("texts") String b,
            @ForAll("texts") String c, @ForAll long seed) throws Exception {
        Rng rng = new Rng(seed);
        Network net = Network.builder().input(2).dense(3, Activation.tanh()).dense(2, Activation.softmax())
                .loss(Loss.crossEntropy()).build();
        double[] theta = new double[net.parameterCount()];
        for (int p = 0; p < theta.length; p++) {
            theta[p] = rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(600) - 300);
        }
        net.setParameters(theta);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(a, c);
        Model model = Model.of(net).withClassNames(List.of(a, b))
                .withProvenance(new Provenance(c, Instant.ofEpochSecond(seed >> 20, 7), seed, settings));
        if (rng.nextInt(2) == 0) {
            model = model.withScaling(Scaling.standard(new double[] {theta[0], theta[1]}, new double[] {1e-300, 1e300}));
        } else {
            model = model.withScaling(Scaling.minMax(new double[] {-1e300, 0}, new double[] {1e300, 0}, -1e300, 1e300));
        }
        byte[] bytes;
        try {
            bytes = ModelWriter.toBytes(model);
        } catch (IllegalArgumentException refused) {
            assertThat(List.of(a, b, c)).as(refused.getMessage()).anyMatch(s -> hasUnpairedSurrogate(s));
            assertThat(refused.getMessage()).contains("holds an unpaired surrogate");
            return;
        }
        assertThat(ModelWriter.toBytes(ModelReader.fromBytes(bytes))).isEqualTo(bytes);
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMaxLength(3),
                Arbitraries.strings().ascii().ofMaxLength(8));
    }
}
