package io.coderunner.engine.language;

import java.util.List;
import java.util.Map;

/** One entry of languages.json, before it is probed on the host. */
record LanguageDefinition(
        String id,
        String name,
        List<String> aliases,
        List<String> extensions,
        String main,
        Probe probe,
        List<String> mounts,
        Map<String, String> env,
        List<String> compile,
        List<String> run,
        String template,
        Boolean preview) {

    record Probe(List<String> command, String pattern) {
    }

    LanguageDefinition {
        aliases = aliases == null ? List.of() : aliases;
        mounts = mounts == null ? List.of() : mounts;
        env = env == null ? Map.of() : env;
        compile = compile == null ? List.of() : compile;
        run = run == null ? List.of() : run;
        preview = preview != null && preview;
    }
}
