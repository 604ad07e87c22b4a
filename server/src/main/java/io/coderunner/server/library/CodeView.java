package io.coderunner.server.library;

import io.coderunner.server.http.Timestamps;
import java.util.List;

/** seed 004's CodeLibraryResponse. */
record CodeView(long id, long userId, String title, String description, String code, String language, boolean isPublic,
                List<String> tags, Long environmentId, String createdAt, String updatedAt) {

    static CodeView of(CodeEntry entry) {
        return new CodeView(entry.id(), entry.userId(), entry.title(), entry.description(), entry.code(), entry.language(),
                entry.isPublic(), entry.tags(), entry.environmentId(), Timestamps.iso(entry.createdAt()),
                Timestamps.iso(entry.updatedAt()));
    }
}
