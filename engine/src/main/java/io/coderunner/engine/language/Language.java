package io.coderunner.engine.language;

import java.util.List;
import java.util.Map;

/**
 * A language the host can run, as read from the language data file and probed on this host.
 *
 * @param compile command of the compile stage, empty for interpreted languages
 * @param run     command of the run stage, empty for preview languages
 * @param mounts  what the sandbox sees of the host, already resolved to existing paths
 */
public record Language(
        String id,
        String name,
        String version,
        List<String> aliases,
        List<String> extensions,
        String mainFile,
        List<String> compile,
        List<String> run,
        Map<String, String> env,
        List<Mount> mounts,
        String template,
        boolean preview) {

    public Language {
        aliases = List.copyOf(aliases);
        extensions = List.copyOf(extensions);
        compile = List.copyOf(compile);
        run = List.copyOf(run);
        env = Map.copyOf(env);
        mounts = List.copyOf(mounts);
    }

    public boolean compiled() {
        return !compile.isEmpty();
    }
}
