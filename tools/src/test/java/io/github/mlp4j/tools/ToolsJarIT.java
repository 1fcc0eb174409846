package io.github.mlp4j.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged mlp4j-tools jar (run by Failsafe after {@code package}, with its path in the
 * system property {@code mlp4j.tools.jar} and the core jar's in {@code mlp4j.jar}): it is a named
 * module that exports its three packages and needs nothing but the core, it keeps full debug
 * information, and it works beside the core jar alone on the module path and on the class path.
 */
class ToolsJarIT {
    private static final String MODULE = "io.github.mlp4j.tools";
    private static final String CORE = "io.github.mlp4j";
    private static final List<String> PACKAGES = List.of(CORE + ".csv", CORE + ".metrics", CORE + ".onnx");

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assertThat(path).as("system property %s (set by the failsafe configuration in tools/pom.xml)", property)
                .isNotNull();
        Path jar = Path.of(path);
        assertThat(jar).isRegularFile();
        return jar;
    }

    private static Path tools() {
        return jar("mlp4j.tools.jar");
    }

    private static Path core() {
        return jar("mlp4j.jar");
    }

    @Test
    void isANamedModuleThatExportsItsPackagesAndRequiresOnlyTheCore() {
        ModuleDescriptor module = ModuleFinder.of(tools()).find(MODULE).orElseThrow().descriptor();
        assertThat(module.isAutomatic()).isFalse();
        assertThat(module.packages()).containsExactlyInAnyOrderElementsOf(PACKAGES);
        assertThat(module.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrderElementsOf(PACKAGES);
        assertThat(module.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", CORE);
        assertThat(module.requires()).filteredOn(r -> r.name().equals(CORE)).singleElement()
                .satisfies(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }

    @Test
    void holdsOnlyItsOwnClassesWithFullDebugInformation() throws Exception {
        try (JarFile file = new JarFile(tools().toFile())) {
            List<String> names = file.stream().map(e -> e.getName()).collect(Collectors.toList());
            assertThat(names).contains("module-info.class", "META-INF/LICENSE", "io/github/mlp4j/onnx/OnnxExporter.class",
                    "io/github/mlp4j/csv/CsvReader.class", "io/github/mlp4j/metrics/Accuracy.class");
            assertThat(names).allMatch(n -> n.startsWith("META-INF/") || n.equals("module-info.class")
                    || PACKAGES.stream().anyMatch(p -> n.startsWith(p.replace('.', '/') + "/"))
                    || "io/github/mlp4j/".startsWith(n));                  // or a parent directory
            assertThat(names).noneMatch(n -> n.contains("/examples/") || n.endsWith("Test.class"));
            assertThat(file.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(System.getProperty("mlp4j.version"));
            for (String name : List.of("io/github/mlp4j/onnx/OnnxExporter.class", "io/github/mlp4j/csv/CsvReader.class")) {
                String text = new String(file.getInputStream(file.getEntry(name)).readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(text).as("the attributes of javac -g in %s", name)
                        .contains("LineNumberTable", "LocalVariableTable", "SourceFile");
            }
        }
        assertThat(Files.size(tools())).as("size of %s in bytes", tools()).isLessThan(160L * 1024);
    }

    @Test
    void importsAndExportsOnnxFromTheModulePathWithTheCoreJarAlone() throws Exception {
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(tools(), core()), ModuleFinder.of(), Set.of(MODULE));
        assertThat(configuration.modules()).extracting(m -> m.name()).containsExactlyInAnyOrder(MODULE, CORE);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> network = loader.loadClass(CORE + ".Network");
        assertThat(network.getModule().getName()).isEqualTo(CORE);
        assertThat(loader.loadClass(CORE + ".onnx.OnnxExporter").getModule().getName()).isEqualTo(MODULE);

        Object net = loader.loadClass(CORE + ".onnx.OnnxImporter").getMethod("read", Path.class)
                .invoke(null, onnxFixture());
        double[] row = new double[(int) network.getMethod("inputSize").invoke(net)];
        double[] probabilities = (double[]) network.getMethod("predict", double[].class).invoke(net, (Object) row);
        assertThat(probabilities).hasSize(3);
        Class<?> exporter = loader.loadClass(CORE + ".onnx.OnnxExporter");
        Object defaults = exporter.getMethod("defaults").invoke(null);
        byte[] model = (byte[]) exporter.getMethod("toByteArray", network).invoke(defaults, net);
        String text = new String(model, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("mlp4j").contains(System.getProperty("mlp4j.version"));   // producer_version
    }

    @Test
    void readsCsvAndScoresOnTheClassPathWithTheCoreJarAlone() throws Exception {
        try (URLClassLoader plain = new URLClassLoader(new URL[] {tools().toUri().toURL(), core().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> reader = plain.loadClass(CORE + ".csv.CsvReader");
            assertThat(reader.getModule().isNamed()).isFalse();
            Object defaults = reader.getMethod("defaults").invoke(null);
            Object iris = reader.getMethod("read", Path.class).invoke(defaults, Path.of("examples", "data", "iris.csv"));
            int[] labels = (int[]) iris.getClass().getMethod("labels").invoke(iris);
            assertThat(labels).hasSize(150);
            Object accuracy = plain.loadClass(CORE + ".metrics.Accuracy").getMethod("of", int[].class, int[].class)
                    .invoke(null, labels, labels);
            assertThat(accuracy).isEqualTo(1.0);
        }
    }

    /** The PyTorch model of the import tests: 6 inputs, 3 softmax outputs. */
    private static Path onnxFixture() throws Exception {
        return Path.of(ToolsJarIT.class.getResource("/io/github/mlp4j/onnx/pytorch_mlp.onnx").toURI());
    }
}
