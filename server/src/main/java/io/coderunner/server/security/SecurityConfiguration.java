package io.coderunner.server.security;

import io.coderunner.server.http.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Each endpoint says it itself ({@code @PreAuthorize} on its method, checked by
 * a test that walks every route); here the chain only authenticates the caller, answers 401/403
 * as problem details, and sets the hardening headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    /** Content-Security-Policy: only this origin's scripts and styles (Swagger UI needs inline styles). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, List<TokenAuthenticator> authenticators) throws Exception {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookiePath("/");
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // The header carries the cookie's value as it is (no per-response masking), as a page's script reads it.
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::changesSomethingSignedInByCookie)
                        // Stateless: every request signed in by cookie counts as an authentication, and the default
                        // strategy would clear the CSRF cookie on each of them, leaving the page without its token.
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new CallerAuthenticationFilter(authenticators), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // Actuator's endpoints are not controllers with their own rules: health tells anyone only
                        // its status (details when-authorized, for administrators); metrics are the operators'.
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").access((authentication, context) ->
                                new AuthorizationDecision(readsMetrics(authentication.get())))
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                                    "authentication required: send Authorization: Bearer <access token or API key>");
                        })
                        .accessDeniedHandler((request, response, e) -> ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                                e instanceof CsrfException
                                        ? "missing or wrong CSRF token: a request signed in by cookie must send the "
                                                + SessionCookies.CSRF + " cookie's value in the " + SessionCookies.CSRF_HEADER + " header"
                                        : "forbidden: " + request.getMethod() + " " + request.getRequestURI()
                                                + " is not allowed for this caller")))
                .headers(headers -> headers
                        // The HTML preview is a document of the user's own, framed by the editor, with a policy
                        // of its own (its scripts run in an opaque origin); every other answer gets the site's.
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_PREVIEW,
                                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_PREVIEW,
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(request -> !NOT_PREVIEW.matches(request),
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
        return http.build();
    }

    /**
     * An administrator signed in, or a key of an administrator's made for scraping metrics (keys
     * never carry ROLE_ADMIN: whether the owner is one is read from the caller, checked per request).
     */
    static boolean readsMetrics(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            return false;
        }
        return caller.admin() && (!caller.viaApiKey() || caller.scopes().contains("metrics"));
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Where the web UI's HTML preview is shown (the webui module's {@code HtmlPreviewController}). */
    static final String PREVIEW_PATH = "/preview";
    private static final RequestMatcher NOT_PREVIEW = request -> !PREVIEW_PATH.equals(request.getRequestURI());

    /**
     * Signing in and registering need no token: they are how a browser gets one; nor do asking for a
     * password reset link and using one, which a signed-out browser does. The preview changes
     * nothing and shows what it is sent only in an opaque origin, framed by this site (it checks
     * that the request came from this site's own page).
     */
    private static final Set<String> OPEN_PATHS = Set.of("/login", "/register", "/forgot-password", "/reset-password",
            PREVIEW_PATH);

    /**
     * Only requests a browser could be tricked into sending need CSRF protection: those that
     * change something and are signed in by cookie alone. A request that carries its credential
     * in a header was made by a program (or a page) that holds the credential itself.
     */
    static boolean changesSomethingSignedInByCookie(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                && request.getHeader("Authorization") == null
                && request.getHeader("X-API-Key") == null
                && SessionCookies.present(request)
                && !OPEN_PATHS.contains(request.getRequestURI())
                && !request.getRequestURI().startsWith(SANDBOX_PREVIEW_PREFIX);
    }

    /**
     * A sandbox's previewed server decides for itself what its forms need; the proxy there lets
     * in only the preview token's holder and the owner (sandboxes.PreviewProxyFilter), and the
     * session cookie is SameSite=Lax, so another site cannot post with it.
     */
    static final String SANDBOX_PREVIEW_PREFIX = "/sandbox-preview/";
}
