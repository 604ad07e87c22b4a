package io.coderunner.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that an endpoint may be called with an API key, and which scope the key needs. A
 * route without it is closed to API keys unless it is public ({@code @PermitAll}) or its
 * {@code @PreAuthorize} names a {@code SCOPE_} authority: {@link ApiKeyRouteGuard} enforces it,
 * so a key made for reading the library can never run code or read what it was not made for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KeyScope {

    /** The scope ids (as {@code apikeys.ApiScope} names them) of which the key needs one; empty: any key. */
    String[] value();
}
