package io.coderunner.engine.language;

import java.util.List;

/** The shape of languages.json. */
record LanguageFile(String comment, List<String> baseMounts, List<LanguageDefinition> languages) {
}
