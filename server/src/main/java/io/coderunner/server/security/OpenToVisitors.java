package io.coderunner.server.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * What a person without an account may read too: public programs, posts and profiles behind a
 * shared link. The handler takes {@code Caller.orVisitor(caller)}, so a signed-in user still sees
 * their own private things. Programs holding an API key are kept to the routes declared for them
 * ({@link KeyScope}), as for {@link SignedInUser}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("!hasRole('API_KEY')")
public @interface OpenToVisitors {
}
