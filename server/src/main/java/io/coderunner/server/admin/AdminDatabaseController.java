package io.coderunner.server.admin;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Seed 004's database administration. */
@RestController
@Tag(name = "Administration")
class AdminDatabaseController {

    private final DatabaseTransfer transfer;
    private final ApplicationEventPublisher events;

    AdminDatabaseController(DatabaseTransfer transfer, ApplicationEventPublisher events) {
        this.transfer = transfer;
        this.events = events;
    }

    @GetMapping("/admin/database/info")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Engine, size, migration version and rows per table (admin)")
    Map<String, Object> info() {
        return transfer.info();
    }

    @PostMapping("/admin/database/export")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "A consistent snapshot: the SQLite file, or a portable JSON export from PostgreSQL (admin)")
    ResponseEntity<InputStreamResource> export(@AuthenticationPrincipal Caller admin) throws IOException {
        DatabaseTransfer.Export export = transfer.export();
        events.publishEvent(AuditEvent.success(admin.userId(), admin.username(), "export_database", "database", null,
                export.fileName()));
        long size = Files.size(export.file());
        // The temporary file is gone from the directory once opened; the stream still reads it.
        InputStream in = Files.newInputStream(export.file(), StandardOpenOption.DELETE_ON_CLOSE);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName()).build().toString())
                .contentType(MediaType.parseMediaType(export.contentType()))
                .contentLength(size)
                .body(new InputStreamResource(in));
    }

    // No "consumes" and an optional part: the caller is checked first, then the body.
    @PostMapping("/admin/database/import")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace all data with an export (checked first; the current data is kept in backups/) (admin)")
    Map<String, Object> importDatabase(@AuthenticationPrincipal Caller admin, @RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new BadRequestException("file is required: a multipart/form-data part named file holding an export "
                    + "made by POST /admin/database/export");
        }
        Path upload = null;
        try {
            upload = Files.createTempFile("coderunner-import", ".upload");
            file.transferTo(upload);
            return transfer.importFile(upload, admin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (upload != null) {
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException ignored) {
                    // A temporary file; the system cleans its temporary directory.
                }
            }
        }
    }
}
