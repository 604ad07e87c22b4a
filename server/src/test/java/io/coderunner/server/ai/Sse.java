package io.coderunner.server.ai;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Server-Sent Events as a client reads them from a response body. */
record Sse(String name, JsonNode data) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Sse> parse(String body) {
        List<Sse> events = new ArrayList<>();
        for (String block : body.split("\\r?\\n\\r?\\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\\r?\\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
            if (!data.isEmpty()) {
                events.add(new Sse(name, JSON.readTree(data.toString())));
            }
        }
        return events;
    }

    static String tokens(List<Sse> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("token")).forEach(e -> text.append(e.data().get("text").asString()));
        return text.toString();
    }
}
