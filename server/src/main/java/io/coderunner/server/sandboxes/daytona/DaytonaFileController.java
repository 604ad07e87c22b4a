package io.coderunner.server.sandboxes.daytona;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.http.ForbiddenException;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.sandboxes.SandboxFileAccess;
import io.coderunner.server.sandboxes.SandboxFileEntry;
import io.coderunner.server.sandboxes.SandboxFiles;
import io.coderunner.server.sandboxes.UploadParts;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.InputStreamSource;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The file routes of Daytona's toolbox, as {@code @daytonaio/sdk} 0.218 calls them, over the same
 * {@link SandboxFiles} as the native API. Two names are Daytona's own and the reverse of the
 * native ones: {@code /files/find} searches file contents ({@code findFiles}) and
 * {@code /files/search} matches names ({@code searchFiles}).
 */
@RestController
@Tag(name = "Daytona")
@RequestMapping("/daytona/toolbox/{sandboxId}")
class DaytonaFileController {

    private final SandboxFileAccess access;
    private final JsonMapper json;

    DaytonaFileController(SandboxFileAccess access, JsonMapper json) {
        this.access = access;
        this.json = json;
    }

    /** Daytona's FileInfo: {@code mode} as {@code ls -l} shows it, {@code permissions} in octal, as its daemon answers. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record FileInfo(String name, String path, boolean isDir, long size, String mode, String permissions, String owner,
                    String group, String modTime, String modifiedAt) {

        static FileInfo of(SandboxFileEntry entry) {
            return new FileInfo(entry.name(), entry.path(), entry.isDir(), entry.size(), entry.permissions(), entry.mode(),
                    entry.owner(), entry.group(), entry.modTime(), entry.modTime());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record DownloadRequest(List<String> paths) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ReplaceRequest(List<String> files, String pattern, String newValue) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ReplaceResult(String file, boolean success, String error) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Match(String file, int line, String content) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SearchFilesResponse(List<String> files) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record UploadedFile(String name, String path, String type) {
    }

    @Operation(summary = "Daytona: list a folder (depth levels down)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/files")
    List<FileInfo> list(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                        @RequestParam(required = false) String path, @RequestParam(required = false) Integer depth) {
        return access.files(caller, sandboxId).list(path, depth).entries().stream().map(FileInfo::of).toList();
    }

    @Operation(summary = "Daytona: describe a file or folder")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/files/info")
    FileInfo info(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, @RequestParam(required = false) String path) {
        return FileInfo.of(access.files(caller, sandboxId).info(required("path", path)));
    }

    @Operation(summary = "Daytona: make a folder")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/files/folder")
    ResponseEntity<Void> folder(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                @RequestParam(required = false) String path, @RequestParam(required = false) String mode) {
        access.files(caller, sandboxId).createFolder(required("path", path), mode);
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @Operation(summary = "Daytona: move or rename a file or folder")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/files/move")
    ResponseEntity<Void> move(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                              @RequestParam(required = false) String source, @RequestParam(required = false) String destination) {
        access.files(caller, sandboxId).move(required("source", source), required("destination", destination));
        return ResponseEntity.ok().build();
    }

    @Operation(summary = "Daytona: delete a file or folder")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/files")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                @RequestParam(required = false) String path, @RequestParam(defaultValue = "false") boolean recursive) {
        access.files(caller, sandboxId).delete(required("path", path), recursive);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Daytona: set a file's mode (owner and group cannot be changed)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/files/permissions")
    ResponseEntity<Void> permissions(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                     @RequestParam(required = false) String path, @RequestParam(required = false) String mode,
                                     @RequestParam(required = false) String owner, @RequestParam(required = false) String group) {
        access.files(caller, sandboxId).setPermissions(required("path", path), mode, owner, group);
        return ResponseEntity.ok().build();
    }

    @Operation(summary = "Daytona: lines of the files under a folder holding a text (findFiles)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/files/find")
    List<Match> find(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                     @RequestParam(required = false) String path, @RequestParam(required = false) String pattern) {
        return access.files(caller, sandboxId).search(path, pattern, false).matches().stream()
                .map(m -> new Match(m.file(), m.line(), m.content())).toList();
    }

    @Operation(summary = "Daytona: files under a folder whose name matches a glob (searchFiles)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/files/search")
    SearchFilesResponse search(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                               @RequestParam(required = false) String path, @RequestParam(required = false) String pattern) {
        return new SearchFilesResponse(access.files(caller, sandboxId).find(path, pattern).files());
    }

    @Operation(summary = "Daytona: replace a text in files")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/files/replace")
    List<ReplaceResult> replace(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                @RequestBody(required = false) ReplaceRequest request) {
        ReplaceRequest body = request == null ? new ReplaceRequest(null, null, null) : request;
        return access.files(caller, sandboxId).replace(body.files(), body.pattern(), body.newValue(), false).stream()
                .map(r -> new ReplaceResult(r.file(), r.success(), r.error())).toList();
    }

    @Operation(summary = "Daytona: download one file")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/files/download")
    ResponseEntity<InputStreamResource> download(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                                 @RequestParam(required = false) String path) {
        SandboxFiles.Download file = access.files(caller, sandboxId).open(required("path", path));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).contentLength(file.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + quoted(file.name()) + "\"")
                .body(new InputStreamResource(file.content()));
    }

    /**
     * Daytona's bulk download: a multipart/form-data answer with one part per path, named
     * {@code file} with the requested path exactly as its file name, or {@code error} with a JSON
     * body (the SDK matches parts to requests by that name, and raises the error's class).
     */
    @Operation(summary = "Daytona: download several files as multipart/form-data")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/files/bulk-download")
    ResponseEntity<StreamingResponseBody> bulkDownload(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                                                       @RequestBody(required = false) DownloadRequest request) {
        List<String> paths = request == null || request.paths() == null ? List.of() : request.paths();
        if (paths.isEmpty()) {
            throw new BadRequestException("paths is required: the files to download");
        }
        for (String path : paths) {
            if (path == null || path.indexOf('\r') >= 0 || path.indexOf('\n') >= 0) {
                throw new BadRequestException("paths must be text without line breaks");
            }
        }
        SandboxFiles files = access.files(caller, sandboxId);
        String boundary = "coderunner-" + UUID.randomUUID();
        StreamingResponseBody body = out -> {
            for (String path : paths) {
                SandboxFiles.Download file;
                try {
                    file = files.open(path);
                } catch (BadRequestException | NotFoundException | ForbiddenException | ConflictException e) {
                    errorPart(out, boundary, path, e);
                    continue;
                }
                try (InputStream in = file.content()) {
                    header(out, boundary, "file", path, "application/octet-stream", file.size());
                    in.transferTo(out);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary)).body(body);
    }

    @Operation(summary = "Daytona: upload files (multipart files[i].path and files[i].file)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/files/bulk-upload")
    ResponseEntity<Void> bulkUpload(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId, HttpServletRequest request) {
        List<SandboxFiles.Upload> uploads = UploadParts.of(request);
        access.files(caller, sandboxId).upload(uploads);
        return ResponseEntity.ok().build();
    }

    /** One file to {@code path}: a multipart part named {@code file}, or the raw request body. */
    @Operation(summary = "Daytona: upload one file (multipart part 'file' or the raw body)")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping({"/files/upload", "/files/upload-v2"})
    UploadedFile upload(@AuthenticationPrincipal Caller caller, @PathVariable String sandboxId,
                        @RequestParam(required = false) String path, HttpServletRequest request) throws IOException {
        String target = required("path", path);
        SandboxFiles.Upload upload;
        String type;
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile file = multipart.getFile("file");
            if (file == null) {
                throw new BadRequestException("the multipart upload needs a part named 'file'");
            }
            upload = new SandboxFiles.Upload(target, file.getSize(), file);
            type = file.getContentType();
        } else {
            InputStream raw = request.getInputStream();
            InputStreamSource once = () -> raw;
            upload = new SandboxFiles.Upload(target, request.getContentLengthLong(), once);
            type = request.getContentType();
        }
        SandboxFileEntry written = access.files(caller, sandboxId).upload(List.of(upload)).getFirst();
        return new UploadedFile(written.name(), written.path(), type == null ? "application/octet-stream" : type);
    }

    private void errorPart(OutputStream out, String boundary, String path, RuntimeException e) throws IOException {
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ForbiddenException ? HttpStatus.FORBIDDEN
                : e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        String code = switch (status) {
            case NOT_FOUND -> "FILE_NOT_FOUND";
            case FORBIDDEN -> "FILE_ACCESS_DENIED";
            default -> "INVALID_FILE_PATH";
        };
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("statusCode", status.value());
        error.put("code", code);
        byte[] bytes = json.writeValueAsBytes(error);
        header(out, boundary, "error", path, "application/json", bytes.length);
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void header(OutputStream out, String boundary, String name, String filename, String type, long length)
            throws IOException {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + quoted(filename) + "\"\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.UTF_8));
    }

    /** A name inside a quoted header value: quotes and backslashes escaped. */
    private static String quoted(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + " is required");
        }
        return value;
    }
}
