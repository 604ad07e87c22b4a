package io.coderunner.engine.language;

import io.coderunner.engine.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands the placeholders of a language's command. Each argument stays one argument: no shell
 * ever sees user-supplied text, so file names and arguments cannot inject commands.
 */
public final class CommandTemplate {

    private CommandTemplate() {
    }

    public static List<String> expand(List<String> template, Language language, List<SourceFile> files,
                                      List<String> args, long memoryBytes) {
        SourceFile main = files.get(0);
        List<String> command = new ArrayList<>();
        for (String part : template) {
            switch (part) {
                case "{args}" -> command.addAll(args);
                case "{sources}" -> files.stream()
                        .filter(f -> language.extensions().contains(f.extension()))
                        .map(SourceFile::name)
                        .forEach(command::add);
                default -> command.add(part
                        .replace("{main}", main.name())
                        .replace("{mainBase}", main.baseName())
                        .replace("{memoryBytes}", Long.toString(memoryBytes)));
            }
        }
        return command;
    }
}
