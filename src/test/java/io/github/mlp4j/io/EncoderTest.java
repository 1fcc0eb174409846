package io.github.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The encoder's growth near the array limit, and its refusals. */
class EncoderTest {

    @Test
    void growthDoublesAndNearTheLimitJumpsToTheLimitOnce() {
        assertThat(Encoder.grownCapacity(256, 256, 4)).isEqualTo(512);
        assertThat(Encoder.grownCapacity(256, 200, 1000)).isEqualTo(1200);      // more than doubling gives
        int gib = 1 << 30;
        // a buffer of just over 1 GiB cannot double: it grows to the limit, not by the 4 bytes asked for,
        // so the writes after it do not each copy the whole buffer (the cause of saves that never ended)
        assertThat(Encoder.grownCapacity(gib + 1000, gib + 1000, 4)).isEqualTo(Encoder.MAX_ARRAY);
        assertThat(Encoder.grownCapacity(Encoder.MAX_ARRAY - 100, Encoder.MAX_ARRAY - 100, 100))
                .isEqualTo(Encoder.MAX_ARRAY);
        assertThatThrownBy(() -> Encoder.grownCapacity(Encoder.MAX_ARRAY, Encoder.MAX_ARRAY - 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one model file holds at most 2147483603; save a smaller network.");
    }

    @Test
    void aSequenceOfSmallWritesCopiesTheBufferOnlyLogarithmicallyOften() {
        Encoder e = new Encoder(0);
        int copies = 0;
        byte[] last = e.buffer();
        for (int i = 0; i < 1 << 20; i++) {
            e.int32(i);
            if (e.buffer() != last) {
                copies++;
                last = e.buffer();
            }
        }
        assertThat(e.size()).isEqualTo(4 << 20);
        assertThat(copies).isEqualTo(14);                                    // 256 B → 4 MiB, doubling
    }

    @Test
    void unpairedSurrogatesAndNonFiniteValuesAreRefusedWithTheField() {
        Encoder e = new Encoder(0);
        e.string("ok \uD83D\uDE00", "classNames[0]");                        // a pair is fine
        assertThatThrownBy(() -> e.string("ok\uD83D", "classNames[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classNames[1] \"ok\uD83D\" holds an unpaired surrogate U+D83D at index 2, which UTF-8"
                        + " cannot encode, so a model file cannot hold it; remove it or complete the pair.");
        assertThatThrownBy(() -> e.string("\uDE00x", "f")).hasMessageContaining("U+DE00 at index 0");
        assertThatThrownBy(() -> e.finites(new double[] {1, Double.NaN}, "scaling.mean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scaling.mean[1] is NaN, but a model file holds only finite values");
    }
}
