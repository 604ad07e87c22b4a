package io.coderunner.server.library;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.OpenToVisitors;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 004's 用户发现: what others can see of a user's code library. */
@RestController
@Tag(name = "Users")
class UserCodeController {

    private final CodeLibrary library;
    private final CodeLibraryService service;
    private final Accounts accounts;

    UserCodeController(CodeLibrary library, CodeLibraryService service, Accounts accounts) {
        this.library = library;
        this.service = service;
        this.accounts = accounts;
    }

    record UserCodes(List<CodeView> codes, long total, int skip, int limit) {
    }

    @GetMapping("/users/{user_id}/code-library")
    @OpenToVisitors
    @Operation(summary = "A user's public saved code (all of it for the user themself), most recently changed first",
            description = "search, language, tag, sort and order as for GET /code-library.")
    UserCodes list(@AuthenticationPrincipal Caller caller, @PathVariable("user_id") long userId,
                   @RequestParam(required = false) String search, @RequestParam(required = false) String language,
                   @RequestParam(required = false) String tag, @RequestParam(required = false) String sort,
                   @RequestParam(required = false) String order, @RequestParam(required = false) Integer skip,
                   @RequestParam(required = false) Integer limit) {
        CodeSearch query = service.search(search, language, tag, sort, order);
        Page page = Page.of(skip, limit, 20);
        if (accounts.find(userId).isEmpty()) {
            throw new NotFoundException("user " + userId + " not found");
        }
        Caller reader = Caller.orVisitor(caller);
        List<CodeView> codes = library.listOf(userId, reader, query, page).stream().map(CodeView::of).toList();
        return new UserCodes(codes, library.countOf(userId, reader, query), page.skip(), page.limit());
    }
}
