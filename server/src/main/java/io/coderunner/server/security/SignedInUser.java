package io.coderunner.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * For users signed in themselves, not for programs holding one of their API keys: an endpoint
 * that manages the account's own things (its keys, projects, terminals, posts) is not what a key
 * is handed out for. Keys reach only the routes declared for them ({@link KeyScope}).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("isAuthenticated() and !hasRole('API_KEY')")
public @interface SignedInUser {
}
