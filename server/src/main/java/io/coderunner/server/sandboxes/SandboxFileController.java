package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A started sandbox's files: paths are absolute as the sandbox sees them ({@code /home/user/a.txt})
 * or relative to its home. Several files download as one ZIP whose entries are named by their
 * paths without the leading '/'.
 */
@RestController
@Tag(name = "Sandboxes")
class SandboxFileController {

    /** Files one ZIP download names at most. */
    static final int MAX_DOWNLOADED = 100;

    private final SandboxFileAccess access;

    SandboxFileController(SandboxFileAccess access) {
        this.access = access;
    }

    record FileListing(String path, List<SandboxFileEntry> files, boolean truncated) {
    }

    record PathsRequest(List<String> paths) {
    }

    record FolderRequest(String path, String mode) {
    }

    record MoveRequest(String source, String destination) {
    }

    record PermissionsRequest(String path, String mode, String owner, String group) {
    }

    record ReplaceRequest(List<String> files, String pattern, String newValue, Boolean regex) {
    }

    record Uploaded(List<SandboxFileEntry> files) {
    }

    record FoundFiles(List<String> files, boolean truncated) {
    }

    record SearchMatches(List<SandboxFiles.Match> matches, boolean truncated) {
    }

    record Replacements(List<SandboxFiles.Replaced> results) {
    }

    @Operation(summary = "List a folder of a started sandbox (depth levels down; links shown, not followed)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/files")
    FileListing list(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                     @RequestParam(required = false) String path, @RequestParam(required = false) Integer depth) {
        SandboxFiles files = access.files(caller, id);
        SandboxFiles.Listing listing = files.list(path, depth);
        return new FileListing(files.path(path).shown(), listing.entries(), listing.truncated());
    }

    @Operation(summary = "Describe a file, folder or link of a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/files/info")
    SandboxFileEntry info(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestParam(required = false) String path) {
        return access.files(caller, id).info(path);
    }

    @Operation(summary = "Download one file of a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/files/download")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                                 @RequestParam(required = false) String path) {
        SandboxFiles.Download file = access.files(caller, id).open(required("path", path));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name(),
                        java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(new InputStreamResource(file.content()));
    }

    @Operation(summary = "Download several files of a started sandbox as one ZIP (entries named by their paths)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/files/download")
    ResponseEntity<StreamingResponseBody> downloadMany(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                                       @RequestBody(required = false) PathsRequest request) {
        List<String> paths = request == null || request.paths() == null ? List.of() : request.paths();
        if (paths.isEmpty()) {
            throw new BadRequestException("paths is required: the files to download");
        }
        if (paths.size() > MAX_DOWNLOADED) {
            throw new BadRequestException("at most " + MAX_DOWNLOADED + " files may be downloaded at once, were " + paths.size());
        }
        SandboxFiles files = access.files(caller, id);
        // Every file is opened before the answer starts, so that a missing one is still a 4xx.
        List<SandboxFiles.Download> opened = new ArrayList<>();
        try {
            Set<String> names = new HashSet<>();
            for (String path : paths) {
                SandboxFiles.Download file = files.open(path);
                opened.add(file);
                if (!names.add(file.path())) {
                    throw new BadRequestException("'" + file.path() + "' is named twice");
                }
            }
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        StreamingResponseBody body = out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (SandboxFiles.Download file : opened) {
                    zip.putNextEntry(new ZipEntry(file.path().substring(1)));
                    try (InputStream in = file.content()) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            } finally {
                closeAll(opened);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("files.zip").build().toString())
                .body(body);
    }

    @Operation(summary = "Upload files into a started sandbox (multipart: parts 'file' with 'path' fields, or "
            + "'files[i].path' and 'files[i].file' pairs); folders on the way are made, existing files replaced")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/files/upload")
    ResponseEntity<Uploaded> upload(@AuthenticationPrincipal Caller caller, @PathVariable String id, HttpServletRequest request) {
        List<SandboxFiles.Upload> uploads = UploadParts.of(request);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Uploaded(access.files(caller, id).upload(uploads)));
    }

    @Operation(summary = "Make a folder (and those missing on the way) in a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/files/folder")
    ResponseEntity<SandboxFileEntry> folder(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                            @RequestBody(required = false) FolderRequest request) {
        FolderRequest body = request == null ? new FolderRequest(null, null) : request;
        return ResponseEntity.status(HttpStatus.CREATED).body(access.files(caller, id).createFolder(required("path", body.path()), body.mode()));
    }

    @Operation(summary = "Move or rename a file or folder in a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/files/move")
    SandboxFileEntry move(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody(required = false) MoveRequest request) {
        MoveRequest body = request == null ? new MoveRequest(null, null) : request;
        return access.files(caller, id).move(required("source", body.source()), required("destination", body.destination()));
    }

    @Operation(summary = "Delete a file, link or folder (recursive=true for a folder with files) in a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/sandboxes/{id}/files")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                @RequestParam(required = false) String path, @RequestParam(defaultValue = "false") boolean recursive) {
        access.files(caller, id).delete(required("path", path), recursive);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Set the mode of a file or folder in a started sandbox (owners cannot be changed)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/files/permissions")
    SandboxFileEntry permissions(@AuthenticationPrincipal Caller caller, @PathVariable String id,
                                 @RequestBody(required = false) PermissionsRequest request) {
        PermissionsRequest body = request == null ? new PermissionsRequest(null, null, null, null) : request;
        return access.files(caller, id).setPermissions(required("path", body.path()), body.mode(), body.owner(), body.group());
    }

    @Operation(summary = "Find files and folders by name (a glob such as *.py) under a folder of a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/files/find")
    FoundFiles find(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestParam(required = false) String path,
                    @RequestParam(required = false) String pattern) {
        SandboxFiles.Found found = access.files(caller, id).find(path, pattern);
        return new FoundFiles(found.files(), found.truncated());
    }

    @Operation(summary = "Search the text of the files under a folder of a started sandbox (regex=true for a regular expression)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandboxes/{id}/files/search")
    SearchMatches search(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestParam(required = false) String path,
                         @RequestParam(required = false) String query, @RequestParam(defaultValue = "false") boolean regex) {
        SandboxFiles.Matches matches = access.files(caller, id).search(path, query, regex);
        return new SearchMatches(matches.matches(), matches.truncated());
    }

    @Operation(summary = "Replace a text (or a regular expression with regex=true) in files of a started sandbox")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandboxes/{id}/files/replace")
    Replacements replace(@AuthenticationPrincipal Caller caller, @PathVariable String id, @RequestBody(required = false) ReplaceRequest request) {
        ReplaceRequest body = request == null ? new ReplaceRequest(null, null, null, null) : request;
        return new Replacements(access.files(caller, id).replace(body.files(), body.pattern(), body.newValue(),
                Boolean.TRUE.equals(body.regex())));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        return value;
    }

    private static void closeAll(List<SandboxFiles.Download> files) {
        for (SandboxFiles.Download file : files) {
            try {
                file.content().close();
            } catch (IOException ignored) {
                // Only read from: nothing is lost.
            }
        }
    }
}
