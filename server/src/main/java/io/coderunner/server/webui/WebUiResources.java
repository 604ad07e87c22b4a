package io.coderunner.server.webui;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The UI's built scripts and styles have their content's hash in their names: browsers may keep them for good. */
@Configuration(proxyBeanMethods = false)
class WebUiResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(WebUiRouting.PREFIX + "/assets/**")
                .addResourceLocations("classpath:/META-INF/resources" + WebUiRouting.PREFIX + "/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
