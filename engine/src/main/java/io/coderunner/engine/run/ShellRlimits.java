package io.coderunner.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit of /bin/sh's {@code ulimit -f} differs between shells (dash: 512 bytes, bash: 1024).
 * Rather than guess, ask the shell once: set 8 blocks and read the limit back from /proc.
 */
final class ShellRlimits {

    private ShellRlimits() {
    }

    static int fileSizeBlockBytes() {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", "ulimit -f 8; cat /proc/self/limits")
                    .redirectErrorStream(true).start();
            String limits = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(5, TimeUnit.SECONDS);
            Matcher matcher = Pattern.compile("Max file size\\s+(\\d+)").matcher(limits);
            if (matcher.find()) {
                return (int) (Long.parseLong(matcher.group(1)) / 8);
            }
        } catch (IOException e) {
            // fall through to the POSIX unit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 512;
    }
}
