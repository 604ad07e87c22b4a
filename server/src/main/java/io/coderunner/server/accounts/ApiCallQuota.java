package io.coderunner.server.accounts;

import io.coderunner.server.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every call to the external API ({@code /api/v1/**}) made with an API key takes one of the key
 * owner's daily API calls, whatever it asks for; over the quota it is refused before it runs.
 */
@Configuration(proxyBeanMethods = false)
class ApiCallQuota implements WebMvcConfigurer {

    private final Quotas quotas;

    ApiCallQuota(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof Caller caller && caller.viaApiKey()) {
                    quotas.take(caller, Quotas.Kind.API_CALLS);
                }
                return true;
            }
        }).addPathPatterns("/api/v1/**");
    }
}
