package io.coderunner.server.library;

import io.coderunner.server.system.Caller;
import io.coderunner.server.system.Page;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reading the code library; what other modules may ask of it. */
@Service
public class CodeLibrary {

    private final CodeLibraryRepository entries;

    CodeLibrary(CodeLibraryRepository entries) {
        this.entries = entries;
    }

    /** The entry if the caller may read it (their own, or a public one); empty also when it does not exist. */
    public Optional<CodeEntry> findReadable(Caller caller, long id) {
        return entries.findById(id).filter(entry -> entry.readableBy(caller.userId()));
    }

    /** The caller's own entries, newest first. */
    List<CodeEntry> listOwn(Caller caller, Page page) {
        return entries.listByUser(caller.userId(), page);
    }
}
