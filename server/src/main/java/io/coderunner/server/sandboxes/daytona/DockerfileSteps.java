package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What of a Dockerfile a snapshot can be built from here: its {@code FROM} names the language
 * base (an image of Python or Node.js), its {@code RUN} lines are the setup commands, {@code
 * WORKDIR} and {@code ENV} become commands too. Anything else needs an image builder this server
 * does not have, and is refused naming the instruction.
 */
record DockerfileSteps(String base, List<String> commands) {

    static DockerfileSteps parse(String dockerfile) {
        if (dockerfile == null || dockerfile.isBlank()) {
            throw new BadRequestException("buildInfo.dockerfileContent is empty");
        }
        String base = null;
        List<String> commands = new ArrayList<>();
        // Lines continued with a trailing backslash are one instruction.
        String joined = dockerfile.replace("\\\r\n", " ").replace("\\\n", " ");
        for (String raw : joined.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String instruction = parts[0].toUpperCase(Locale.ROOT);
            String rest = parts.length > 1 ? parts[1].strip() : "";
            switch (instruction) {
                case "FROM" -> base = baseOf(rest.split("\\s+")[0]);
                case "RUN" -> commands.add(rest);
                case "WORKDIR" -> commands.add("mkdir -p " + quote(rest));
                case "ENV" -> commands.add("echo " + quote("export " + rest) + " >> ~/.profile");
                case "CMD", "ENTRYPOINT", "LABEL", "EXPOSE", "USER", "ARG", "SHELL" -> {
                    // They describe how a container starts; a sandbox starts its own way.
                }
                default -> throw new BadRequestException("dockerfile: " + instruction
                        + " is not supported (snapshots are built from FROM and RUN lines here)");
            }
        }
        if (base == null) {
            throw new BadRequestException("dockerfile: a FROM line naming a Python or Node.js image is required");
        }
        return new DockerfileSteps(base, List.copyOf(commands));
    }

    /** The language base an image name stands for: python…, node…, or a Debian image (Python). */
    static String baseOf(String imageName) {
        String name = imageName.toLowerCase(Locale.ROOT);
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (last.startsWith("python") || last.startsWith("debian") || last.startsWith("ubuntu")) {
            return "python";
        }
        if (last.startsWith("node")) {
            return "javascript";
        }
        if (last.startsWith("typescript")) {
            return "typescript";
        }
        throw new BadRequestException("imageName " + imageName + ": images are not pulled here; name a python or node image "
                + "for a snapshot of that language's base");
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
