package io.github.mlp4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-encoded protobuf fields, byte by byte (see the wire format in {@link ProtoWriter}). */
class ProtoWriterTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void varintsUseSevenBitsPerByteLowGroupFirst() {
        // key of field 1, wire type 0: (1 << 3) | 0 = 0x08
        assertThat(new ProtoWriter().varint(1, 0).toByteArray()).isEqualTo(bytes(0x08, 0x00));
        assertThat(new ProtoWriter().varint(1, 127).toByteArray()).isEqualTo(bytes(0x08, 0x7F));
        // 128 = 0b1_0000000: low group 0000000 with the continuation bit (0x80), then 1
        assertThat(new ProtoWriter().varint(1, 128).toByteArray()).isEqualTo(bytes(0x08, 0x80, 0x01));
        // 300 = 0b10_0101100: 0101100 | 0x80 = 0xAC, then 0b10 = 0x02
        assertThat(new ProtoWriter().varint(1, 300).toByteArray()).isEqualTo(bytes(0x08, 0xAC, 0x02));
    }

    @Test
    void negativeInt64IsTenBytesOfTwosComplement() {
        // -1 is 64 one-bits: nine bytes of 7 ones with the continuation bit (0xFF), then the last bit (0x01)
        assertThat(new ProtoWriter().varint(3, -1).toByteArray()).isEqualTo(
                bytes(0x18, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    @Test
    void largeFieldNumbersGetMultiByteKeys() {
        // field 20, wire type 0: (20 << 3) | 0 = 160 = 0b1_0100000: 0xA0, 0x01
        assertThat(new ProtoWriter().varint(20, 2).toByteArray()).isEqualTo(bytes(0xA0, 0x01, 0x02));
    }

    @Test
    void stringsAndMessagesAreLengthDelimited() {
        // field 2, wire type 2: (2 << 3) | 2 = 0x12; length 2; 'h' = 0x68, 'i' = 0x69
        assertThat(new ProtoWriter().string(2, "hi").toByteArray()).isEqualTo(bytes(0x12, 0x02, 0x68, 0x69));
        // UTF-8: 'δ' is two bytes, CE B4
        assertThat(new ProtoWriter().string(1, "δ").toByteArray()).isEqualTo(bytes(0x0A, 0x02, 0xCE, 0xB4));
        // field 7 holding {field 1 = 150}: inner bytes 08 96 01, outer key (7 << 3) | 2 = 0x3A, length 3
        ProtoWriter inner = new ProtoWriter().varint(1, 150);
        assertThat(new ProtoWriter().message(7, inner).toByteArray())
                .isEqualTo(bytes(0x3A, 0x03, 0x08, 0x96, 0x01));
        assertThat(new ProtoWriter().bytes(9, new byte[0]).toByteArray()).isEqualTo(bytes(0x4A, 0x00));
    }

    @Test
    void floatsAreFourLittleEndianBytes() {
        // field 2, wire type 5: (2 << 3) | 5 = 0x15; 1.0f = 0x3F800000, written low byte first
        assertThat(new ProtoWriter().float32(2, 1.0f).toByteArray()).isEqualTo(bytes(0x15, 0x00, 0x00, 0x80, 0x3F));
        // 0.01f = 0x3C23D70A
        assertThat(new ProtoWriter().float32(2, 0.01f).toByteArray()).isEqualTo(bytes(0x15, 0x0A, 0xD7, 0x23, 0x3C));
    }

    @Test
    void fieldsFollowTheOrderOfTheCalls() {
        assertThat(new ProtoWriter().varint(2, 1).varint(1, 1).toByteArray()).isEqualTo(bytes(0x10, 0x01, 0x08, 0x01));
    }
}
