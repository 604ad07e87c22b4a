package io.coderunner.server.sandboxes;

import io.coderunner.server.http.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The files of a multipart upload and where each goes. Two forms are read: Daytona's pairs
 * ({@code files[0].path} and {@code files[0].file}, {@code files[1]...}), and parts named
 * {@code file}, each with a {@code path} field in the same order; without any {@code path}, files
 * go into the home under their own names, and one {@code path} ending in '/' names the folder for
 * them all.
 */
public final class UploadParts {

    private UploadParts() {
    }

    public static List<SandboxFiles.Upload> of(HttpServletRequest request) {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            throw new BadRequestException("send the files as multipart/form-data: parts named 'file' (with 'path' fields), "
                    + "or 'files[0].path' and 'files[0].file' pairs");
        }
        List<SandboxFiles.Upload> uploads = new ArrayList<>();
        for (int i = 0; ; i++) {
            MultipartFile file = multipart.getFile("files[" + i + "].file");
            String path = multipart.getParameter("files[" + i + "].path");
            if (file == null && path == null) {
                break;
            }
            if (file == null || path == null || path.isBlank()) {
                throw new BadRequestException("files[" + i + "] needs both a 'files[" + i + "].path' field and a 'files[" + i
                        + "].file' part");
            }
            uploads.add(upload(path, file));
        }
        List<MultipartFile> files = multipart.getFiles("file");
        String[] paths = multipart.getParameterValues("path");
        int named = paths == null ? 0 : paths.length;
        if (!files.isEmpty()) {
            if (named == files.size()) {
                for (int i = 0; i < files.size(); i++) {
                    uploads.add(upload(paths[i], files.get(i)));
                }
            } else if (named == 0 || (named == 1 && paths[0].endsWith("/"))) {
                String folder = named == 0 ? "" : paths[0];
                for (MultipartFile file : files) {
                    uploads.add(upload(folder + ownName(file), file));
                }
            } else {
                throw new BadRequestException("give one 'path' field per 'file' part (" + files.size() + " files, " + named
                        + " paths), none (the home) or one folder ending in '/'");
            }
        }
        if (uploads.isEmpty()) {
            throw new BadRequestException("no files in the upload: send parts named 'file' or 'files[0].file'");
        }
        return uploads;
    }

    private static SandboxFiles.Upload upload(String path, MultipartFile file) {
        return new SandboxFiles.Upload(path, file.getSize(), file);
    }

    private static String ownName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            throw new BadRequestException("a 'file' part without a file name needs a 'path' field");
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw new BadRequestException("'" + name + "' is not a file name: give a 'path' field");
        }
        return base;
    }
}
