package io.coderunner.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * How long the editor takes to become usable on a slow link: headless chromium (Debian's, through its
 * chromedriver) opens /app/editor with its network throttled by the DevTools protocol to 4 Mbit/s down
 * (500,000 bytes/s), 1 Mbit/s up and 40 ms of latency. "Usable" is the moment the page itself sees the
 * CodeMirror editor ({@code .cm-content}) and an enabled Run button, in ms since the navigation began
 * (a script installed before the page's own, so the driver's polling adds nothing). Cold loads start
 * with the browser's cache cleared and disabled; warm loads follow a cold one with the cache on.
 * Both with compression as the server offers it, and again with every request saying
 * {@code Accept-Encoding: identity}, the baseline. The bytes are the sum of
 * {@code Network.loadingFinished.encodedDataLength} over the load (what came over the wire).
 *
 * <p>Arguments: {@code --jar PATH}, {@code --out PATH}, {@code --runs N} (default 5).
 */
public final class WebLoadBenchmark {

    static final int DOWNLOAD_BYTES_PER_SECOND = 500_000;
    static final int UPLOAD_BYTES_PER_SECOND = 125_000;
    static final int LATENCY_MS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Marks the moment the editor is usable; installed into every new document before its scripts. */
    private static final String USABLE_PROBE = """
            (() => {
              const check = () => {
                const run = document.getElementById('run-button');
                if (document.querySelector('[data-testid=code-editor] .cm-content') && run && !run.disabled) {
                  window.__editorUsable = performance.now();
                  return;
                }
                setTimeout(check, 5);
              };
              if (location.pathname === '/app/editor') { check(); }
            })();
            """;

    private WebLoadBenchmark() {
    }

    record Load(double usableMs, long bytes, int requests, Map<String, Integer> encodings) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path jar = Path.of(options.getOrDefault("jar", "server/target/coderunner.jar"));
        Path out = Path.of(options.getOrDefault("out", "bench/results/web.md"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        // Selenium warns that it has no DevTools classes for this chromium: none are used, the commands go through chromedriver.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);

        Map<String, List<Load>> results = new java.util.LinkedHashMap<>();
        String browserVersion;
        try (ServerProcess server = ServerProcess.start(jar, out.resolveSibling("server-web.log"))) {
            ChromeDriver driver = browser();
            browserVersion = String.valueOf(driver.getCapabilities().getBrowserVersion());
            try {
                String editor = server.baseUrl() + "/app/editor";
                driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", USABLE_PROBE));
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                        "latency", LATENCY_MS, "downloadThroughput", DOWNLOAD_BYTES_PER_SECOND,
                        "uploadThroughput", UPLOAD_BYTES_PER_SECOND));
                for (boolean compressed : new boolean[] {true, false}) {
                    driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                            compressed ? Map.of() : Map.of("Accept-Encoding", "identity")));
                    String mode = compressed ? "compressed (br)" : "uncompressed (identity)";
                    // One load of each kind first, not counted: the server's and the browser's first time.
                    load(driver, server.baseUrl(), editor, true);
                    for (int i = 0; i < runs; i++) {
                        results.computeIfAbsent(mode + ", cold", k -> new ArrayList<>())
                                .add(load(driver, server.baseUrl(), editor, true));
                        results.computeIfAbsent(mode + ", warm", k -> new ArrayList<>())
                                .add(load(driver, server.baseUrl(), editor, false));
                    }
                }
            } finally {
                driver.quit();
            }
        }
        String report = report(results, runs, browserVersion);
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--lang=en-US");
        options.setPageLoadStrategy(PageLoadStrategy.NONE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** One load of the editor; a cold one with the cache emptied and off, a warm one with it on. */
    private static Load load(ChromeDriver driver, String origin, String url, boolean cold) {
        driver.get("about:blank");
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "local_storage"));
        if (cold) {
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        }
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", cold));
        driver.manage().logs().get(LogType.PERFORMANCE); // what came before this load
        driver.get(url);
        Object usable = new WebDriverWait(driver, Duration.ofSeconds(120)).until(d ->
                ((JavascriptExecutor) d).executeScript("return window.__editorUsable ?? null;"));
        // Let what the page still fetches after it is usable (none of it needed) finish, for the byte count.
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState;")));
        long bytes = 0;
        int requests = 0;
        Map<String, Integer> encodings = new java.util.TreeMap<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asString();
            if (method.equals("Network.loadingFinished")) {
                bytes += message.path("params").path("encodedDataLength").asLong();
                requests++;
            } else if (method.equals("Network.responseReceived")) {
                JsonNode headers = message.path("params").path("response").path("headers");
                String encoding = "identity";
                for (var header : headers.properties()) {
                    if (header.getKey().equalsIgnoreCase("content-encoding")) {
                        encoding = header.getValue().asString();
                    }
                }
                encodings.merge(encoding, 1, Integer::sum);
            }
        }
        return new Load(((Number) usable).doubleValue(), bytes, requests, encodings);
    }

    private static String report(Map<String, List<Load>> results, int runs, String browserVersion) {
        StringBuilder report = new StringBuilder("Measured " + Instant.now() + ": headless Chromium " + browserVersion
                + " opening /app/editor, " + runs + " loads of each kind after one not counted, throttled to "
                + DOWNLOAD_BYTES_PER_SECOND + " B/s down (4 Mbit/s), " + UPLOAD_BYTES_PER_SECOND
                + " B/s up (1 Mbit/s), " + LATENCY_MS + " ms latency.\n\n");
        MachineInfo.describe().forEach((k, v) -> report.append("- ").append(k).append(": ").append(v).append('\n'));
        report.append("\n| load | editor usable, median ms | min ms | max ms | bytes transferred (median) | responses (cached too) | responses by Content-Encoding |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        Map<String, Double> medians = new HashMap<>();
        Map<String, Double> bytes = new HashMap<>();
        results.forEach((name, loads) -> {
            double[] ms = loads.stream().mapToDouble(Load::usableMs).sorted().toArray();
            long[] b = loads.stream().mapToLong(Load::bytes).sorted().toArray();
            double median = median(ms);
            medians.put(name, median);
            bytes.put(name, (double) b[b.length / 2]);
            report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %,d | %d | %s |%n", name, median, ms[0],
                    ms[ms.length - 1], b[b.length / 2], loads.get(loads.size() / 2).requests(), loads.get(loads.size() / 2).encodings()));
        });
        for (String kind : new String[] {"cold", "warm"}) {
            Double on = medians.get("compressed (br), " + kind);
            Double off = medians.get("uncompressed (identity), " + kind);
            if (on != null && off != null) {
                report.append(String.format(Locale.ROOT, "%n%s: compressed / uncompressed time %.2f, bytes %.2f.", kind,
                        on / off, bytes.get("compressed (br), " + kind) / bytes.get("uncompressed (identity), " + kind)));
            }
        }
        return report.append('\n').toString();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
