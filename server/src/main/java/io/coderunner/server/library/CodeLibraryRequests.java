package io.coderunner.server.library;

import java.util.ArrayList;
import java.util.List;

/** Request bodies of the code-library endpoints, in the seeds' field names. */
final class CodeLibraryRequests {

    private CodeLibraryRequests() {
    }

    /**
     * POST /code-library.
     *
     * @param language      an id or alias the server offers; left out, python
     * @param isPublic      left out, false
     * @param environmentId the environment it is meant to run in (stored as given)
     */
    record Create(String title, String description, String code, String language, List<String> tags, Boolean isPublic,
                  Long environmentId) {
    }

    /**
     * PUT /code-library/{id}: only the fields present are changed. A field sent as null takes its
     * default, as on creation (no description, no environment, no tags, python, private); title and
     * code have none, so null is refused for them. Setters record which fields were present, which
     * a record cannot tell from null.
     */
    static final class Update {
        private Present<String> title;
        private Present<String> description;
        private Present<String> code;
        private Present<String> language;
        private Present<List<String>> tags;
        private Present<Boolean> isPublic;
        private Present<Long> environmentId;

        public void setTitle(String title) {
            this.title = new Present<>(title);
        }

        public void setDescription(String description) {
            this.description = new Present<>(description);
        }

        public void setCode(String code) {
            this.code = new Present<>(code);
        }

        public void setLanguage(String language) {
            this.language = new Present<>(language);
        }

        public void setTags(List<String> tags) {
            this.tags = new Present<>(tags);
        }

        public void setIsPublic(Boolean isPublic) {
            this.isPublic = new Present<>(isPublic);
        }

        public void setEnvironmentId(Long environmentId) {
            this.environmentId = new Present<>(environmentId);
        }

        /** The names of the fields present, for the log. */
        List<String> given() {
            List<String> names = new ArrayList<>();
            String[] fields = {"title", "description", "code", "language", "tags", "is_public", "environment_id"};
            Present<?>[] values = {title, description, code, language, tags, isPublic, environmentId};
            for (int i = 0; i < fields.length; i++) {
                if (values[i] != null) {
                    names.add(fields[i]);
                }
            }
            return names;
        }

        Present<String> title() {
            return title;
        }

        Present<String> description() {
            return description;
        }

        Present<String> code() {
            return code;
        }

        Present<String> language() {
            return language;
        }

        Present<List<String>> tags() {
            return tags;
        }

        Present<Boolean> isPublic() {
            return isPublic;
        }

        Present<Long> environmentId() {
            return environmentId;
        }
    }

    /** A field that was in the request body, possibly as null; a field left out is a null {@code Present}. */
    record Present<T>(T value) {
    }

    /**
     * POST /code-library/save: the entry to copy, as code_id or code_library_id.
     *
     * @param title the copy's title; left out, the original's
     */
    record Save(Long codeId, Long codeLibraryId, String title) {
    }
}
