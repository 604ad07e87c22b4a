package io.coderunner.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real server on a random port, with a data directory and a database of its own (SQLite, or
 * PostgreSQL in the build's second run), its first administrator "admin" / {@link #ADMIN_PASSWORD},
 * and the settings of application-test.properties, which a test class may override.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ServerTest {

    /** As in application-test.properties. */
    public static final String ADMIN_PASSWORD = "admin-Secret-42";

    @LocalServerPort
    protected int port;
    protected ApiClient api;

    @BeforeAll
    static void requireDatabase() {
        String why = TestDatabase.unavailable();
        if (why != null) {
            System.err.println(why);
        }
        assumeTrue(why == null, why);
    }

    @DynamicPropertySource
    static void serverSettings(DynamicPropertyRegistry registry) {
        registry.add("coderunner.data-dir", () -> TestDataDirs.create("coderunner-server-tests").toString());
        TestDatabase.register(registry);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** Signs in and returns the access token. */
    protected String login(String username, String password) {
        ApiClient.Response response = api.postJson("/login", java.util.Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + response.status() + " " + response.body());
        }
        return response.json().get("access_token").asString();
    }

    protected ApiClient admin() {
        return api.withToken(login("admin", ADMIN_PASSWORD));
    }

    /** Registers a user and returns a client signed in as them. */
    protected ApiClient newUser(String username) {
        ApiClient.Response response = api.postJson("/register", java.util.Map.of("username", username,
                "email", username + "@example.com", "password", "password-" + username + "-1"));
        if (response.status() != 200) {
            throw new IllegalStateException("registration of " + username + " failed: " + response.status() + " " + response.body());
        }
        return api.withToken(login(username, "password-" + username + "-1"));
    }
}
