package io.coderunner.server.environments;

import io.coderunner.server.http.Timestamps;

/** seed 004's UserEnvironmentResponse: an environment as its owner (or anyone, when public) sees it. */
record EnvironmentView(long id, long userId, String username, String name, String description, String language,
                       String version, String base, String pythonVersion, boolean isPublic, String createdAt,
                       String updatedAt, String lastUsedAt) {

    static EnvironmentView of(StoredEnvironment e) {
        Ecosystem ecosystem = Ecosystem.ofLanguage(e.language()).orElse(Ecosystem.PYTHON);
        return new EnvironmentView(e.id(), e.userId(), e.owner(), e.name(), e.description(), e.language(), e.version(),
                ecosystem.baseName(e.version()), ecosystem == Ecosystem.PYTHON ? e.version() : null, e.isPublic(),
                Timestamps.iso(e.createdAt()), Timestamps.iso(e.updatedAt()), Timestamps.iso(e.lastUsedAt()));
    }
}
