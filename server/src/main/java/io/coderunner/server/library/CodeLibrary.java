package io.coderunner.server.library;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.http.Page;
import io.coderunner.server.security.Caller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reading the code library; what other modules may ask of it. */
@Service
public class CodeLibrary {

    private final CodeLibraryRepository entries;
    private final Accounts accounts;

    CodeLibrary(CodeLibraryRepository entries, Accounts accounts) {
        this.entries = entries;
        this.accounts = accounts;
    }

    /** The entry if the caller may read it (their own, or a public one); empty also when it does not exist. */
    public Optional<CodeEntry> findReadable(Caller caller, long id) {
        return entries.findById(id).filter(entry -> entry.readableBy(caller.userId()));
    }

    /** How many entries the user has saved, private and public. */
    public long countOwned(long userId) {
        return entries.count(userId, false, CodeSearch.NEWEST);
    }

    /** How many of the user's entries anyone signed in may read. */
    public long countPublic(long userId) {
        return entries.count(userId, true, CodeSearch.NEWEST);
    }

    /** The caller's own entries, newest first. */
    List<CodeEntry> listOwn(Caller caller, Page page) {
        return entries.listByUser(caller.userId(), page);
    }

    /** A user's entries as {@code reader} may see them: all of their own, only the public ones of others. */
    List<CodeEntry> listOf(long userId, Caller reader, CodeSearch search, Page page) {
        return entries.search(userId, userId != reader.userId(), search, page);
    }

    /** Everyone's public entries that match, each with its author's name. */
    List<CodeSummary> listPublic(CodeSearch search, Page page) {
        Map<Long, String> names = new HashMap<>();
        return entries.searchPublic(search, page).stream()
                .map(entry -> CodeSummary.of(entry, names.computeIfAbsent(entry.userId(),
                        id -> accounts.find(id).map(UserAccount::username).orElse(null))))
                .toList();
    }

    long countPublic(CodeSearch search) {
        return entries.countPublic(search);
    }

    long countOf(long userId, Caller reader, CodeSearch search) {
        return entries.count(userId, userId != reader.userId(), search);
    }
}
