package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed with SIGKILL in the middle of a sync and started again resumes the same job from its last
 * checkpoint without anyone asking, and ends with the index an uninterrupted sync builds.
 */
class NodeCrashIT {

    private static final int DOCUMENTS = 70;

    private static TestKeyspace keyspace;
    private static ActorTestKit testKit;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() {
        keyspace = TestKeyspace.create(NodeCrashIT.class);
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void tearDown() {
        testKit.shutdownTestKit();
        keyspace.close();
    }

    @Test
    void aNodeKilledMidSyncResumesTheSameJobByItselfAndEndsWithTheUninterruptedIndex() throws Exception {
        TestRepo repo = TestRepo.bare(tmp.resolve("crash.git"));
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < DOCUMENTS; i++) {
            files.file(String.format("docs/chapter-%03d.md", i), TestCorpus.markdown(5000 + i, 2 + i % 3));
        }
        files.commit();
        NodeProcess node = new NodeProcess(keyspace.name(), java.nio.file.Files.createDirectories(tmp.resolve("home")),
                Map.of("syncline.pipeline.checkpoint-every", "5"));
        Api api = new Api(node.httpPort());
        try {
            startAndAwaitReady(node);
            assertThat(api.post("/v1/workspaces", "{\"id\":\"crash\"}").status()).isEqualTo(201);
            assertThat(api.post("/v1/workspaces/crash/sources", "{\"id\":\"repo\",\"type\":\"git\",\"uri\":"
                    + Api.quote(repo.location().toString()) + "}").status()).isEqualTo(201);
            String job = api.post("/v1/workspaces/crash/syncs", "{\"source\":\"repo\",\"mode\":\"full\"}")
                    .json().get("job").asText();
            JsonNode progress = await(Duration.ofMinutes(2), () -> {
                JsonNode view = api.get("/v1/workspaces/crash/syncs/" + job).json();
                assertThat(view.get("state").asText()).as("the sync ended before it could be interrupted")
                        .isEqualTo("running");
                assertThat(view.get("documents").get("seen").asInt()).isGreaterThanOrEqualTo(10);
                return view;
            });
            assertThat(progress.get("documents").get("seen").asInt()).isLessThan(DOCUMENTS);

            node.kill();
            long indexedAtCrash = completeDocuments("crash");
            node.start();

            // Only the tables are watched: no request reaches the workspace until the job is done by itself.
            await(Duration.ofMinutes(3), () -> {
                assertThat(completeDocuments("crash")).isEqualTo(DOCUMENTS);
                return null;
            });
            JsonNode done = await(Duration.ofMinutes(1), () -> {
                JsonNode view = api.get("/v1/workspaces/crash/syncs/" + job).json();
                assertThat(view.get("state").asText()).isEqualTo("completed");
                return view;
            });
            assertThat(indexedAtCrash).isLessThan(DOCUMENTS);
            assertThat(java.nio.file.Files.readString(node.log())).as("the restarted node's log")
                    .contains("workspace crash: resuming job " + job);
            assertThat(done.get("documents").get("added").asInt()).isEqualTo(DOCUMENTS);
            assertThat(done.get("documents").get("seen").asInt()).isEqualTo(DOCUMENTS);

            assertThat(api.post("/v1/workspaces", "{\"id\":\"straight\"}").status()).isEqualTo(201);
            assertThat(api.post("/v1/workspaces/straight/sources", "{\"id\":\"repo\",\"type\":\"git\",\"uri\":"
                    + Api.quote(repo.location().toString()) + "}").status()).isEqualTo(201);
            String straight = api.post("/v1/workspaces/straight/syncs", "{\"source\":\"repo\",\"mode\":\"full\"}")
                    .json().get("job").asText();
            await(Duration.ofMinutes(3), () -> {
                assertThat(api.get("/v1/workspaces/straight/syncs/" + straight).json().get("state").asText())
                        .isEqualTo("completed");
                return null;
            });
            assertThat(api.get("/v1/workspaces/crash/manifest").body().lines().toList())
                    .hasSize(DOCUMENTS)
                    .isEqualTo(api.get("/v1/workspaces/straight/manifest").body().lines().toList());
        } finally {
            node.stop();
        }
    }

    private static void startAndAwaitReady(NodeProcess node) {
        node.start();
        await(Duration.ofMinutes(2), () -> {
            assertThat(node.alive()).as("node process (log %s)", node.log()).isTrue();
            assertThat(node.ready()).isTrue();
            return null;
        });
    }

    private static long completeDocuments(String workspace) {
        return keyspace.session().execute("SELECT complete FROM " + keyspace.name()
                        + ".documents WHERE workspace = ? ALLOW FILTERING", workspace)
                .all().stream().filter(r -> r.getBoolean("complete")).count();
    }

    private static <T> T await(Duration max, java.util.function.Supplier<T> assertion) {
        return testKit.createTestProbe().awaitAssert(max, assertion::get);
    }
}
