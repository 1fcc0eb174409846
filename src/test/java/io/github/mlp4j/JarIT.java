package io.github.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged jar (run by Failsafe after {@code package}, with the jar's path in the system
 * property {@code mlp4j.jar}): it is a named module that exports every package but
 * {@code internal} (which only mlp4j-tools may read) and requires only {@code java.base}, it keeps
 * full debug information, it trains and predicts when loaded from the module path and from the
 * class path, and it stays under 256 KiB.
 */
class JarIT {

    private static final String MODULE = "io.github.mlp4j";
    private static final String TOOLS = "io.github.mlp4j.tools";
    /** The project's rule: the core jar stays under 256 KiB, with full debug information. */
    private static final long BUDGET = 256L * 1024;

    private static Path jar() {
        String path = System.getProperty("mlp4j.jar");
        assertThat(path).as("system property mlp4j.jar (set by the failsafe configuration in pom.xml)").isNotNull();
        Path jar = Path.of(path);
        assertThat(jar).isRegularFile();
        return jar;
    }

    private static ModuleDescriptor descriptor() {
        ModuleReference reference = ModuleFinder.of(jar()).find(MODULE).orElseThrow();
        return reference.descriptor();
    }

    @Test
    void isANamedModuleThatExportsEveryPackageButInternal() {
        ModuleDescriptor module = descriptor();
        assertThat(module.isAutomatic()).isFalse();
        Set<String> exported = module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(module.packages());
        expected.remove(MODULE + ".internal");
        assertThat(module.packages()).contains(MODULE + ".internal", MODULE + ".data")
                .doesNotContain(MODULE + ".onnx", MODULE + ".metrics", MODULE + ".csv");   // in mlp4j-tools
        assertThat(exported).isEqualTo(expected);
        assertThat(module.exports()).filteredOn(ModuleDescriptor.Exports::isQualified)
                .extracting(e -> e.source() + " to " + e.targets())
                .containsExactly(MODULE + ".internal to [" + TOOLS + "]");
        assertThat(module.requires()).extracting(ModuleDescriptor.Requires::name).containsExactly("java.base");
    }

    @Test
    void keepsTheDebugInformationOfLinesLocalVariablesAndSources() throws Exception {
        try (JarFile file = new JarFile(jar().toFile())) {
            for (String name : List.of("io/github/mlp4j/Engine.class", "io/github/mlp4j/train/Trainer.class")) {
                byte[] bytes = file.getInputStream(file.getEntry(name)).readAllBytes();
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                assertThat(text).as("the attributes of javac -g in %s", name)
                        .contains("LineNumberTable", "LocalVariableTable", "SourceFile");
            }
        }
    }

    @Test
    void holdsOnlyTheLibraryAndIsSmall() throws Exception {
        try (JarFile file = new JarFile(jar().toFile())) {
            List<String> names = file.stream().map(e -> e.getName()).collect(Collectors.toList());
            assertThat(names).contains("module-info.class", "META-INF/LICENSE", "io/github/mlp4j/Network.class");
            assertThat(names).noneMatch(n -> n.startsWith("io/github/mlp4j/onnx/") || n.startsWith("io/github/mlp4j/csv/")
                    || n.startsWith("io/github/mlp4j/metrics/"));
            assertThat(names).allMatch(n -> n.startsWith("META-INF/") || n.equals("module-info.class")
                    || n.startsWith("io/github/mlp4j/") || "io/github/".startsWith(n));   // or a parent directory
            assertThat(names).noneMatch(n -> n.contains("/examples/") || n.endsWith("Test.class"));
            assertThat(file.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(System.getProperty("mlp4j.version"));
        }
        // The budget, with full debug information (lines, local variables, sources) and no runtime
        // dependency; ONNX, CSV and the metrics live in mlp4j-tools. See docs/performance.md, "Jar size".
        assertThat(Files.size(jar())).as("size of %s in bytes; the core jar must stay under 256 KiB", jar())
                .isLessThan(BUDGET);
    }

    @Test
    void trainsAndPredictsOnTheModulePathAndTheClassPathAlike() throws Exception {
        ModuleFinder finder = ModuleFinder.of(jar());
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        ModuleLayer layer = ModuleLayer.boot()
                .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        ClassLoader modular = layer.findLoader(MODULE);
        Class<?> network = modular.loadClass(MODULE + ".Network");
        Module module = network.getModule();
        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo(MODULE);
        assertThat(module.getLayer()).isSameAs(layer);
        assertThat(module.isExported(MODULE + ".train")).isTrue();
        assertThat(module.isExported(MODULE + ".internal")).isFalse();
        double[][] onModulePath = trainXor(modular);

        try (URLClassLoader plain = new URLClassLoader(new URL[] {jar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> unnamed = plain.loadClass(MODULE + ".Network");
            assertThat(unnamed.getModule().isNamed()).isFalse();
            assertThat(unnamed).isNotSameAs(network);
            double[][] onClassPath = trainXor(plain);
            assertThat(onClassPath).isEqualTo(onModulePath);             // same seed, same bits
        }
        for (int i = 0; i < 4; i++) {
            boolean one = i == 1 || i == 2;                                  // XOR of (0,0) (0,1) (1,0) (1,1)
            assertThat(onModulePath[i][0]).as("row %d", i).isBetween(one ? 0.9 : 0.0, one ? 1.0 : 0.1);
        }
    }

    /** Builds the README's XOR network through reflection, from classes of the given loader. */
    private static Object xorNetwork(ClassLoader loader) throws Exception {
        Class<?> network = loader.loadClass(MODULE + ".Network");
        Class<?> activation = loader.loadClass(MODULE + ".Activation");
        Class<?> loss = loader.loadClass(MODULE + ".Loss");
        Object builder = network.getMethod("builder").invoke(null);
        Class<?> b = builder.getClass();
        builder = b.getMethod("input", int.class).invoke(builder, 2);
        Method dense = b.getMethod("dense", int.class, activation);
        builder = dense.invoke(builder, 4, activation.getMethod("tanh").invoke(null));
        builder = dense.invoke(builder, 1, activation.getMethod("sigmoid").invoke(null));
        builder = b.getMethod("loss", loss).invoke(builder, loss.getMethod("binaryCrossEntropy").invoke(null));
        builder = b.getMethod("seed", long.class).invoke(builder, 1L);
        return b.getMethod("build").invoke(builder);
    }

    /** Trains the README's XOR network and returns its four predictions. */
    private static double[][] trainXor(ClassLoader loader) throws Exception {
        Object net = xorNetwork(loader);
        Class<?> network = net.getClass();
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        network.getMethod("fit", double[][].class, double[][].class, int.class, int.class, double.class)
                .invoke(net, x, y, 2000, 4, 0.5);
        return (double[][]) network.getMethod("predict", double[][].class).invoke(net, (Object) x);
    }
}
