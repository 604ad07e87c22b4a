package io.coderunner.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import tools.jackson.databind.ObjectMapper;

/**
 * Requests per second of the account API on a real server: authenticated reads (GET /users/me,
 * GET /executions with a history of 20 runs) at concurrency 16, and sign-ins (Argon2id) per second,
 * on SQLite and, when it is reachable, on PostgreSQL. The load comes from {@link Wrk}.
 *
 * <p>Arguments: {@code --jar PATH}, {@code --out PATH}, {@code --seconds N} (per measurement).
 */
public final class AuthBenchmark {

    private static final int CONCURRENCY = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthBenchmark() {
    }

    record Result(String database, String request, int concurrency, long requests, long failed, double perSecond,
                  String latencyP50) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path jar = Path.of(options.getOrDefault("jar", "server/target/coderunner.jar"));
        Path out = Path.of(options.getOrDefault("out", "bench/results/auth.md"));
        Duration length = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Wrk.requireInstalled();

        List<Result> results = new ArrayList<>();
        results.addAll(measure("SQLite", jar, out.resolveSibling("server-sqlite.log"), Map.of(), length));
        try (PostgresDatabase postgres = PostgresDatabase.createOrNull()) {
            if (postgres != null) {
                results.addAll(measure("PostgreSQL", jar, out.resolveSibling("server-postgresql.log"),
                        Map.of("DATABASE_URL", postgres.url()), length));
            }
        }
        StringBuilder report = new StringBuilder("Measured " + Instant.now() + ", " + length.toSeconds()
                + " s per row after a warm-up of the same length.\n\n");
        MachineInfo.describe().forEach((k, v) -> report.append("- ").append(k).append(": ").append(v).append('\n'));
        report.append("\n| database | request | concurrency | requests | failed | requests/s | p50 |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            report.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.0f | %s |\n", r.database(), r.request(),
                    r.concurrency(), r.requests(), r.failed(), r.perSecond(), r.latencyP50()));
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    private static List<Result> measure(String database, Path jar, Path log, Map<String, String> environment, Duration length)
            throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(environment);
        // Sign-ins are measured from one address: lift the per-address limit that would otherwise stop them.
        settings.put("CODERUNNER_AUTH_LOGINSPERMINUTEPERIP", "100000000");
        try (ServerProcess server = ServerProcess.start(jar, log, settings);
             CloseableHttpClient http = client()) {
            String base = server.baseUrl();
            String token = login(http, base);
            for (int i = 0; i < 20; i++) {
                HttpPost run = new HttpPost(base + "/execute");
                run.setHeader("Authorization", "Bearer " + token);
                run.setEntity(new StringEntity("{\"language\":\"bash\",\"code\":\"echo " + i + "\"}", ContentType.APPLICATION_JSON));
                expectOk(http, run);
            }
            List<Result> results = new ArrayList<>();
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
            results.add(load(database, "GET /health (no account, for reference)", "GET", base + "/health", Map.of(), null, length));
            results.add(load(database, "GET /users/me", "GET", base + "/users/me", auth, null, length));
            results.add(load(database, "GET /executions (20 runs)", "GET", base + "/executions", auth, null, length));
            results.add(load(database, "POST /login (Argon2id)", "POST", base + "/login", Map.of("Content-Type", "application/json"),
                    "{\"username\":\"admin\",\"password\":\"" + ServerProcess.ADMIN_PASSWORD + "\"}", length));
            return results;
        }
    }

    /** Warms up for {@code length}, then measures for {@code length}. */
    private static Result load(String database, String name, String method, String url, Map<String, String> headers, String body,
                               Duration length) throws Exception {
        System.err.println(database + ": " + name);
        Wrk.run(method, url, headers, body, CONCURRENCY, length);
        Wrk.Result r = Wrk.run(method, url, headers, body, CONCURRENCY, length);
        return new Result(database, name, CONCURRENCY, r.requests(), r.failed(), r.perSecond(), r.latencyP50());
    }

    private static String login(CloseableHttpClient http, String base) throws Exception {
        HttpPost login = new HttpPost(base + "/login");
        login.setEntity(new StringEntity("{\"username\":\"admin\",\"password\":\"" + ServerProcess.ADMIN_PASSWORD + "\"}",
                ContentType.APPLICATION_JSON));
        String body = http.execute(login, response -> EntityUtils.toString(response.getEntity()));
        return JSON.readTree(body).get("access_token").asString();
    }

    private static void expectOk(CloseableHttpClient http, HttpUriRequestBase request) throws Exception {
        int status = http.execute(request, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
        if (status != 200) {
            throw new IllegalStateException(request + " answered " + status);
        }
    }

    private static CloseableHttpClient client() {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(CONCURRENCY);
        pool.setDefaultMaxPerRoute(CONCURRENCY);
        return HttpClients.custom().setConnectionManager(pool).build();
    }
}
