package io.coderunner.server.terminals;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.workspaces.BeneathRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files a session is created with (seed 003's form field files[]): each gets a plain, sanitised
 * name (the last part of what the browser sent, only letters, digits, '.', '_', '-' and spaces,
 * never '.' or '..' or hidden), and together they fit the tier's upload size.
 */
final class SessionUploads {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._ -]");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final SessionUploads NONE = new SessionUploads(List.of());

    private final List<MultipartFile> files;

    SessionUploads(List<MultipartFile> files) {
        this.files = files == null ? List.of() : files.stream().filter(f -> f != null && !f.isEmpty()).toList();
    }

    void requireWithin(long maxBytes) {
        long total = files.stream().mapToLong(MultipartFile::getSize).sum();
        if (total > maxBytes) {
            throw new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONTENT_TOO_LARGE, "the uploaded files hold " + total + " bytes; your tier allows "
                            + maxBytes + " bytes per session"), null);
        }
    }

    /** Writes the files into the directory; returns their names. */
    List<String> saveInto(Path dir) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MultipartFile file : files) {
            String name = sanitise(file.getOriginalFilename());
            if (!seen.add(name)) {
                throw new BadRequestException("two uploaded files are both named '" + name + "'");
            }
            // Written without following links: a project's files may hold links a program made.
            try (InputStream in = file.getInputStream()) {
                BeneathRoot.write(dir, name, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            names.add(name);
        }
        return names;
    }

    static String sanitise(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = UNSAFE.matcher(name).replaceAll("_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            throw new BadRequestException("every uploaded file needs a name of letters, digits, '.', '_' or '-'");
        }
        return name.length() > 128 ? name.substring(name.length() - 128) : name;
    }

    static String json(List<String> names) {
        return JSON.writeValueAsString(names);
    }

    static List<String> names(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
