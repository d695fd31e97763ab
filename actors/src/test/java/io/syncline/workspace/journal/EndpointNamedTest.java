package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.workspace.IndexSettings;
import io.syncline.workspace.WorkspaceEvent;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace of 0.1 gave its remote model's URL and key's place itself; read by 0.2.0 it names an endpoint, the
 * same one for every workspace of the same URL and key, while what 0.2.0 writes keeps the name the admin gave.
 */
class EndpointNamedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("endpoint-named");
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void aRemoteConfigOf01NamesTheEndpointItsUrlAndKeyMake() throws Exception {
        ObjectNode created = event("openai", "https://gateway.internal/v1", "OPENAI_API_KEY");
        ObjectNode sameEndpoint = event("openai", "https://gateway.internal/v1", "OPENAI_API_KEY");
        ObjectNode otherKey = event("openai", "https://gateway.internal/v1", "OTHER_KEY");

        String name = named(new EndpointNamed().transform(1, created));

        assertThat(name).matches("migrated-openai-[0-9a-f]{10}");
        assertThat(named(new EndpointNamed().transform(1, sameEndpoint))).isEqualTo(name);
        assertThat(named(new EndpointNamed().transform(1, otherKey))).startsWith("migrated-openai-").isNotEqualTo(name);
    }

    @Test
    void theProvidersOwnUrlNamesTheSameEndpointWhetherGivenOrNot() throws Exception {
        assertThat(named(new EndpointNamed().transform(1, event("openai", null, "OPENAI_API_KEY"))))
                .isEqualTo(named(new EndpointNamed().transform(1, event("openai", "https://api.openai.com/v1",
                        "OPENAI_API_KEY"))));
    }

    @Test
    void aLocalModelNamesNoEndpointAndANamedOneKeepsItsName() throws Exception {
        ObjectNode local = (ObjectNode) JSON.readTree("{\"config\": {\"embedding\": {\"provider\": \"local\","
                + " \"model\": \"all-minilm-l6-v2-q\"}}}");
        assertThat(new EndpointNamed().transform(1, local).at("/config/embedding").has("endpoint")).isFalse();

        ObjectNode named = event("openai", "https://gateway.internal/v1", "OPENAI_API_KEY");
        ((ObjectNode) named.at("/config/embedding")).put("endpoint", "openai-main");
        assertThat(named(new EndpointNamed().transform(2, named))).isEqualTo("openai-main");
    }

    @Test
    void aSnapshotOfEitherEarlierVersionNamesTheEndpointsOfBothConfigs() throws Exception {
        for (int version : new int[]{1, 2}) {
            ObjectNode state = JSON.createObjectNode();
            state.set("config", event("cohere", null, "COHERE_KEY").get("config"));
            state.set("activeConfig", event("openai", "http://127.0.0.1:9/v1", "OPENAI_API_KEY").get("config"));

            new SnapshotVersions().transform(version, state);

            assertThat(state.at("/config/embedding/endpoint").asText()).as("version " + version)
                    .startsWith("migrated-cohere-");
            assertThat(state.at("/activeConfig/embedding/endpoint").asText()).as("version " + version)
                    .isEqualTo(MigratedEndpoints.name("openai", "http://127.0.0.1:9/v1", "OPENAI_API_KEY", null));
        }
    }

    @Test
    void theNameAnAdminGaveIsWrittenAndReadBackInEitherFormat() {
        Serialization serialization = SerializationExtension.get(system);
        WorkspaceEvent.WorkspaceCreated created = new WorkspaceEvent.WorkspaceCreated("ws", new IndexSettings(
                new IndexSettings.Embedding("openai", "text-embedding-3-small", "https://gateway.internal/v1", 512,
                        "OPENAI_API_KEY", null, null, null, null, null, null, "openai-main"),
                new IndexSettings.Chunking(400, 40)), Instant.parse("2026-12-02T10:00:00Z"));
        try {
            for (int format = JournalFormat.OLDEST; format <= JournalFormat.NEWEST; format++) {
                JournalFormat.use(format);
                Object read = serialization.deserialize(serialization.serialize(created).get(),
                        WorkspaceEvent.WorkspaceCreated.class).get();
                assertThat(read).as("format " + format).isEqualTo(created);
            }
        } finally {
            JournalFormat.use(JournalFormat.OLDEST);
        }
    }

    private static ObjectNode event(String provider, String baseUrl, String apiKeyEnv) throws Exception {
        ObjectNode embedding = JSON.createObjectNode().put("provider", provider).put("model", "a-model");
        if (baseUrl != null) {
            embedding.put("baseUrl", baseUrl);
        }
        embedding.put("apiKeyEnv", apiKeyEnv);
        ObjectNode event = JSON.createObjectNode().put("workspaceId", "ws");
        event.set("config", JSON.createObjectNode().set("embedding", embedding));
        return event;
    }

    private static String named(JsonNode event) {
        return event.at("/config/embedding/endpoint").asText();
    }
}
