package io.coderunner.server.library;

import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The code library for programs (seed 004's 外部API): with an API key that has the read_library scope. */
@RestController
@Tag(name = "External API")
class ExternalCodeController {

    private final CodeLibrary library;

    ExternalCodeController(CodeLibrary library) {
        this.library = library;
    }

    @GetMapping("/api/v1/codes")
    @PreAuthorize("hasAuthority('SCOPE_read_library')")
    @Operation(summary = "The key owner's saved code, newest first (API key with scope read_library)")
    List<CodeView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Integer skip,
                        @RequestParam(required = false) Integer limit) {
        return library.listOwn(caller, Page.of(skip, limit, 100)).stream().map(CodeView::of).toList();
    }

    @GetMapping("/api/v1/codes/{code_id}")
    @PreAuthorize("hasAuthority('SCOPE_read_library')")
    @Operation(summary = "One saved program: the key owner's own or a public one (API key with scope read_library)")
    CodeView get(@AuthenticationPrincipal Caller caller, @PathVariable("code_id") long codeId) {
        return library.findReadable(caller, codeId).map(CodeView::of)
                .orElseThrow(() -> new NotFoundException("code " + codeId + " not found"));
    }
}
