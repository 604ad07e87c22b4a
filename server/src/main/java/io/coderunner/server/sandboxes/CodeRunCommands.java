package io.coderunner.server.sandboxes;

import io.coderunner.engine.ProcessSpec;
import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The languages a sandbox is made for, and how code in each is run in it. */
final class CodeRunCommands {

    static final Set<String> LANGUAGES = Set.of("python", "javascript", "typescript");

    /**
     * TypeScript is compiled by the distribution's tsc (Debian's node-typescript) into a folder of
     * its own under /tmp, then run by Node.js, as a transpile-only runner does: type errors are
     * reported on stderr and do not keep the code from running (tsc writes the JavaScript all the
     * same); only code it cannot write out fails. The code comes on standard input, so no file
     * name or quoting of it reaches the shell.
     */
    private static final String TYPESCRIPT = """
            command -v tsc >/dev/null || { echo "TypeScript needs tsc in the sandbox (Debian's node-typescript)" >&2; exit 127; }
            dir=$(mktemp -d /tmp/code-run.XXXXXX) && cat > "$dir/main.ts" || exit 1
            tsc --target es2022 --module commonjs --skipLibCheck --pretty false --outDir "$dir" "$dir/main.ts" >&2
            if [ -f "$dir/main.js" ]; then node "$dir/main.js" "$@"; status=$?; else status=1; fi
            rm -rf "$dir"; exit $status""";

    private CodeRunCommands() {
    }

    static String language(String requested, String fallback) {
        String language = requested == null || requested.isBlank() ? fallback : requested.strip().toLowerCase(java.util.Locale.ROOT);
        if (language.equals("py") || language.equals("python3")) {
            return "python";
        }
        if (language.equals("js") || language.equals("node")) {
            return "javascript";
        }
        if (language.equals("ts")) {
            return "typescript";
        }
        if (!LANGUAGES.contains(language)) {
            throw new BadRequestException("language must be one of python, javascript, typescript; was " + requested);
        }
        return language;
    }

    /** The process that runs {@code code}, and what it reads on standard input. */
    record Prepared(ProcessSpec spec, byte[] stdin) {
    }

    static Prepared prepare(String language, String code, List<String> argv, Map<String, String> env, String cwd) {
        List<String> args = argv == null ? List.of() : argv;
        List<String> command = new ArrayList<>();
        byte[] stdin = new byte[0];
        switch (language) {
            case "python" -> command.addAll(List.of("python3", "-c", code));
            case "javascript" -> command.addAll(List.of("node", "-e", code));
            case "typescript" -> {
                command.addAll(List.of("/usr/bin/bash", "-c", TYPESCRIPT, "code-run"));
                stdin = code.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            default -> throw new BadRequestException("cannot run code in " + language);
        }
        command.addAll(args);
        return new Prepared(new ProcessSpec(command, cwd, env, null), stdin);
    }
}
