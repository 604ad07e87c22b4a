package io.coderunner.server.system;

import java.util.ArrayList;
import java.util.List;
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

    public CallerAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
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
