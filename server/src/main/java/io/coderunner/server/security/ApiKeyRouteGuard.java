package io.coderunner.server.security;

import io.coderunner.server.http.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What an API key may call: only routes declared for keys ({@link KeyScope}) with a scope the key
 * has, routes whose {@code @PreAuthorize} checks a {@code SCOPE_} authority itself, and public
 * routes. Everything else answers 403 to a key, whatever the signed-in owner could do: a key is
 * handed to programs, and is worth only what it was made for.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyRouteGuard implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(handler instanceof HandlerMethod method)
                || authentication == null
                || !(authentication.getPrincipal() instanceof Caller caller)
                || !caller.viaApiKey()) {
            return true;
        }
        KeyScope declared = method.getMethodAnnotation(KeyScope.class);
        if (declared != null) {
            if (declared.value().length > 0 && Arrays.stream(declared.value()).noneMatch(caller.scopes()::contains)) {
                throw new ForbiddenException("this API key lacks the scope this route needs: "
                        + String.join(" or ", declared.value()) + " (the key has: "
                        + (caller.scopes().isEmpty() ? "none" : String.join(", ", caller.scopes().stream().sorted().toList())) + ")");
            }
            return true;
        }
        PreAuthorize rule = method.getMethodAnnotation(PreAuthorize.class);
        if (rule != null && rule.value().contains("SCOPE_")) {
            return true;
        }
        if (method.hasMethodAnnotation(PermitAll.class)) {
            return true;
        }
        throw new ForbiddenException("API keys cannot use this route: sign in as the user instead");
    }
}
