package io.coderunner.server.apikeys;

import io.coderunner.server.http.BadRequestException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a key may be used for (seed 001's ApiScope). A request made with a key carries one
 * {@code SCOPE_<name>} authority per scope, which endpoints check with {@code hasAuthority}.
 */
enum ApiScope {

    /** Running code: POST /api/v1/execute. */
    EXECUTE("execute"),
    /** Reading the code library: GET /api/v1/codes. */
    READ_LIBRARY("read_library"),
    /** Long-lived sandboxes: /sandboxes (and the Daytona API's sandbox and toolbox routes), their processes and files. */
    SANDBOXES("sandboxes"),
    /** Sandbox snapshots: /snapshots. */
    SNAPSHOTS("snapshots"),
    /** Sandbox volumes: /volumes. */
    VOLUMES("volumes"),
    /** Image registries (seed 001's fourth sandbox scope): reserved; no route takes it yet. */
    REGISTRIES("registries"),
    /** Scraping the Prometheus metrics (/actuator/prometheus): only an administrator's key may have it. */
    METRICS("metrics");

    /** What a key gets when its request names no scopes: what users' programs do, not the operators' scope. */
    static final Set<ApiScope> DEFAULT = EnumSet.of(EXECUTE, READ_LIBRARY);

    private final String id;

    ApiScope(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The scopes a request asks for; none given means the default (all of them). */
    static Set<ApiScope> parse(List<String> names) {
        if (names == null) {
            return DEFAULT;
        }
        if (names.isEmpty()) {
            throw new BadRequestException("scopes must name at least one of " + known() + " (or be left out for execute and read_library)");
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String name : names) {
            scopes.add(of(name).orElseThrow(() -> new BadRequestException("unknown scope '" + name + "': scopes are " + known())));
        }
        return scopes;
    }

    private static Optional<ApiScope> of(String name) {
        return Arrays.stream(values()).filter(scope -> name != null && scope.id.equals(name.strip())).findFirst();
    }

    /** As kept in the api_keys.scopes column: the ids joined by commas. */
    static String store(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::id).collect(Collectors.joining(","));
    }

    /** Reads the column; an id this version does not know (from a newer one) grants nothing. */
    static Set<ApiScope> load(String stored) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        if (stored != null) {
            Arrays.stream(stored.split(",")).map(ApiScope::of).flatMap(Optional::stream).forEach(scopes::add);
        }
        return scopes;
    }

    static List<String> ids(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::id).toList();
    }

    private static String known() {
        return Arrays.stream(values()).map(ApiScope::id).collect(Collectors.joining(", "));
    }
}
