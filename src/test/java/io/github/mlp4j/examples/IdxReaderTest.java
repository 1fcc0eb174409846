package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    /** Three 2×3 images; pixel bytes chosen so that p/255 is easy: 0 → 0, 51 → 0.2, 255 → 1. */
    private static final int[][] PIXELS = {
        {0, 51, 102, 153, 204, 255},
        {255, 255, 0, 0, 51, 51},
        {1, 2, 3, 4, 5, 6},
    };
    private static final int[] LABELS = {7, 0, 9};

    @TempDir
    Path dir;

    private static byte[] imagesFile(int magic, int declaredCount, int[][] pixels, int rows, int columns)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(declaredCount);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int[] image : pixels) {
            for (int p : image) {
                out.writeByte(p);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] labelsFile(int magic, int declaredCount, int[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(declaredCount);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path goodImages(String name) throws IOException {
        return write(name, imagesFile(0x803, 3, PIXELS, 2, 3));
    }

    private Path goodLabels(String name) throws IOException {
        return write(name, labelsFile(0x801, 3, LABELS));
    }

    private static void assertThreeImages(IdxReader.LabelledImages set) {
        assertThat(set.count()).isEqualTo(3);
        assertThat(set.rows()).isEqualTo(2);
        assertThat(set.columns()).isEqualTo(3);
        assertThat(set.labels()).containsExactly(7, 0, 9);
        // image 0: bytes 0, 51, 102, 153, 204, 255 → 0, 0.2, 0.4, 0.6, 0.8, 1
        double[] expected = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
        for (int j = 0; j < 6; j++) {
            assertThat(set.pixels()[0][j]).isCloseTo(expected[j], within(1e-15));
        }
        // image 1, pixel (r=0, c=1) sits at index 0·3 + 1 = 1: byte 255 → 1
        assertThat(set.pixels()[1][1]).isEqualTo(1.0);
        // image 2, pixel (r=1, c=2) at index 1·3 + 2 = 5: byte 6 → 6/255
        assertThat(set.pixels()[2][5]).isCloseTo(6 / 255.0, within(1e-15));
    }

    @Test
    void readsPlainFiles() throws IOException {
        assertThreeImages(IdxReader.read(goodImages("i"), goodLabels("l"), Integer.MAX_VALUE));
    }

    @Test
    void readsGzippedFilesByNameAndByMagicBytes() throws IOException {
        Path images = write("images.gz", gzip(imagesFile(0x803, 3, PIXELS, 2, 3)));
        Path labels = write("labels-without-suffix", gzip(labelsFile(0x801, 3, LABELS)));
        assertThreeImages(IdxReader.read(images, labels, Integer.MAX_VALUE));
    }

    @Test
    void readsOnlyTheFirstLimitEntries() throws IOException {
        IdxReader.LabelledImages set = IdxReader.read(goodImages("i"), goodLabels("l"), 2);
        assertThat(set.count()).isEqualTo(2);
        assertThat(set.labels()).containsExactly(7, 0);
        assertThat(set.pixels()[1][0]).isEqualTo(1.0);   // byte 255
        assertThat(IdxReader.readImages(dir.resolve("i"), 0).count()).isZero();
    }

    @Test
    void findsTheStandardNamesInADirectory() throws IOException {
        write("train-images-idx3-ubyte.gz", gzip(imagesFile(0x803, 3, PIXELS, 2, 3)));
        goodLabels("train-labels-idx1-ubyte");
        goodImages("t10k-images.idx3-ubyte");
        write("t10k-labels.idx1-ubyte.gz", gzip(labelsFile(0x801, 3, LABELS)));
        assertThreeImages(IdxReader.readTraining(dir, Integer.MAX_VALUE));
        assertThreeImages(IdxReader.readTest(dir, Integer.MAX_VALUE));
    }

    @Test
    void namesTheFilesItLookedForWhenOneIsMissing() throws IOException {
        goodImages("train-images-idx3-ubyte");
        assertThatThrownBy(() -> IdxReader.readTraining(dir, 10))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("train-labels-idx1-ubyte, train-labels-idx1-ubyte.gz")
                .hasMessageContaining("Download the four MNIST files");
    }

    @Test
    void rejectsAWrongMagicNumberWithAHint() throws IOException {
        Path labels = goodLabels("labels");
        assertThatThrownBy(() -> IdxReader.readImages(labels, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("starts with magic number 0x00000801 but an IDX image file starts with 0x00000803")
                .hasMessageContaining("looks like a label file");
        Path text = write("notes.txt", "hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> IdxReader.readLabels(text, 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("0x68656c6c")             // "hell" in ASCII
                .hasMessageContaining("not an MNIST IDX file");
    }

    @Test
    void reportsATruncatedImageFile() throws IOException {
        byte[] whole = imagesFile(0x803, 3, PIXELS, 2, 3);
        // header 16 bytes + 2 whole images (12 bytes) + 3 bytes of the third
        Path cut = write("cut", Arrays.copyOf(whole, 16 + 12 + 3));
        assertThatThrownBy(() -> IdxReader.readImages(cut, Integer.MAX_VALUE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ends after 2 complete images but its header declares 3")
                .hasMessageContaining("truncated");
        Path cutGzip = write("cut.gz", gzip(Arrays.copyOf(whole, 16 + 12 + 3)));
        assertThatThrownBy(() -> IdxReader.readImages(cutGzip, Integer.MAX_VALUE))
                .hasMessageContaining("ends after 2 complete images");
        // reading only the complete images works
        assertThat(IdxReader.readImages(cut, 2).count()).isEqualTo(2);
    }

    @Test
    void reportsATruncatedLabelFileAndHeader() throws IOException {
        Path labels = write("labels", Arrays.copyOf(labelsFile(0x801, 3, LABELS), 8 + 2));
        assertThatThrownBy(() -> IdxReader.readLabels(labels, Integer.MAX_VALUE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ends after 2 complete labels but its header declares 3");
        Path header = write("header", new byte[] {0, 0, 8, 3, 0});
        assertThatThrownBy(() -> IdxReader.readImages(header, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ends inside its header");
    }

    @Test
    void rejectsImageAndLabelFilesWithDifferentCounts() throws IOException {
        Path images = goodImages("train-images");
        Path labels = write("t10k-labels", labelsFile(0x801, 2, new int[] {1, 2}));
        assertThatThrownBy(() -> IdxReader.read(images, labels, Integer.MAX_VALUE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("train-images holds 3 images but t10k-labels holds 2 labels")
                .hasMessageContaining("do not belong together");
    }

    @Test
    void rejectsAnImpossibleHeaderAndABadGzipFile() throws IOException {
        Path huge = write("huge", imagesFile(0x803, 1, new int[0][], 0, 28));
        assertThatThrownBy(() -> IdxReader.readImages(huge, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("declares images of 0×28 pixels");
        Path fake = write("fake.gz", labelsFile(0x801, 3, LABELS));
        assertThatThrownBy(() -> IdxReader.readLabels(fake, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a valid gzip file");
    }

    @Test
    void rejectsANegativeLimit() throws IOException {
        Path images = goodImages("i");
        assertThatThrownBy(() -> IdxReader.readImages(images, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be at least 0, but was -1");
    }
}
