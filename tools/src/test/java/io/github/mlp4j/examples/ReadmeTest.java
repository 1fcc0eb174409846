package io.github.mlp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mlp4j.Network;
import io.github.mlp4j.csv.CsvReader;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps README.md true to the code. Every fenced Java block is either a complete program, which is
 * compiled by the JDK's {@code javac} against the core and mlp4j-tools and run in a new JVM from a
 * folder laid out like a clone (its {@code // expected output} comments on print lines must appear
 * in what it prints), or a fragment, which must be a run of lines of an example under
 * {@code examples/} or {@code tools/examples/} (the builds compile the examples and the smoke tests
 * run them). Every shell command's example and data file must exist, and the dependency snippets
 * must name the project's version. It lives in mlp4j-tools because it needs both jars; the tests
 * run in the repository's root.
 */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    /** Where the examples live: the core's, run by {@code mvn exec:java}, and mlp4j-tools', run by tools/run.sh. */
    private static final Path CORE_EXAMPLES = Path.of("examples");
    private static final Path TOOLS_EXAMPLES = Path.of("tools", "examples");

    /** A fenced block: its language, the line number of its first line, and its text. */
    record Block(String language, int line, List<String> lines) {
        String text() {
            return String.join("\n", lines) + "\n";
        }

        boolean isProgram() {
            return lines.stream().anyMatch(l -> l.contains("public static void main("));
        }
    }

    static List<Block> blocks(Path markdown) throws IOException {
        List<String> all = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Matcher open = FENCE.matcher(all.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (!all.get(end).startsWith("```")) {
                end++;
            }
            blocks.add(new Block(open.group(1), start + 1, List.copyOf(all.subList(start, end))));
            i = end;
        }
        return blocks;
    }

    @Test
    void theReadmeHasJavaProgramsFragmentsAndCommands() throws IOException {
        List<Block> blocks = blocks(README);
        assertThat(blocks.stream().filter(b -> b.language().equals("java") && b.isProgram())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(blocks.stream().filter(b -> b.language().equals("java") && !b.isProgram())).isNotEmpty();
        assertThat(blocks.stream().filter(b -> b.language().equals("sh"))).isNotEmpty();
    }

    @Test
    void everyJavaFragmentIsARunOfLinesOfAnExample() throws IOException {
        List<List<String>> examples = new ArrayList<>();
        for (Path root : List.of(CORE_EXAMPLES, TOOLS_EXAMPLES)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    examples.add(Files.readAllLines(f, StandardCharsets.UTF_8));
                }
            }
        }
        for (Block block : blocks(README)) {
            if (block.language().equals("java") && !block.isProgram()) {
                assertThat(examples.stream().anyMatch(lines -> contains(lines, block.lines())))
                        .as("README.md line %d: this Java fragment is not a run of lines of any file under examples/"
                                + " or tools/examples/;"
                                + " copy it from the example it shows (such as Tour.java), or change both:%n%s",
                                block.line(), block.text())
                        .isTrue();
            }
        }
    }

    /** Whether {@code file} holds {@code fragment} at some place, every line indented alike. */
    static boolean contains(List<String> file, List<String> fragment) {
        for (int i = 0; i + fragment.size() <= file.size(); i++) {
            String first = file.get(i);
            String indent = first.substring(0, first.length() - first.stripLeading().length());
            boolean match = true;
            for (int j = 0; j < fragment.size() && match; j++) {
                String want = fragment.get(j);
                String have = file.get(i + j);
                match = want.isEmpty() ? have.isBlank() : have.equals(indent + want);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyCompleteJavaProgramCompilesRunsFromACloneAndPrintsWhatItSays(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path clone = Files.createDirectories(dir.resolve("clone"));
        copyData(clone);
        String library = libraryClasses();
        List<Block> programs = blocks(README).stream().filter(b -> b.language().equals("java") && b.isProgram()).toList();
        for (Block program : programs) {
            Matcher name = Pattern.compile("public class (\\w+)").matcher(program.text());
            assertThat(name.find()).as("README.md line %d: a program needs a public class", program.line()).isTrue();
            Path source = Files.createDirectories(dir.resolve("src").resolve(name.group(1)))
                    .resolve(name.group(1) + ".java");
            Files.writeString(source, program.text(), StandardCharsets.UTF_8);
            String compiled = run(dir, "javac", "-Xlint:all", "-Werror", "-cp", library, "-d", classes.toString(),
                    source.toString());
            assertThat(compiled).as("README.md line %d: javac's output for %s", program.line(), name.group(1)).isEmpty();

            String output = run(clone, "java", "-XX:TieredStopAtLevel=1", "-cp", library + File.pathSeparator + classes,
                    name.group(1));
            for (String line : program.lines()) {
                int comment = line.lastIndexOf("// ");
                if (line.contains("System.out.print") && comment > 0) {
                    String expected = line.substring(comment + 3).strip();
                    assertThat(output).as("README.md line %d: %s says it prints \"%s\"", program.line(),
                            name.group(1), expected).contains(expected);
                }
            }
        }
    }

    /** The core's classes and mlp4j-tools', as a class path. */
    private static String libraryClasses() throws URISyntaxException {
        return location(Network.class) + File.pathSeparator + location(CsvReader.class);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void copyData(Path clone) throws IOException {
        Path data = Files.createDirectories(clone.resolve("examples").resolve("data"));
        try (Stream<Path> files = Files.list(Path.of("examples", "data"))) {
            for (Path f : files.toList()) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
    }

    /** Runs a tool of this JDK in {@code workingDirectory}, checks it succeeds and returns its output. */
    private static String run(Path workingDirectory, String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        String main = tool + " " + args[args.length - 1];
        Path log = Files.createTempFile(workingDirectory, tool, ".log");
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("%s did not end within 120 s; it printed:%n%s", main, output).isTrue();
        assertThat(process.exitValue()).as("%s failed; it printed:%n%s", main, output).isZero();
        return output;
    }

    @Test
    void everyShellCommandNamesAnExampleThatExistsAndDataThatShips() throws IOException {
        Pattern mainClass = Pattern.compile("-Dexec\\.mainClass=([\\w.]+)");
        Pattern toolsExample = Pattern.compile("bash tools/run\\.sh (\\w+)");
        Pattern data = Pattern.compile("--data ([^\\s\"]+)");
        int checked = 0;
        for (Block block : blocks(README)) {
            if (!block.language().equals("sh")) {
                continue;
            }
            for (String line : block.lines()) {
                Matcher m = mainClass.matcher(line);
                while (m.find()) {
                    Path source = CORE_EXAMPLES.resolve(m.group(1).replace('.', '/') + ".java");
                    assertThat(source).as("README.md block at line %d runs %s with mvn exec:java, which sees only"
                            + " the core's examples", block.line(), m.group(1)).isRegularFile();
                    checked++;
                }
                Matcher t = toolsExample.matcher(line);
                while (t.find()) {
                    Path source = TOOLS_EXAMPLES.resolve("io/github/mlp4j/examples/" + t.group(1) + ".java");
                    assertThat(source).as("README.md block at line %d runs %s with tools/run.sh", block.line(), t.group(1))
                            .isRegularFile();
                    checked++;
                }
                Matcher d = data.matcher(line);
                while (d.find()) {
                    String path = d.group(1);
                    if (!path.equals(path.toUpperCase(java.util.Locale.ROOT))) {   // DIR or FILE is a placeholder
                        assertThat(Path.of(path)).as("README.md block at line %d reads %s, which a clone must hold",
                                block.line(), path).exists();
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(3);
    }

    @Test
    void theDependencySnippetNamesTheProjectsVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<artifactId>mlp4j</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        List<Block> xml = blocks(README).stream().filter(b -> b.language().equals("xml")).toList();
        assertThat(xml).isNotEmpty();
        for (Block block : xml) {
            assertThat(block.text()).as("README.md line %d", block.line())
                    .contains("<version>" + version.group(1) + "</version>");
        }
        assertThat(xml).anyMatch(b -> b.text().contains("<artifactId>mlp4j</artifactId>"))
                .anyMatch(b -> b.text().contains("<artifactId>mlp4j-tools</artifactId>"));
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(readme).contains("io.github.mlp4j:mlp4j:" + version.group(1))
                .contains("io.github.mlp4j:mlp4j-tools:" + version.group(1));
        if (version.group(1).endsWith("-SNAPSHOT")) {
            assertThat(readme).as("a snapshot must be installed locally first").contains("mvn -B install");
        }
    }
}
