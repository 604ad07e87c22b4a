/**
 * Who is calling and what they may call: the stateless filter chain and its hardening headers,
 * the caller's authentication by the {@code TokenAuthenticator}s modules provide, browser session
 * cookies and CSRF, API keys' routes ({@code @KeyScope}), {@code @SignedInUser}, and sockets'
 * sign-in and admission.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security", type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {"http", "system"})
package io.coderunner.server.security;
