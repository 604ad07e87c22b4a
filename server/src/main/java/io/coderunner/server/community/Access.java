package io.coderunner.server.community;

/**
 * Who may call the community's endpoints: signed-in users. An API key's scopes (running code,
 * reading the library) say nothing about posting or following, so a key is refused here.
 */
final class Access {

    static final String SIGNED_IN = "isAuthenticated() and !hasRole('API_KEY')";

    private Access() {
    }
}
