package io.coderunner.server.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link Caller} as Spring Security holds it. Its authorities are {@code ROLE_USER},
 * {@code ROLE_ADMIN} for administrators, {@code ROLE_API_KEY} and one {@code SCOPE_x} per scope for
 * a call made with an API key.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Supplier<Instant> expiry;
    private final boolean viaCookie;

    public CallerAuthentication(Caller caller) {
        this(caller, null, false);
    }

    /**
     * @param expiry    when the credential stops being good by itself (null when it does not);
     *                  asked only by those who need it, as it may cost a lookup
     * @param viaCookie whether the browser's session cookie carried the credential
     */
    public CallerAuthentication(Caller caller, Supplier<Instant> expiry, boolean viaCookie) {
        super(authorities(caller));
        this.caller = caller;
        this.expiry = expiry == null ? () -> null : expiry;
        this.viaCookie = viaCookie;
        setAuthenticated(true);
    }

    /** When the credential stops being good by itself, or null when it does not expire. */
    public Instant expiresAt() {
        return expiry.get();
    }

    public boolean viaCookie() {
        return viaCookie;
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (caller.admin() && !caller.viaApiKey()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        if (caller.viaApiKey()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_API_KEY"));
            caller.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        }
        return authorities;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.username();
    }
}
