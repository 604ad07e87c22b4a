package io.coderunner.server.community;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.server.ApiClient;
import io.coderunner.server.ServerTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the community tests share: writing posts and comments, and reading ids. */
abstract class CommunityTestSupport extends ServerTest {

    static Map<String, Object> post(String title, String content, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("content", content);
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    static JsonNode createPost(ApiClient client, Map<String, Object> body) {
        ApiClient.Response response = client.postJson("/community/posts", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static long createPost(ApiClient client, String title, boolean isPublic) {
        return createPost(client, post(title, "about " + title, "is_public", isPublic)).get("id").asLong();
    }

    static JsonNode comment(ApiClient client, long postId, String content, Long parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", content);
        if (parentId != null) {
            body.put("parent_id", parentId);
        }
        ApiClient.Response response = client.postJson("/community/posts/" + postId + "/comments", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static long userId(ApiClient client) {
        return client.get("/users/me").json().get("id").asLong();
    }

    static List<Long> ids(JsonNode array) {
        return array.valueStream().map(node -> node.get("id").asLong()).toList();
    }
}
