package io.coderunner.server.ai;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * LangChain4j's HTTP transport for provider calls, on the JDK's client, with two things its own
 * JDK client does not do: it follows no redirect (a checked base URL cannot pass the request on to
 * an internal address), and it reads at most {@link #MAX_ANSWER_BYTES} of an answer
 * ({@link #MAX_STREAM_BYTES} of a stream). A base URL is the user's choice, so the server at the
 * other end may be hostile: without a bound, one endless answer would fill the server's memory.
 *
 * <p>Plain requests are sent here, because {@code JdkHttpClient} reads a whole body into memory
 * before returning it; streams go through {@code JdkHttpClient} with the parser reading through a
 * bounded stream.
 */
final class BoundedHttpClient implements HttpClient {

    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    static final long MAX_STREAM_BYTES = 32L * 1024 * 1024;

    /** An answer over the limit; an IOException, as the parsers expect of their input. */
    static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(long limit) {
            super("the answer is larger than " + limit / (1024 * 1024) + " MiB");
        }
    }

    private final java.net.http.HttpClient http;
    private final HttpClient streams;
    private final Duration readTimeout;

    private BoundedHttpClient(Builder builder) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER);
        if (builder.connectTimeout != null) {
            jdk.connectTimeout(builder.connectTimeout);
        }
        this.http = jdk.build();
        this.readTimeout = builder.readTimeout;
        this.streams = JdkHttpClient.builder()
                .httpClientBuilder(java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER))
                .connectTimeout(builder.connectTimeout).readTimeout(builder.readTimeout).build();
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("form uploads are not sent to AI providers");
        }
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> jdk.header(name, value));
            }
        });
        if (readTimeout != null) {
            jdk.timeout(readTimeout);
        }
        try {
            HttpResponse<InputStream> response = http.send(jdk.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = readAtMost(in, MAX_ANSWER_BYTES);
            }
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw new HttpException(response.statusCode(), new String(body, StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode()).headers(response.headers().map())
                    .body(body).build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the provider", e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        streams.execute(request, (in, events) -> parser.parse(new Bounded(in, MAX_STREAM_BYTES), events), listener);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > limit) {
                throw new AnswerTooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Fails the read that would go past the limit. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new AnswerTooLargeException(limit);
            }
        }
    }

    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public BoundedHttpClient build() {
            return new BoundedHttpClient(this);
        }
    }
}
