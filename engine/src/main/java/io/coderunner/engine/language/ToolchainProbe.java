package io.coderunner.engine.language;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a toolchain on the host for its version; no answer means the language is not offered. */
final class ToolchainProbe {

    private ToolchainProbe() {
    }

    static Optional<String> version(LanguageDefinition.Probe probe) {
        if (probe == null) {
            return Optional.of("");
        }
        if (!Files.isExecutable(Path.of(probe.command().get(0)))) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(probe.command())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher matcher = Pattern.compile(probe.pattern()).matcher(new String(out, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
