package io.coderunner.server.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers' wire formats, as their public APIs answer: OpenAI chat completions (JSON, and
 * Server-Sent Events of chunks ending with [DONE]), Anthropic messages (JSON, and its typed events),
 * Gemini generateContent (JSON, and streamGenerateContent as Server-Sent Events) and Ollama's
 * /api/chat (JSON, and newline-delimited JSON).
 */
public final class Wire {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = "application/json";
    private static final String SSE_TYPE = "text/event-stream";

    private Wire() {
    }

    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    static ProviderStub.Reply status(int status, String body) {
        return new ProviderStub.Reply(status, JSON_TYPE, List.of(body), Duration.ZERO);
    }

    public static ProviderStub.Reply openAi(String text, int in, int out) {
        return json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1730000000,"model":"gpt-test",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(quote(text), in, out, in + out));
    }

    static ProviderStub.Reply openAiStream(List<String> tokens, int in, int out) {
        List<String> chunks = new ArrayList<>();
        chunks.add(sse(null, """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-test",
                 "choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"""));
        for (String token : tokens) {
            chunks.add(sse(null, """
                    {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-test",
                     "choices":[{"index":0,"delta":{"content":%s},"finish_reason":null}]}""".formatted(quote(token))));
        }
        chunks.add(sse(null, """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-test",
                 "choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""));
        chunks.add(sse(null, """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-test","choices":[],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(in, out, in + out)));
        chunks.add("data: [DONE]\n\n");
        return new ProviderStub.Reply(200, SSE_TYPE, chunks, Duration.ZERO);
    }

    static ProviderStub.Reply anthropic(String text, int in, int out) {
        return json("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
                 "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":%d,"output_tokens":%d}}""".formatted(quote(text), in, out));
    }

    static ProviderStub.Reply anthropicStream(List<String> tokens, int in, int out) {
        List<String> chunks = new ArrayList<>();
        chunks.add(sse("message_start", """
                {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
                 "content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":%d,"output_tokens":1}}}""".formatted(in)));
        chunks.add(sse("content_block_start", """
                {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""));
        for (String token : tokens) {
            chunks.add(sse("content_block_delta", """
                    {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":%s}}""".formatted(quote(token))));
        }
        chunks.add(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        chunks.add(sse("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":%d}}""".formatted(out)));
        chunks.add(sse("message_stop", "{\"type\":\"message_stop\"}"));
        return new ProviderStub.Reply(200, SSE_TYPE, chunks, Duration.ZERO);
    }

    static ProviderStub.Reply gemini(String text, int in, int out) {
        return json(geminiChunk(text, in, out, true));
    }

    static ProviderStub.Reply geminiStream(List<String> tokens, int in, int out) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            boolean last = i == tokens.size() - 1;
            chunks.add(sse(null, geminiChunk(tokens.get(i), in, last ? out : i + 1, last).replace("\n", "")));
        }
        return new ProviderStub.Reply(200, SSE_TYPE, chunks, Duration.ZERO);
    }

    private static String geminiChunk(String text, int in, int out, boolean last) {
        return """
                {"candidates":[{"content":{"parts":[{"text":%s}],"role":"model"}%s,"index":0}],
                 "usageMetadata":{"promptTokenCount":%d,"candidatesTokenCount":%d,"totalTokenCount":%d},
                 "modelVersion":"gemini-test"}""".formatted(quote(text), last ? ",\"finishReason\":\"STOP\"" : "", in, out, in + out);
    }

    static ProviderStub.Reply ollama(String text, int in, int out) {
        return json("""
                {"model":"llama-test","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":%s},
                 "done":true,"done_reason":"stop","prompt_eval_count":%d,"eval_count":%d}""".formatted(quote(text), in, out));
    }

    static ProviderStub.Reply ollamaStream(List<String> tokens, int in, int out) {
        List<String> chunks = new ArrayList<>();
        for (String token : tokens) {
            chunks.add("{\"model\":\"llama-test\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":" + quote(token) + "},\"done\":false}\n");
        }
        chunks.add("{\"model\":\"llama-test\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":" + in + ",\"eval_count\":"
                + out + "}\n");
        return new ProviderStub.Reply(200, "application/x-ndjson", chunks, Duration.ZERO);
    }

    private static ProviderStub.Reply json(String body) {
        return new ProviderStub.Reply(200, JSON_TYPE, List.of(body.replace("\n", "")), Duration.ZERO);
    }

    private static String sse(String event, String data) {
        return (event == null ? "" : "event: " + event + "\n") + "data: " + data.replace("\n", "") + "\n\n";
    }
}
