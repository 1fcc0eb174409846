package io.github.mlp4j.csv;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks a file before it is opened for reading, so that a wrong path gets a message that names
 * the file, says what is wrong with it and what to do, instead of the JDK's bare path.
 */
final class InputFiles {
    private InputFiles() {
    }

    /**
     * Throws unless {@code file} is a regular file this process can read.
     *
     * @param file the path as the caller gave it
     * @throws NoSuchFileException if nothing exists at the path; the message gives the absolute
     *     path looked at and the working directory a relative path is resolved against
     * @throws FileSystemException if the path is a folder
     * @throws AccessDeniedException if the file exists but cannot be read
     */
    static void requireReadable(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path absolute = file.toAbsolutePath().normalize();
            Path folder = absolute.getParent();
            String where = file.isAbsolute() ? ""
                    : " (a relative path is resolved against the working directory "
                    + Path.of("").toAbsolutePath() + ")";
            String noFolder = folder != null && !Files.isDirectory(folder) ? "; its folder " + folder
                    + " does not exist either" : "";
            throw new NoSuchFileException(file.toString(), null, "no such file: looked for " + absolute + where
                    + noFolder + ". Check the path, or pass an absolute one.");
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null,
                    "is a folder, not a file; pass the path of the CSV file inside it.");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null,
                    "exists but this process may not read it; check its permissions (ls -l) and owner.");
        }
    }
}
