package io.syncline.node;

import io.syncline.source.TestRepo;
import io.syncline.testing.TestKeyspace;
import io.syncline.workspace.WorkspaceEntity;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input answers 4xx with {"error":{"code","message"}} whose message names the problem, and changes nothing:
 * checked on a real node, as a user would meet it, and by a bounded fuzz of every route that takes a body.
 */
class BadInputIT {

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Api api;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        keyspace = TestKeyspace.create(BadInputIT.class);
        // the per-key rate would answer most of the fuzz test's requests with 429 before their bodies are read
        node = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of("syncline.auth.requests-per-second", 100_000,
                "syncline.auth.burst", 100_000));
        api = node.api();
        assertThat(api.post("/v1/workspaces", "{\"id\":\"bad\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
        keyspace.close();
    }

    @Test
    void anUnknownWorkspaceIsNotFoundEverywhere() {
        for (Api.Response response : new Api.Response[]{
                api.get("/v1/workspaces/nowhere"),
                api.get("/v1/workspaces/nowhere/manifest"),
                api.get("/v1/workspaces/nowhere/syncs/job-1"),
                api.post("/v1/workspaces/nowhere/syncs", "{\"source\":\"repo\"}"),
                api.post("/v1/workspaces/nowhere/sources", "{\"id\":\"s\",\"type\":\"filesystem\",\"path\":\"/tmp\"}"),
                api.post("/v1/workspaces/nowhere/search", "{\"query\":\"anything\"}"),
                api.delete("/v1/workspaces/nowhere/sources/repo"),
                api.get("/v1/workspaces/Not%20An%20Id")}) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("not_found");
            assertThat(response.message()).contains("does not exist");
        }
    }

    @Test
    void requestsForWorkspacesThatNeverExistedStartNoEntityAndWriteNothing() {
        long journalRows = journalRows();

        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/v1/workspaces/ghost-" + i).status()).isEqualTo(404);
            assertThat(api.post("/v1/workspaces/ghost-" + i + "/search", "{\"query\":\"x\"}").status())
                    .isEqualTo(404);
        }

        TestProbe<CurrentShardRegionState> probe = TestProbe.create(node.node().system());
        ClusterSharding.get(node.node().system()).shardState()
                .tell(new GetShardRegionState(WorkspaceEntity.ENTITY_KEY, probe.getRef()));
        Set<String> running = probe.receiveMessage(Duration.ofSeconds(10)).getShards().stream()
                .flatMap(shard -> shard.getEntityIds().stream()).collect(Collectors.toSet());
        assertThat(running).contains("bad").noneMatch(id -> id.startsWith("ghost-"));
        assertThat(journalRows()).as("rows of the journal, remembered entities included").isEqualTo(journalRows);
    }

    private static long journalRows() {
        return keyspace.session().execute("SELECT COUNT(*) FROM " + keyspace.name() + ".messages").one().getLong(0);
    }

    @Test
    void malformedOrIncompleteWorkspaceRequestsAreRefusedWithTheFieldNamed() {
        expect(api.post("/v1/workspaces", "{\"id\": \"x\""), 400, "invalid_json", "not valid JSON");
        expect(api.post("/v1/workspaces", "[1,2]"), 400, "invalid_json", "must be a JSON object");
        expect(api.post("/v1/workspaces", "{}"), 400, "invalid_request", "'id' is required");
        expect(api.post("/v1/workspaces", "{\"id\":\"Has Spaces\"}"), 400, "invalid_request", "'id' must be");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"colour\":\"red\"}"), 400, "invalid_request",
                "unknown field 'colour'");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"model\":\"gpt-9\"}}"), 400,
                "invalid_request", "'gpt-9' is not a local model");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"provider\":\"gemini\"}}"), 400,
                "invalid_request", "embedding.provider must be one of local, openai, ollama, cohere");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"provider\":\"openai\"}}"), 400,
                "invalid_request", "embedding.endpoint is required for provider 'openai'");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"provider\":\"openai\","
                + "\"model\":\"text-embedding-3-small\",\"baseUrl\":\"http://127.0.0.1:1\"}}"), 400,
                "invalid_request", "an admin's to set");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"endpoint\":\"nope\","
                + "\"model\":\"text-embedding-3-small\"}}"), 400, "invalid_request", "endpoint 'nope' does not exist");
        expect(api.put("/v1/endpoints/bad", "{\"kind\":\"openai\",\"apiKeyEnv\":\"NO_SUCH_VARIABLE_HERE\","
                + "\"models\":{\"m\":[8]}}"), 400, "invalid_request", "NO_SUCH_VARIABLE_HERE");
        expect(api.put("/v1/endpoints/bad", "{\"kind\":\"local\",\"models\":{\"m\":[8]}}"), 400,
                "invalid_request", "field 'kind' must be one of openai, ollama, cohere");
        expect(api.put("/v1/endpoints/bad", "{\"kind\":\"ollama\",\"baseUrl\":\"file:///etc/passwd\","
                + "\"models\":{\"m\":[8]}}"), 400, "invalid_request", "field 'baseUrl' must be an http or https URL");
        expect(api.put("/v1/endpoints/bad", "{\"kind\":\"ollama\",\"models\":{}}"), 400, "invalid_request",
                "field 'models' must map");
        assertThat(api.get("/v1/endpoints").json().get("endpoints")).isEmpty();
        assertThat(api.put("/v1/endpoints/home", "{\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:9/v1\","
                + "\"apiKeyEnv\":\"HOME\",\"models\":{\"m\":[8,16]}}").status()).isEqualTo(200);
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"endpoint\":\"home\","
                + "\"model\":\"other\"}}"), 400, "invalid_request", "'other' is not served by endpoint 'home'");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"endpoint\":\"home\","
                + "\"model\":\"m\"}}"), 400, "invalid_request", "embedding.dimensions is required");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"endpoint\":\"home\","
                + "\"model\":\"m\",\"dimensions\":12}}"), 400, "invalid_request", "12 is not a size");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"embedding\":{\"endpoint\":\"home\","
                + "\"model\":\"m\",\"dimensions\":8,\"timeout\":\"soon\"}}"), 400,
                "invalid_request", "embedding.timeout must be a duration");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"chunking\":{\"maxTokens\":1000}}"), 400,
                "invalid_request", "chunking.maxTokens must be between 16 and 125");
        expect(api.post("/v1/workspaces", "{\"id\":\"x\",\"chunking\":{\"maxTokens\":\"many\"}}"), 400,
                "invalid_request", "maxTokens");
        expect(api.post("/v1/workspaces", "{\"id\":\"bad\"}"), 409, "conflict", "already exists");

        assertThat(api.get("/v1/workspaces/x").status()).as("no workspace was created").isEqualTo(404);
    }

    @Test
    void sourcesThatCannotWorkAreRefusedBeforeAnythingIsRecorded() {
        String sources = "/v1/workspaces/bad/sources";
        expect(api.post(sources, "{\"id\":\"s\"}"), 400, "invalid_request", "'type' is required");
        expect(api.post(sources, "{\"id\":\"s\",\"type\":\"svn\"}"), 400, "invalid_request", "'git' or 'filesystem'");
        expect(api.post(sources, "{\"id\":\"s\",\"type\":\"git\"}"), 400, "invalid_request", "'uri' is required");
        expect(api.post(sources, "{\"id\":\"s\",\"type\":\"filesystem\",\"path\":\"/no/such/dir\"}"), 400,
                "invalid_source", "/no/such/dir");
        expect(api.post(sources, "{\"id\":\"s\",\"type\":\"git\",\"uri\":\"/no/such/repo\"}"), 400,
                "invalid_source", "/no/such/repo");
        expect(api.post(sources, "{\"id\":\"s\",\"type\":\"git\",\"uri\":" + Api.quote(tmp.toString()) + "}"), 400,
                "invalid_source", "not a git repository");
        expect(api.post(sources, "{\"id\":\"s\",\"type\":\"git\",\"uri\":\"git@example.org:a/b.git\"}"), 400,
                "invalid_source", "https");

        assertThat(new Workflows(node).workspace("bad").get("sources")).isEmpty();
    }

    @Test
    void syncsOfUnknownSourcesOrRefsAreRefusedAndNoJobIsQueued() {
        TestRepo repo = TestRepo.bare(tmp.resolve("refs.git"));
        repo.on("main").file("a.md", "# A\n\nSome text.\n").commit();
        new Workflows(node).createWorkspace("refs", null);
        new Workflows(node).addGitSource("refs", "repo", repo.location().toString());
        String syncs = "/v1/workspaces/refs/syncs";

        expect(api.post(syncs, "{}"), 400, "invalid_request", "'source' is required");
        expect(api.post(syncs, "{\"source\":\"other\"}"), 404, "not_found", "source 'other' does not exist");
        expect(api.post(syncs, "{\"source\":\"repo\",\"mode\":\"sometimes\"}"), 400, "invalid_request",
                "'incremental' or 'full'");
        expect(api.post(syncs, "{\"source\":\"repo\",\"ref\":\"no-such-branch\"}"), 400, "ref_not_found",
                "no-such-branch");
        expect(api.get(syncs + "/job-1"), 404, "not_found", "job 'job-1'");

        assertThat(new Workflows(node).workspace("refs").get("sources").get(0).get("currentJob").isNull())
                .as("no job was queued").isTrue();
    }

    @Test
    void badSearchesAreRefusedWithTheFieldNamed() {
        String search = "/v1/workspaces/bad/search";
        expect(api.post(search, "{}"), 400, "invalid_request", "'query' is required");
        expect(api.post(search, "{\"query\":\"x\",\"k\":0}"), 400, "invalid_request", "'k' must be between 1");
        expect(api.post(search, "{\"query\":\"x\",\"filter\":{\"source\":\"nope\"}}"), 404, "not_found",
                "source 'nope'");
        expect(api.post(search, "{\"query\":\"x\",\"filter\":{\"folder\":\"docs\"}}"), 400, "invalid_request",
                "unknown field 'filter.folder'");
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonToo() {
        expect(api.get("/v2/anything"), 404, "not_found", "");
        expect(api.delete("/v1/workspaces"), 405, "method_not_allowed", "");
    }

    private static final long FUZZ_SEED = 20261202L;
    private static final int FUZZ_REQUESTS = 600;

    /** A route and a valid body for it, which the fuzzer mutates. */
    private record Target(String method, String path, String body) {
    }

    @Test
    void randomAndDamagedBodiesOnEveryRouteAreNever5xxAndStoreNothingRefused() {
        String docs = Api.quote(tmp.toString());
        List<Target> targets = List.of(
                new Target("POST", "/v1/workspaces", "{\"id\":\"fz\",\"embedding\":{\"model\":\"all-minilm-l6-v2-q\"},"
                        + "\"chunking\":{\"maxTokens\":64,\"overlapTokens\":8}}"),
                new Target("PUT", "/v1/workspaces/bad/config", "{\"chunking\":{\"maxTokens\":100}}"),
                new Target("POST", "/v1/workspaces/bad/sources", "{\"id\":\"d\",\"type\":\"filesystem\",\"path\":"
                        + docs + ",\"include\":[\"**/*.md\"],\"exclude\":[\"tmp/**\"],\"maxFileBytes\":1000}"),
                new Target("POST", "/v1/workspaces/bad/syncs", "{\"source\":\"d\",\"mode\":\"full\"}"),
                new Target("POST", "/v1/workspaces/bad/search", "{\"query\":\"how\",\"k\":3,"
                        + "\"filter\":{\"source\":\"d\",\"pathPrefix\":\"a/\"}}"),
                new Target("POST", "/v1/workspaces/bad/dead-letters/retry", "{\"ids\":[\"x\"]}"),
                new Target("POST", "/v1/keys", "{\"name\":\"n\",\"role\":\"reader\",\"workspaces\":[\"bad\"]}"),
                new Target("PUT", "/v1/endpoints/fz", "{\"kind\":\"ollama\",\"baseUrl\":\"http://127.0.0.1:9\","
                        + "\"models\":{\"m\":[8]}}"));
        Random random = new Random(FUZZ_SEED);
        List<String> refusedIds = new ArrayList<>();
        int answered4xx = 0;
        for (int i = 0; i < FUZZ_REQUESTS; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            String body = random.nextInt(10) == 0 ? BodyFuzzer.randomJson(random, 0)
                    : BodyFuzzer.mutate(target.body(), random);
            if (target.path().equals("/v1/workspaces")) {
                body = body.replace("\"fz\"", "\"fz" + i + "\"");
            }
            Api.Response response = api.send(target.method(), target.path(), body);

            assertThat(response.status()).as("%s %s with %s: %s", target.method(), target.path(), body,
                    response.body()).isLessThan(500);
            if (response.status() >= 400) {
                answered4xx++;
                assertThat(response.code()).as("the error code of %s", response.body()).isNotBlank();
                assertThat(response.message()).as("the message of %s", response.body()).isNotBlank();
                if (target.path().equals("/v1/workspaces") && body.contains("\"fz" + i + "\"")) {
                    refusedIds.add("fz" + i);
                }
            }
        }

        assertThat(answered4xx).as("bodies refused").isGreaterThan(FUZZ_REQUESTS / 2);
        assertThat(api.get("/v1/workspaces/bad").status()).as("the node still serves").isEqualTo(200);
        for (String id : refusedIds) {
            assertThat(api.get("/v1/workspaces/" + id).status()).as("refused workspace " + id).isEqualTo(404);
        }
    }

    private static void expect(Api.Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        assertThat(response.message()).as(response.body()).contains(messagePart);
    }
}
