package io.coderunner.server.http;

import io.coderunner.server.system.CodeRunnerSettings;
import java.nio.file.Path;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * No error a client reads names where the data directory is: a message from the file system that
 * reached a problem's {@code detail} shows the data directory as {@code [data]}. The modules word
 * their messages with the client's own names (a project's path); this is the net under them.
 */
@ControllerAdvice
class HostPathsHidden implements ResponseBodyAdvice<Object> {

    private final String dataDir;
    private final String realDataDir;

    HostPathsHidden(CodeRunnerSettings settings) {
        Path dir = settings.dataDir().toAbsolutePath().normalize();
        this.dataDir = dir.toString();
        String real;
        try {
            real = dir.toRealPath().toString();
        } catch (java.io.IOException e) {
            real = dataDir;
        }
        this.realDataDir = real;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
            problem.setDetail(hide(problem.getDetail()));
        }
        return body;
    }

    String hide(String text) {
        String hidden = dataDir.length() > 1 ? text.replace(dataDir, "[data]") : text;
        return realDataDir.length() > 1 ? hidden.replace(realDataDir, "[data]") : hidden;
    }
}
