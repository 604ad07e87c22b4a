package io.coderunner.server.webui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.resource.AbstractResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * First in the UI's resolver chain: rewrites the browser's Accept-Encoding into our order of preference
 * before the cache and Spring's EncodedResourceResolver see it. That resolver takes the first coding
 * in the order the browser lists them, and browsers list gzip first ("gzip, deflate, br, zstd"), which
 * would send them the larger file; and neither it nor the cache heeds a coding refused with q=0,
 * which is left out here, so the cache never hands brotli to a browser that refused it.
 */
final class PreferredEncoding extends AbstractResourceResolver {

    /** The smaller file first. */
    private static final List<String> PREFERRED = List.of("br", "gzip");

    @Override
    protected Resource resolveResourceInternal(HttpServletRequest request, String requestPath,
                                               List<? extends Resource> locations, ResourceResolverChain chain) {
        String accepted = request == null ? null : request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accepted == null) {
            return chain.resolveResource(request, requestPath, locations);
        }
        String preferred = preferred(accepted);
        return chain.resolveResource(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name) ? preferred : super.getHeader(name);
            }
        }, requestPath, locations);
    }

    @Override
    protected String resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
                                            ResourceResolverChain chain) {
        return chain.resolveUrlPath(resourceUrlPath, locations);
    }

    /** The accepted codings without their weights, ours first in our order, less those refused with q=0. */
    static String preferred(String acceptEncoding) {
        List<String> codings = new ArrayList<>(Arrays.stream(acceptEncoding.toLowerCase(Locale.ROOT).split(","))
                .map(String::strip)
                .filter(coding -> !coding.isEmpty() && !refused(coding))
                .map(coding -> coding.contains(";") ? coding.substring(0, coding.indexOf(';')).strip() : coding)
                .toList());
        codings.sort(Comparator.comparingInt(coding -> PREFERRED.contains(coding) ? PREFERRED.indexOf(coding) : PREFERRED.size()));
        return String.join(", ", codings);
    }

    private static boolean refused(String coding) {
        return coding.replace(" ", "").matches(".*;q=0(\\.0*)?$");
    }
}
