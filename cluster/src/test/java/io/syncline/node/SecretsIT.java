package io.syncline.node;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret the node is given or makes shows up where it should not: the operator's key, a new key's secret (after
 * the one answer that shows it), a provider's key, a password in a git URL, and a key a client mistyped never
 * appear in the node's log, in any answer, or in the journal.
 */
class SecretsIT {

    private static final String PROVIDER_SECRET = "sk-provider-" + UUID.randomUUID();
    private static final String GIT_PASSWORD = "git-password-" + UUID.randomUUID();

    private static TestKeyspace keyspace;
    private static ActorTestKit testKit;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() {
        keyspace = TestKeyspace.create(SecretsIT.class);
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void tearDown() {
        testKit.shutdownTestKit();
        keyspace.close();
    }

    @Test
    void noSecretAppearsInTheLogTheAnswersOrTheJournal() throws Exception {
        Path keyFile = Files.writeString(tmp.resolve("provider.key"), PROVIDER_SECRET + "\n");
        TestRepo repo = TestRepo.bare(tmp.resolve("docs.git"));
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < 5; i++) {
            files.file("docs/page-" + i + ".md", TestCorpus.markdown(7000 + i, 2));
        }
        files.commit();
        NodeProcess node = new NodeProcess(keyspace.name(), Files.createDirectories(tmp.resolve("home")), Map.of());
        Api api = new Api(node.httpPort());
        List<Api.Response> answers = new ArrayList<>();
        String newKey;
        try (FakeEmbeddingServer provider = FakeEmbeddingServer.start()) {
            node.start();
            await(Duration.ofMinutes(2), () -> {
                assertThat(node.alive()).as("node process (log %s)", node.log()).isTrue();
                assertThat(node.ready()).isTrue();
                return null;
            });
            Api.Response created = api.post("/v1/keys",
                    "{\"name\":\"tool\",\"role\":\"editor\",\"workspaces\":[\"*\"]}");
            assertThat(created.status()).isEqualTo(201);
            newKey = created.json().get("secret").asText();
            Api tool = api.withKey(newKey);

            answers.add(expect(tool.post("/v1/workspaces", "{\"id\":\"secret\"}"), 403));
            answers.add(expect(api.put("/v1/endpoints/fake", "{\"kind\":\"openai\",\"baseUrl\":"
                    + Api.quote(provider.openAiBaseUrl()) + ",\"apiKeyFile\":" + Api.quote(keyFile.toString())
                    + ",\"models\":{\"text-embedding-3-small\":[384]}}"), 200));
            answers.add(expect(api.post("/v1/workspaces", "{\"id\":\"secret\",\"embedding\":{\"endpoint\":\"fake\","
                    + "\"model\":\"text-embedding-3-small\"}}"), 201));
            answers.add(expect(tool.post("/v1/workspaces/secret/sources", "{\"id\":\"private\",\"type\":\"git\","
                    + "\"uri\":\"https://someone:" + GIT_PASSWORD + "@127.0.0.1:9/private.git\"}"), 400));
            answers.add(expect(tool.post("/v1/workspaces/secret/sources", "{\"id\":\"repo\",\"type\":\"git\","
                    + "\"uri\":" + Api.quote(repo.location().toString()) + ",\"branch\":\"main\"}"), 201));
            String job = expect(tool.post("/v1/workspaces/secret/syncs", "{\"source\":\"repo\",\"mode\":\"full\"}"),
                    202).json().get("job").asText();
            JsonNode done = await(Duration.ofMinutes(2), () -> {
                Api.Response view = tool.get("/v1/workspaces/secret/syncs/" + job);
                assertThat(view.json().get("state").asText()).isEqualTo("completed");
                answers.add(view);
                return view.json();
            });
            assertThat(done.get("chunks").get("embedded").asInt()).as("the provider was used").isPositive();
            answers.add(expect(tool.post("/v1/workspaces/secret/search", "{\"query\":\"anything\"}"), 200));
            answers.add(expect(api.withKey(newKey + "x").get("/v1/workspaces/secret"), 401));
            answers.add(expect(api.withKey(Api.ADMIN_KEY.substring(1)).get("/v1/workspaces/secret"), 401));
            for (String path : new String[]{"/v1/workspaces/secret", "/v1/workspaces/secret/manifest",
                    "/v1/workspaces/secret/dead-letters", "/v1/providers", "/v1/keys", "/v1/audit", "/v1/endpoints"}) {
                answers.add(expect(api.get(path), 200));
            }
        } finally {
            node.stop();
        }

        String log = Files.readString(node.log());
        assertThat(log).as("the node's log").contains("Syncline node serving");
        String journal = journalText();
        assertThat(journal).as("the journal").contains("text-embedding-3-small");
        for (String secret : List.of(PROVIDER_SECRET, GIT_PASSWORD, newKey, Api.ADMIN_KEY)) {
            String tail = secret.substring(secret.length() - 20);
            assertThat(log).as("the node's log").doesNotContain(tail);
            assertThat(journal).as("the journal").doesNotContain(tail);
            for (Api.Response answer : answers) {
                assertThat(answer.body()).as("an answer").doesNotContain(tail);
            }
        }
    }

    /** Every event and snapshot of the keyspace as text (the payloads are JSON). */
    private static String journalText() {
        StringBuilder text = new StringBuilder();
        for (Row row : keyspace.session().execute("SELECT event FROM " + keyspace.name() + ".messages")) {
            text.append(utf8(row.getByteBuffer("event"))).append('\n');
        }
        for (Row row : keyspace.session().execute("SELECT snapshot_data FROM " + keyspace.name() + ".snapshots")) {
            text.append(utf8(row.getByteBuffer("snapshot_data"))).append('\n');
        }
        return text.toString();
    }

    private static String utf8(ByteBuffer bytes) {
        if (bytes == null) {
            return "";
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.duplicate().get(array);
        return new String(array, StandardCharsets.UTF_8);
    }

    private static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static <T> T await(Duration max, Supplier<T> assertion) {
        return testKit.createTestProbe().awaitAssert(max, assertion::get);
    }
}
