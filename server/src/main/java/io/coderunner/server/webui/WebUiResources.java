package io.coderunner.server.webui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.CachingResourceResolver;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * The UI's files as the build left them (web/vite.config.ts): each script, style sheet, page and icon
 * with a brotli (.br) and a gzip (.gz) copy beside it. A browser gets the smallest copy it accepts
 * (brotli, then gzip, then the file itself: {@link PreferredEncoding}), compressed once at build time rather than per request.
 * The scripts and styles have their content's hash in their names, so browsers may keep them for good;
 * index.html (also the answer for every route, see {@link WebUiRouting}) changes with each release and
 * is checked every time.
 */
@Configuration(proxyBeanMethods = false)
class WebUiResources implements WebMvcConfigurer {

    private static final String FILES = "classpath:/META-INF/resources" + WebUiRouting.PREFIX + "/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        ResourceHandlerRegistration assets = registry.addResourceHandler(WebUiRouting.PREFIX + "/assets/**")
                .addResourceLocations(FILES + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        withPrecompressedCopies(assets);
        withPrecompressedCopies(registry.addResourceHandler(WebUiRouting.PREFIX + "/**")
                .addResourceLocations(FILES)
                .setCacheControl(CacheControl.noCache()));
    }

    /**
     * The browser's codings put in our order first (so the cache's key is the one the answer depends on),
     * then the cache of what was found, then the .br or .gz copy when there is one, else the file.
     */
    private static void withPrecompressedCopies(ResourceHandlerRegistration registration) {
        registration.resourceChain(false)
                .addResolver(new PreferredEncoding())
                .addResolver(new CachingResourceResolver(new ConcurrentMapCache("webui-files")))
                .addResolver(new EncodedResourceResolver())
                .addResolver(new PathResourceResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new VaryByEncoding()).addPathPatterns(WebUiRouting.PREFIX + "/**");
    }

    /**
     * Caches must keep the plain file apart from the compressed ones: the resolver says so on the
     * compressed answers only, this says it on the plain ones too (the compressed ones replace it).
     */
    private static final class VaryByEncoding implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            return true;
        }
    }
}
