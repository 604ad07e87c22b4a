package io.coderunner.server.ai;

import io.coderunner.server.security.Caller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Seed 002's AI status: the providers a caller's requests would go to, in order, and whether each
 * can be reached now (a TCP connection to its host; the key is only tried by a real request).
 */
@Component
class ProviderStatus {

    private static final int CONNECT_MILLIS = 3000;

    private final ProviderChain chains;
    private final BaseUrls baseUrls;

    ProviderStatus(ProviderChain chains, BaseUrls baseUrls) {
        this.chains = chains;
        this.baseUrls = baseUrls;
    }

    /** @param reachable null when it was not tried (connect=false) */
    record Entry(String name, String provider, String model, String source, Boolean reachable, String detail) {
    }

    Map<String, Object> of(Caller caller, boolean connect) {
        List<ProviderChain.Entry> chain = chains.of(caller, null);
        List<Entry> entries = chain.stream().map(e -> connect ? entry(e) : unchecked(e)).toList();
        boolean available = connect ? entries.stream().anyMatch(e -> Boolean.TRUE.equals(e.reachable()))
                : chain.stream().anyMatch(e -> e.unusable() == null);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("available", available);
        status.put("configured", !entries.isEmpty());
        status.put("message", entries.isEmpty() ? "no AI provider is configured: add one with POST /ai-configs"
                : available ? "AI assistance is available" : "no configured AI provider can be reached");
        status.put("providers", entries);
        return status;
    }

    private static Entry unchecked(ProviderChain.Entry e) {
        ProviderTarget t = e.target();
        return new Entry(t.name(), t.provider().id(), t.model(), t.userGiven() ? "your configuration" : "server", null,
                e.unusable() != null ? e.unusable().message() : "not checked");
    }

    private Entry entry(ProviderChain.Entry e) {
        ProviderTarget t = e.target();
        String source = t.userGiven() ? "your configuration" : "server";
        if (e.unusable() != null) {
            return new Entry(t.name(), t.provider().id(), t.model(), source, false, e.unusable().message());
        }
        String refusal = t.userGiven() ? baseUrls.refusal(t.baseUrl()) : null;
        if (refusal != null) {
            return new Entry(t.name(), t.provider().id(), t.model(), source, false, refusal);
        }
        String problem = connect(t.baseUrl());
        return new Entry(t.name(), t.provider().id(), t.model(), source, problem == null,
                problem == null ? "reachable at " + t.baseUrl() : problem);
    }

    private static String connect(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            return "base URL " + baseUrl + " is not a valid URL";
        }
        if (uri.getHost() == null) {
            return "base URL " + baseUrl + " has no host";
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_MILLIS);
            return null;
        } catch (IOException e) {
            return "cannot be reached at " + baseUrl + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }
}
