package io.coderunner.server.environments;

import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.http.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The base environments: each Python and Node.js toolchain the engine found on the host, with its version. */
@Component
class BaseEnvironments {

    private final LanguageRegistry languages;

    BaseEnvironments(LanguageRegistry languages) {
        this.languages = languages;
    }

    record Base(String name, String language, String version, String displayName, Ecosystem ecosystem, Language toolchain) {
    }

    List<Base> all() {
        List<Base> bases = new ArrayList<>();
        for (Ecosystem ecosystem : Ecosystem.values()) {
            languages.find(ecosystem.languageId()).filter(l -> ecosystem != Ecosystem.NODE || Ecosystem.npmCli().isPresent())
                    .ifPresent(language -> bases.add(new Base(ecosystem.baseName(language.version()), ecosystem.languageId(),
                            language.version(), ecosystem.displayName() + " " + language.version(), ecosystem, language)));
        }
        return bases;
    }

    /** The toolchain an environment of this language and version was made from, if the host still has it. */
    Optional<Base> find(String language, String version) {
        return all().stream().filter(b -> b.language().equals(language) && b.version().equals(version)).findFirst();
    }

    /**
     * The base a new environment asks for: by {@code base} name (python-3.11.2), or by language
     * (python, node, ...) with an optional version (3.11 matches 3.11.2), or by seed 004's
     * python_version; Python when nothing is said.
     */
    Base choose(String base, String language, String version, String pythonVersion) {
        List<Base> all = all();
        if (base != null && !base.isBlank()) {
            return all.stream().filter(b -> b.name().equals(base.strip())).findFirst().orElseThrow(() -> new BadRequestException(
                    "base " + base + " is not offered; this server offers " + names(all)));
        }
        String wantedVersion = version != null && !version.isBlank() ? version.strip() : pythonVersion;
        String languageId;
        if (language == null || language.isBlank()) {
            languageId = Ecosystem.PYTHON.languageId();
        } else {
            languageId = languages.find(language.strip()).map(Language::id).orElseThrow(() -> new BadRequestException(
                    "language " + language + " has no environments; this server offers " + names(all)));
        }
        List<Base> ofLanguage = all.stream().filter(b -> b.language().equals(languageId)).toList();
        if (ofLanguage.isEmpty()) {
            throw new BadRequestException("environments are for Python and Node.js; this server offers " + names(all));
        }
        if (wantedVersion == null || wantedVersion.isBlank()) {
            return ofLanguage.get(0);
        }
        return ofLanguage.stream()
                .filter(b -> b.version().equals(wantedVersion.strip()) || b.version().startsWith(wantedVersion.strip() + "."))
                .findFirst().orElseThrow(() -> new BadRequestException("version " + wantedVersion + " of " + languageId
                        + " is not offered; this server offers " + names(all)));
    }

    private static String names(List<Base> all) {
        return all.isEmpty() ? "none" : String.join(", ", all.stream().map(Base::name).toList());
    }
}
