package io.github.mlp4j.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV path that is wrong gets a message naming the path, what is wrong and what to do. */
class CsvFileErrorsTest {
    @TempDir
    Path dir;

    private interface Opener {
        void open(Path file) throws IOException;
    }

    private static final Opener READ = file -> CsvReader.defaults().read(file);
    private static final Opener STREAM = file -> CsvBatchSource.open(file, CsvReader.defaults(), 10).close();

    @Test
    void aMissingFileNamesTheAbsolutePathAndTheWorkingDirectory() {
        for (Opener opener : new Opener[] {READ, STREAM}) {
            Path relative = Path.of("no-such-folder-mlp4j", "iris.csv");
            assertThatThrownBy(() -> opener.open(relative))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageStartingWith(relative + ": no such file: looked for " + relative.toAbsolutePath())
                    .hasMessageContaining("a relative path is resolved against the working directory "
                            + Path.of("").toAbsolutePath())
                    .hasMessageContaining("its folder " + relative.toAbsolutePath().getParent() + " does not exist")
                    .hasMessageEndingWith("Check the path, or pass an absolute one.");
            Path absolute = dir.resolve("absent.csv");
            assertThatThrownBy(() -> opener.open(absolute))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessage(absolute + ": no such file: looked for " + absolute
                            + ". Check the path, or pass an absolute one.");
        }
    }

    @Test
    void aFolderIsNotTakenForAFile() {
        for (Opener opener : new Opener[] {READ, STREAM}) {
            assertThatThrownBy(() -> opener.open(dir))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessage(dir + ": is a folder, not a file; pass the path of the CSV file inside it.");
        }
    }

    @Test
    void anUnreadableFileSaysToCheckItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("locked.csv"), "a,label\n1,0\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions on this file system");
        }
        Assumptions.assumeFalse(Files.isReadable(file), "Skipped: this user (root?) reads files without permission");
        for (Opener opener : new Opener[] {READ, STREAM}) {
            assertThatThrownBy(() -> opener.open(file))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageStartingWith(file + ": exists but this process may not read it; check its permissions");
        }
    }

    @Test
    void aGoodFileStillReads() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.csv"), "a,label\n1,0\n2,1\n", StandardCharsets.UTF_8);
        assertThat(CsvReader.defaults().read(file).size()).isEqualTo(2);
    }
}
