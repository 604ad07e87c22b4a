package io.coderunner.server.library;

import io.coderunner.engine.language.Language;
import io.coderunner.engine.language.LanguageRegistry;
import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.Tier;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Users' changes to their library: saving, editing, deleting and copying entries, each logged.
 * Another user's private entry is answered as not found, so ids do not tell which entries exist;
 * another user's public entry may be read and copied, but not changed.
 */
@Service
class CodeLibraryService {

    static final String DEFAULT_LANGUAGE = "python";
    private static final String RESOURCE = "code_library";

    private final CodeLibraryRepository entries;
    private final CodeLibrary library;
    private final LanguageRegistry languages;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CodeLibraryService(CodeLibraryRepository entries, CodeLibrary library, LanguageRegistry languages, Accounts accounts,
                       ApplicationEventPublisher events, Clock clock) {
        this.entries = entries;
        this.library = library;
        this.languages = languages;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    CodeEntry create(Caller caller, CodeLibraryRequests.Create request) {
        if (request == null) {
            throw new BadRequestException("request body is required");
        }
        CodeLibraryRepository.Fields fields = new CodeLibraryRepository.Fields(CodeFields.title(request.title()),
                CodeFields.description(request.description()), CodeFields.code(request.code()), language(request.language()),
                Tags.normalize(request.tags()), Boolean.TRUE.equals(request.isPublic()), request.environmentId());
        return insert(caller, fields, "create_code", "");
    }

    CodeEntry update(Caller caller, long id, CodeLibraryRequests.Update request) {
        if (request == null) {
            throw new BadRequestException("request body is required");
        }
        CodeEntry entry = owned(caller, id, "change");
        CodeLibraryRepository.Fields fields = new CodeLibraryRepository.Fields(
                request.title() == null ? entry.title() : CodeFields.title(request.title().value()),
                request.description() == null ? entry.description() : CodeFields.description(request.description().value()),
                request.code() == null ? entry.code() : CodeFields.code(request.code().value()),
                request.language() == null ? entry.language() : language(request.language().value()),
                request.tags() == null ? entry.tags() : Tags.normalize(request.tags().value()),
                request.isPublic() == null ? entry.isPublic() : Boolean.TRUE.equals(request.isPublic().value()),
                request.environmentId() == null ? entry.environmentId() : request.environmentId().value());
        // Later than the last change even within the same millisecond, so that clients see that it changed.
        long now = Math.max(clock.millis(), entry.updatedAt() + 1);
        if (!entries.update(id, caller.userId(), fields, now)) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "update_code", RESOURCE, id,
                "title=" + fields.title() + " changed=" + String.join(",", request.given())));
        return entries.findById(id).orElseThrow(() -> notFound(id));
    }

    CodeEntry delete(Caller caller, long id) {
        CodeEntry entry = owned(caller, id, "delete");
        if (!entries.delete(id, caller.userId())) {
            throw notFound(id);
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "delete_code", RESOURCE, id,
                "title=" + entry.title()));
        return entry;
    }

    /** A private copy of an entry the caller may read, counted against their tier's limit like any entry. */
    CodeEntry saveCopy(Caller caller, CodeLibraryRequests.Save request) {
        long sourceId = sourceId(request);
        CodeEntry source = library.findReadable(caller, sourceId).orElseThrow(() -> notFound(sourceId));
        String title = request.title() == null ? source.title() : CodeFields.title(request.title());
        CodeLibraryRepository.Fields fields = new CodeLibraryRepository.Fields(title, source.description(), source.code(),
                source.language(), source.tags(), false, null);
        return insert(caller, fields, "save_shared_code", " from=" + sourceId + " owner=" + source.userId());
    }

    /** What to list; a language is matched by its id, so an alias finds the entries saved under it. */
    CodeSearch search(String search, String language, String tag, String sort, String order) {
        String languageId = language == null ? null : languages.find(language).map(Language::id).orElse(language);
        return new CodeSearch(search, languageId, tag, CodeSearch.Sort.of(sort), CodeSearch.ascending(order));
    }

    private CodeEntry insert(Caller caller, CodeLibraryRepository.Fields fields, String action, String details) {
        Tier tier = accounts.tierOf(caller);
        long now = clock.millis();
        Long id = entries.insertWithin(tier.maxSavedCodes(), caller.userId(), fields, now).orElse(null);
        if (id == null) {
            String limit = "the " + tier.name() + " tier allows at most " + tier.maxSavedCodes() + " saved codes";
            events.publishEvent(AuditEvent.failure(caller.userId(), caller.username(), action, RESOURCE, null,
                    limit + " (title=" + fields.title() + ")" + details));
            throw new ForbiddenException(limit + ": delete one of yours, or ask for a higher tier");
        }
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), action, RESOURCE, id,
                "title=" + fields.title() + " language=" + fields.language() + " public=" + fields.isPublic() + details));
        return new CodeEntry(id, caller.userId(), fields.title(), fields.description(), fields.code(), fields.language(),
                fields.isPublic(), fields.tags(), fields.environmentId(), now, now);
    }

    /** The caller's own entry; another's is not found when private, and refused when public (it can be seen). */
    private CodeEntry owned(Caller caller, long id, String verb) {
        CodeEntry entry = library.findReadable(caller, id).orElseThrow(() -> notFound(id));
        if (!entry.ownedBy(caller.userId())) {
            throw new ForbiddenException("code " + id + " belongs to another user: only its owner may " + verb + " it");
        }
        return entry;
    }

    /** The language's id as the server knows it, for an id or an alias; null means the default. */
    private String language(String value) {
        String name = value == null || value.isBlank() ? DEFAULT_LANGUAGE : value;
        return languages.find(name).map(Language::id).orElseThrow(() -> new BadRequestException("unknown language '" + name
                + "'; this server offers: " + languages.all().stream().map(Language::id).sorted()
                .collect(Collectors.joining(", "))));
    }

    private static long sourceId(CodeLibraryRequests.Save request) {
        if (request == null || (request.codeId() == null && request.codeLibraryId() == null)) {
            throw new BadRequestException("code_id is required: the id of the code to save");
        }
        if (request.codeId() != null && request.codeLibraryId() != null && !request.codeId().equals(request.codeLibraryId())) {
            throw new BadRequestException("code_id and code_library_id name different codes; give one of them");
        }
        return request.codeId() != null ? request.codeId() : request.codeLibraryId();
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("code " + id + " not found");
    }
}
