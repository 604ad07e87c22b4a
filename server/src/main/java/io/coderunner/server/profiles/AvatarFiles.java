package io.coderunner.server.profiles;

import io.coderunner.engine.files.HostileTree;
import io.coderunner.server.persistence.OwnerOnly;
import io.coderunner.server.system.CodeRunnerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Avatar files in {@code <data dir>/avatars}, named by 128 random bits and the format's extension.
 * A name from a request is used only when it has exactly that form, so no name can lead outside the
 * directory; and the file must be a regular file there, not a link to one elsewhere.
 */
@Component
class AvatarFiles {

    static final String URL_PREFIX = "/api/avatars/";
    static final Pattern NAME = Pattern.compile("[a-f0-9]{32}\\.(png|webp)");

    private static final Logger log = LoggerFactory.getLogger(AvatarFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    AvatarFiles(CodeRunnerSettings settings) {
        this.directory = settings.dataDir().resolve("avatars").toAbsolutePath().normalize();
    }

    static String url(String name) {
        return name == null ? null : URL_PREFIX + name;
    }

    /** Stores the image under a new name, which it returns. */
    String save(AvatarImage image) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String name = HexFormat.of().formatHex(random) + "." + image.extension();
        try {
            OwnerOnly.folder(directory);
            Files.write(OwnerOnly.file(directory.resolve(name)), image.bytes(), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an avatar in " + directory, e);
        }
        return name;
    }

    /** The stored file of that name, if the name is one this class makes and the file is there. */
    Optional<Path> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name).normalize();
        if (!directory.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** Deletes the file; a failure is logged, not raised: the profile no longer names it either way. */
    void delete(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(name));
        } catch (IOException e) {
            log.warn("Could not delete the avatar file {}: {}", name, e.toString());
        }
    }

    /** The names of the stored avatar files (only names of the form this class makes). */
    List<String> names() {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            return HostileTree.children(directory, List.of()).stream().map(HostileTree.Child::name)
                    .filter(name -> NAME.matcher(name).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the file (itself, were it a link), raising what stops it. */
    void remove(String name) throws IOException {
        if (NAME.matcher(name).matches()) {
            HostileTree.delete(directory, List.of(name));
        }
    }

    static String contentType(Path file) {
        return file.getFileName().toString().endsWith(".webp") ? "image/webp" : "image/png";
    }
}
