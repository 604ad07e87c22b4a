package io.coderunner.server.library;

import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.OpenToVisitors;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 004's 代码库管理: signed-in users' saved code. Programs read it through /api/v1/codes with a
 * key; a key cannot change it.
 */
@RestController
@Tag(name = "Code library")
class CodeLibraryController {

    private final CodeLibrary library;
    private final CodeLibraryService service;

    CodeLibraryController(CodeLibrary library, CodeLibraryService service) {
        this.library = library;
        this.service = service;
    }

    /** seed 004's CodeLibrarySaveResponse. */
    record Saved(String message, long codeId, CodeView code) {
    }

    @PostMapping("/code-library")
    @SignedInUser
    @Operation(summary = "Save code to the caller's library",
            description = "title (1-200 characters) and code (at most 1 MB) are required; language defaults to python "
                    + "and must be one the server offers; tags: at most 20, each at most 32 characters; is_public "
                    + "defaults to false. A user may save as many entries as their tier's max_saved_codes.")
    CodeView create(@AuthenticationPrincipal Caller caller, @RequestBody CodeLibraryRequests.Create request) {
        return CodeView.of(service.create(caller, request));
    }

    @GetMapping("/code-library")
    @SignedInUser
    @Operation(summary = "The caller's saved code",
            description = "search: text in the title, description or code (case-insensitive); language; tag; "
                    + "sort: updated_at (default), created_at or title; order: desc (default) or asc.")
    List<CodeView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String search,
                        @RequestParam(required = false) String language, @RequestParam(required = false) String tag,
                        @RequestParam(required = false) String sort, @RequestParam(required = false) String order,
                        @RequestParam(required = false) Integer skip, @RequestParam(required = false) Integer limit) {
        CodeSearch query = service.search(search, language, tag, sort, order);
        return library.listOf(caller.userId(), caller, query, Page.of(skip, limit, 100)).stream().map(CodeView::of).toList();
    }

    /** A page of everyone's public programs. */
    record PublicCodes(List<CodeSummary> codes, long total, int skip, int limit) {
    }

    @GetMapping("/code-library/public")
    @OpenToVisitors
    @Operation(summary = "Everyone's public programs, as summaries (open to visitors without an account)",
            description = "search, language, tag, sort and order as for GET /code-library; skip and limit (at most 50). "
                    + "Each entry has its first lines as preview; GET /code-library/{id} reads the whole program.")
    PublicCodes listPublic(@RequestParam(required = false) String search, @RequestParam(required = false) String language,
                           @RequestParam(required = false) String tag, @RequestParam(required = false) String sort,
                           @RequestParam(required = false) String order, @RequestParam(required = false) Integer skip,
                           @RequestParam(required = false) Integer limit) {
        CodeSearch query = service.search(search, language, tag, sort, order);
        Page page = Page.of(skip, limit, 50);
        List<CodeSummary> codes = library.listPublic(query, page);
        return new PublicCodes(codes, library.countPublic(query), page.skip(), page.limit());
    }

    @GetMapping("/code-library/{code_id}")
    @OpenToVisitors
    @Operation(summary = "One saved program: the caller's own or a public one (a public one also for visitors without an account)")
    CodeView get(@AuthenticationPrincipal Caller caller, @PathVariable("code_id") long codeId) {
        return library.findReadable(Caller.orVisitor(caller), codeId).map(CodeView::of).orElseThrow(() -> CodeLibraryService.notFound(codeId));
    }

    @PutMapping("/code-library/{code_id}")
    @SignedInUser
    @Operation(summary = "Change the caller's saved code; only the fields given change",
            description = "A field given as null takes its default (no description, no environment, no tags, python, "
                    + "private); title and code cannot be null.")
    CodeView update(@AuthenticationPrincipal Caller caller, @PathVariable("code_id") long codeId,
                    @RequestBody CodeLibraryRequests.Update request) {
        return CodeView.of(service.update(caller, codeId, request));
    }

    @DeleteMapping("/code-library/{code_id}")
    @SignedInUser
    @Operation(summary = "Delete the caller's saved code; runs of it stay in the history")
    Map<String, String> delete(@AuthenticationPrincipal Caller caller, @PathVariable("code_id") long codeId) {
        CodeEntry entry = service.delete(caller, codeId);
        return Map.of("message", "code '" + entry.title() + "' deleted");
    }

    @PostMapping("/code-library/save")
    @SignedInUser
    @Operation(summary = "Copy a public (or the caller's own) saved program into the caller's library, as private",
            description = "code_id (or code_library_id): what to copy; title: the copy's, default the original's. "
                    + "Counted against the tier's max_saved_codes.")
    Saved save(@AuthenticationPrincipal Caller caller, @RequestBody CodeLibraryRequests.Save request) {
        CodeEntry copy = service.saveCopy(caller, request);
        return new Saved("code saved to your library", copy.id(), CodeView.of(copy));
    }
}
