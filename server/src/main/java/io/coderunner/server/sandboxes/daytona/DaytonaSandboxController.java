package io.coderunner.server.sandboxes.daytona;

import io.coderunner.server.http.BadRequestException;
import io.coderunner.server.sandboxes.SandboxService;
import io.coderunner.server.sandboxes.SandboxState;
import io.coderunner.server.sandboxes.SandboxView;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.KeyScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Daytona's control plane for sandboxes ({@code /daytona/api/sandbox...}), each call mapped onto
 * {@link SandboxService}: the same sandboxes, states, limits and access check as the native API.
 */
@RestController
@RequestMapping(DaytonaUrls.API)
@Tag(name = "Daytona")
class DaytonaSandboxController {

    private static final int DEFAULT_PAGE = 100;
    private static final int LARGEST_PAGE = 200;
    private static final Set<String> LIST_FILTERS = Set.of("cursor", "limit", "id", "name", "labels", "states");

    private final SandboxService sandboxes;
    private final DaytonaUrls urls;
    private final JsonMapper json;

    DaytonaSandboxController(SandboxService sandboxes, DaytonaUrls urls, JsonMapper json) {
        this.sandboxes = sandboxes;
        this.urls = urls;
        this.json = json;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record ListResponse(List<DaytonaSandbox> items, String nextCursor) {
    }

    record LabelsRequest(Map<String, String> labels) {
    }

    record UrlResponse(String url) {
    }

    @Operation(summary = "Daytona: create a sandbox and start it")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox")
    ResponseEntity<DaytonaSandbox> create(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) DaytonaCreateRequest body,
                                          HttpServletRequest request) {
        DaytonaCreateRequest create = body == null ? DaytonaCreateRequest.EMPTY : body;
        return ResponseEntity.status(HttpStatus.OK).body(dto(sandboxes.create(caller, create.toNative()), request));
    }

    /**
     * @param labels a JSON object of labels every sandbox listed has
     * @param states states to keep (repeated)
     * @param cursor where the previous page ended ({@code nextCursor})
     */
    @Operation(summary = "Daytona: list the caller's sandboxes, newest first")
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandbox")
    ListResponse list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String labels,
                      @RequestParam(required = false) List<String> states, @RequestParam(required = false) String cursor,
                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String id,
                      @RequestParam(required = false) String name, HttpServletRequest request) {
        refuseUnknownFilters(request);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > LARGEST_PAGE) {
            throw new BadRequestException("limit must be 1 to " + LARGEST_PAGE + ", was " + size);
        }
        int from = offset(cursor);
        Map<String, String> wanted = labels(labels);
        String language = wanted.remove(DaytonaSandbox.LANGUAGE_LABEL);
        List<SandboxView> all = sandboxes.list(caller, wanted, states(states)).stream()
                .filter(s -> language == null || language.equals(s.language()))
                .filter(s -> id == null || id.equals(s.id()))
                .filter(s -> name == null || name.equals(s.name()))
                .toList();
        String toolbox = urls.toolbox(request);
        List<DaytonaSandbox> items = all.stream().skip(from).limit(size).map(s -> DaytonaSandbox.of(s, toolbox)).toList();
        String next = from + size < all.size() ? Integer.toString(from + size) : null;
        return new ListResponse(items, next);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandbox/{idOrName}")
    DaytonaSandbox get(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        return dto(sandboxes.get(caller, idOrName), request);
    }

    /** Answers the sandbox as it now is: destroyed, so that the SDK need not ask again. */
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/sandbox/{idOrName}")
    DaytonaSandbox delete(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        SandboxView sandbox = sandboxes.get(caller, idOrName);
        sandboxes.delete(caller, sandbox.id());
        return DaytonaSandbox.of(sandbox, SandboxState.DESTROYED, urls.toolbox(request));
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/start")
    DaytonaSandbox start(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        return dto(sandboxes.start(caller, idOrName), request);
    }

    /** {@code force} is accepted and changes nothing: a stop always ends every process of the sandbox. */
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/stop")
    DaytonaSandbox stop(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName,
                        @RequestParam(required = false) Boolean force, HttpServletRequest request) {
        return dto(sandboxes.stop(caller, idOrName), request);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/archive")
    DaytonaSandbox archive(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        return dto(sandboxes.archive(caller, idOrName), request);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PutMapping("/sandbox/{idOrName}/labels")
    DaytonaSandbox labels(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName,
                          @RequestBody(required = false) LabelsRequest body, HttpServletRequest request) {
        if (body == null || body.labels() == null) {
            throw new BadRequestException("labels is required: an object of the sandbox's labels");
        }
        Map<String, String> labels = new LinkedHashMap<>(body.labels());
        String language = labels.remove(DaytonaSandbox.LANGUAGE_LABEL);
        SandboxView sandbox = sandboxes.get(caller, idOrName);
        if (language != null && !language.equals(sandbox.language())) {
            throw new BadRequestException(DaytonaSandbox.LANGUAGE_LABEL + ": a sandbox's language is set when it is created ("
                    + sandbox.language() + "); it cannot become " + language);
        }
        return dto(sandboxes.setLabels(caller, sandbox.id(), labels), request);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/autostop/{interval}")
    DaytonaSandbox autoStop(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, @PathVariable int interval,
                            HttpServletRequest request) {
        return dto(sandboxes.setLifecycle(caller, idOrName, interval, null, null), request);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/autoarchive/{interval}")
    DaytonaSandbox autoArchive(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, @PathVariable int interval,
                               HttpServletRequest request) {
        if (interval < 0) {
            throw new BadRequestException("autoArchiveInterval must not be negative (0: the longest, a week), was " + interval);
        }
        return dto(sandboxes.setLifecycle(caller, idOrName, null, DaytonaIntervals.archiveOrLongest(interval), null), request);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/autodelete/{interval}")
    DaytonaSandbox autoDelete(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, @PathVariable int interval,
                              HttpServletRequest request) {
        return dto(sandboxes.setLifecycle(caller, idOrName, null, null, interval), request);
    }

    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sandbox/{idOrName}/toolbox-proxy-url")
    UrlResponse toolboxProxyUrl(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName, HttpServletRequest request) {
        sandboxes.get(caller, idOrName);
        return new UrlResponse(urls.toolbox(request));
    }

    /** The SDK's {@code refreshActivity()}: the sandbox is in use, its idle time starts again. */
    @KeyScope("sandboxes")
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/sandbox/{idOrName}/last-activity")
    ResponseEntity<Void> lastActivity(@AuthenticationPrincipal Caller caller, @PathVariable String idOrName) {
        sandboxes.touch(sandboxes.get(caller, idOrName).id());
        return ResponseEntity.noContent().build();
    }

    private DaytonaSandbox dto(SandboxView sandbox, HttpServletRequest request) {
        return DaytonaSandbox.of(sandbox, urls.toolbox(request));
    }

    /** A filter CodeRunner cannot apply is refused by name: a list that silently ignored it would be wrong. */
    private static void refuseUnknownFilters(HttpServletRequest request) {
        List<String> unknown = request.getParameterMap().keySet().stream().filter(p -> !LIST_FILTERS.contains(p)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new BadRequestException("not supported by this server as a sandbox list filter: " + String.join(", ", unknown)
                    + " (supported: id, name, labels, states, limit, cursor)");
        }
    }

    private Map<String, String> labels(String labels) {
        if (labels == null || labels.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(json.readValue(labels, new TypeReference<Map<String, String>>() { }));
        } catch (JacksonException e) {
            throw new BadRequestException("labels must be a JSON object of text values, e.g. {\"team\":\"x\"}, was " + labels);
        }
    }

    private static Set<SandboxState> states(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        try {
            return names.stream().flatMap(n -> Arrays.stream(n.split(","))).map(String::strip).filter(n -> !n.isEmpty())
                    .map(SandboxState::of).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("states must each be one of " + Arrays.stream(SandboxState.values()).map(SandboxState::id)
                    .collect(Collectors.joining(", ")) + " (CodeRunner has no other states), was " + names);
        }
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequestException("cursor must be a nextCursor this server gave, was " + cursor);
    }
}
