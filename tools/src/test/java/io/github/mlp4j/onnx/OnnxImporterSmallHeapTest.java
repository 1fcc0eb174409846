package io.github.mlp4j.onnx;

import static io.github.mlp4j.onnx.GraphBuilder.FLOAT;
import static io.github.mlp4j.onnx.GraphBuilder.INT64;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports models whose shapes and lengths claim gigabytes in a child JVM with a 32 MB heap: each
 * must import or be refused with an {@link OnnxImportException}, never end in an
 * {@link OutOfMemoryError} or another exception.
 */
class OnnxImporterSmallHeapTest {
    @TempDir
    Path dir;

    @Test
    void claimedGigabytesNeverExhaustA32MegabyteHeap() throws Exception {
        List<String> files = new ArrayList<>();
        long[] huge = {1 << 14, 1 << 14};                                   // 2²⁸ values: 2 GB as doubles
        // typed float_data with two values for a (16384 × 16384) matrix
        files.add(write("typed-floats", withWeights(1 << 14, GraphBuilder.tensor("W", FLOAT, huge).float32(4, 1f).float32(4, 2f))));
        // raw data of 8 bytes for the same matrix
        files.add(write("raw-floats", withWeights(1 << 14, GraphBuilder.tensor("W", FLOAT, huge).bytes(9, new byte[8]))));
        // dimensions whose product overflows a long: 4 × 2⁶² = 2⁶⁴ ≡ 0
        files.add(write("overflowing-dims", withWeights(4, GraphBuilder.tensor("W", FLOAT, new long[] {4, 1L << 62}))));
        // a Reshape shape of 2²⁸ int64 values, one given
        files.add(write("reshape-shape", new GraphBuilder().input("x", FLOAT, "N", 2L).output("y", FLOAT, "N", 2L)
                .initializer(GraphBuilder.tensor("shape", INT64, new long[] {1 << 28}).varint(7, -1))
                .floats("W", new long[] {2, 2}, 1, 2, 3, 4)
                .node("Reshape", "r", new String[] {"x", "shape"}, new String[] {"xr"})
                .node("MatMul", "mm", new String[] {"xr", "W"}, new String[] {"y"}).build()));
        // 2²⁸ class labels, one given, in the label branch
        files.add(write("class-labels", new GraphBuilder().input("x", FLOAT, "N", 2L).output("label", INT64, "N")
                .initializer(GraphBuilder.tensor("classes", 8, new long[] {1 << 28}).string(6, "a"))
                .floats("W", new long[] {2, 2}, 1, 2, 3, 4)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"z"})
                .node("Softmax", "sm", new String[] {"z"}, new String[] {"p"})
                .node("ArgMax", "am", new String[] {"p"}, new String[] {"i"})
                .node("ai.onnx.ml", "ArrayFeatureExtractor", "afe", new String[] {"classes", "i"},
                        new String[] {"label"}).build()));
        // as many empty nodes as the cap allows, and more
        files.add(write("many-nodes", manyNodes(OnnxGraph.MAX_ITEMS - 10)));
        files.add(write("too-many-nodes", manyNodes(OnnxGraph.MAX_ITEMS + 10)));
        // a graph that claims 2³¹ − 1 bytes
        files.add(write("graph-length", new byte[] {0x3A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}));

        Process child = fork(files);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).doesNotContain("threw").contains("checked " + 3 * files.size());
        assertThat(output).as(output).contains("class-labels.onnx (0) imported");   // its labels are skipped
        assertThat(output).as(output).contains("typed-floats.onnx (0) refused").contains("raw-floats.onnx (2) refused")
                .contains("overflowing-dims.onnx (1) refused").contains("reshape-shape.onnx (0) refused")
                .contains("many-nodes.onnx (0) refused: The graph has 0 inputs")
                .contains("too-many-nodes.onnx (1) refused: The model declares more than 50000 nodes");
        assertThat(child.exitValue()).as(output).isZero();
    }

    /** Returns a model whose graph holds {@code count} empty nodes. */
    private static byte[] manyNodes(int count) {
        ProtoWriter graph = new ProtoWriter();
        for (int i = 0; i < count; i++) {
            graph.bytes(1, new byte[0]);
        }
        return new ProtoWriter().message(7, graph).message(8, new ProtoWriter().varint(2, 13)).toByteArray();
    }

    private static byte[] withWeights(long inputs, ProtoWriter weights) {
        return new GraphBuilder().input("x", FLOAT, "N", inputs).output("y", FLOAT, "N", 2L)
                .initializer(weights)
                .node("MatMul", "mm", new String[] {"x", "W"}, new String[] {"y"}).build();
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, bytes);
        return file.toString();
    }

    private static Process fork(List<String> files) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");                                // quicker start for a short run
        command.add("-Xmx32m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Importer.class.getName());
        command.addAll(files);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The child: imports each file from its path, from a stream and from its bytes. */
    public static final class Importer {
        private Importer() {
        }

        public static void main(String[] args) throws IOException {
            int checked = 0;
            boolean clean = true;
            for (String name : args) {
                Path file = Path.of(name);
                byte[] bytes = Files.readAllBytes(file);
                for (int how = 0; how < 3; how++) {
                    String outcome;
                    try (InputStream in = new ByteArrayInputStream(bytes)) {
                        if (how == 0) {
                            OnnxImporter.readModel(file);
                        } else if (how == 1) {
                            OnnxImporter.readModel(in);
                        } else {
                            OnnxImporter.fromBytes(bytes, null);
                        }
                        outcome = "imported";
                    } catch (OnnxImportException e) {
                        outcome = "refused: " + e.getMessage();
                    } catch (Throwable t) {
                        outcome = "threw " + t;
                        clean = false;
                    }
                    checked++;
                    System.out.println(file.getFileName() + " (" + how + ") " + outcome);
                }
            }
            System.out.println("checked " + checked);
            System.exit(clean ? 0 : 1);
        }
    }
}
