package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import io.syncline.sync.TextHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace's index through its life, over the API of a real node: syncs by diff that end where full syncs end,
 * a config change that rebuilds beside the searched index, a source removed with all it indexed, a workspace
 * deleted with all it had.
 */
class IndexLifecycleIT {

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Workflows user;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        keyspace = TestKeyspace.create(IndexLifecycleIT.class);
        node = TestNode.start(keyspace.name(), tmp.resolve("home"));
        user = new Workflows(node);
    }

    @AfterAll
    static void stop() {
        node.close();
        keyspace.close();
    }

    @Test
    void twoWorkspacesWithTheSameSourceRevisionAndConfigHaveEqualManifests() {
        TestRepo repo = TestRepo.bare(tmp.resolve("manifests.git"));
        TestRepo.Snapshot first = repo.on("main");
        for (int i = 0; i < 6; i++) {
            first.file("docs/page-" + i + ".md", TestCorpus.markdown(1000 + i, 2));
        }
        first.commit();
        user.createWorkspace("left", null);
        user.addGitSource("left", "repo", repo.location().toString());
        user.sync("left", "repo", "full");
        String head = repo.on("main").file("docs/page-1.md", TestCorpus.markdown(1100, 3))
                .delete("docs/page-2.md").move("docs/page-3.md", "guides/page-3.md").commit();

        JsonNode incremental = user.sync("left", "repo", "incremental");
        user.createWorkspace("right", null);
        user.addGitSource("right", "repo", repo.location().toString());
        JsonNode full = user.sync("right", "repo", "full");

        assertThat(incremental.get("effectiveMode").asText()).isEqualTo("incremental");
        assertThat(incremental.get("toRevision").asText()).isEqualTo(head);
        assertThat(incremental.get("documents").get("seen").asInt()).isEqualTo(4);
        assertThat(full.get("chunks").get("embedded").asInt()).as("everything was in the cache").isZero();
        List<String> left = user.manifest("left");
        assertThat(left).hasSize(5).isEqualTo(user.manifest("right"));
        assertThat(left.get(0)).contains("\"revision\":\"" + head + "\"");
        assertThat(user.search("left", "checkpoint journal recovery", 3).get("results")).hasSize(3);
    }

    @Test
    void aConfigChangeReEmbedsEverythingWhileSearchesKeepReadingOneCompleteConfig() {
        TestRepo repo = TestRepo.bare(tmp.resolve("config.git"));
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < 12; i++) {
            files.file("notes/note-" + i + ".md", TestCorpus.markdown(2000 + i, 3));
        }
        files.commit();
        user.createWorkspace("reconfigured", null);
        user.addGitSource("reconfigured", "repo", repo.location().toString());
        user.sync("reconfigured", "repo", "full");
        String before = user.workspace("reconfigured").get("index").get("active").asText();
        Set<String> oldChunks = chunkHashes(user.manifest("reconfigured"));

        Api.Response changed = node.api().put("/v1/workspaces/reconfigured/config",
                "{\"embedding\":{\"model\":\"all-minilm-l6-v2\"}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String after = changed.json().get("configHash").asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(changed.json().get("index").get("building").asText()).isEqualTo(after);
        String rebuild = changed.json().get("sources").get(0).get("currentJob").get("job").asText();

        List<JsonNode> answers = new ArrayList<>();
        node.await(Duration.ofMinutes(3), () -> {
            answers.add(user.search("reconfigured", "replica quorum consistency", 5));
            assertThat(user.job("reconfigured", rebuild).get("state").asText()).isEqualTo("completed");
            return null;
        });
        JsonNode done = user.job("reconfigured", rebuild);
        Set<String> newChunks = chunkHashes(user.manifest("reconfigured"));

        assertThat(done.get("chunks").get("embedded").asInt()).as("a new model embeds every chunk again")
                .isEqualTo(newChunks.size());
        assertThat(answers).as("searches ran while the new index was built")
                .anyMatch(a -> a.get("configHash").asText().equals(before));
        for (JsonNode answer : answers) {
            String config = answer.get("configHash").asText();
            assertThat(config).isIn(before, after);
            Set<String> expected = config.equals(before) ? oldChunks : newChunks;
            for (JsonNode result : answer.get("results")) {
                assertThat(expected).as("a result of config %s", config)
                        .contains(TextHash.of(result.get("text").asText()));
            }
        }
        JsonNode index = node.await(Duration.ofMinutes(1), () -> {
            JsonNode now = user.workspace("reconfigured").get("index");
            assertThat(now.get("retiring")).as("the old generation is deleted").isEmpty();
            return now;
        });
        assertThat(index.get("active").asText()).isEqualTo(after);
        assertThat(rowsOf("reconfigured", before)).isZero();
        assertThat(user.search("reconfigured", "replica quorum consistency", 5).get("configHash").asText())
                .isEqualTo(after);
    }

    @Test
    void removingASourceDeletesItsDocumentsAndVectors() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tree"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(dir.resolve("file-" + i + ".md"), TestCorpus.markdown(3000 + i, 2));
        }
        Files.write(dir.resolve("image.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        user.createWorkspace("removal", null);
        user.addFilesystemSource("removal", "tree", dir.toString());
        JsonNode synced = user.sync("removal", "tree", "full");
        assertThat(synced.get("documents").get("added").asInt()).isEqualTo(4);
        assertThat(synced.get("documents").get("skipped").asInt()).isEqualTo(1);
        String generation = user.workspace("removal").get("index").get("active").asText();
        assertThat(rowsOf("removal", generation)).isPositive();

        Api.Response removed = node.api().delete("/v1/workspaces/removal/sources/tree");

        assertThat(removed.status()).as(removed.body()).isEqualTo(202);
        node.await(Duration.ofMinutes(1), () -> {
            assertThat(user.workspace("removal").get("removingSources")).isEmpty();
            return null;
        });
        assertThat(user.workspace("removal").get("sources")).isEmpty();
        assertThat(rowsOf("removal", generation)).isZero();
        assertThat(user.manifest("removal")).isEmpty();
        assertThat(user.search("removal", "anything at all", 5).get("results")).isEmpty();
    }

    @Test
    void aDeletedWorkspaceRefusesRequestsLosesItsRowsMirrorAndJournalAndItsIdCanBeUsedAgain() {
        TestRepo repo = TestRepo.bare(tmp.resolve("doomed.git"));
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < 5; i++) {
            files.file("docs/doomed-" + i + ".md", TestCorpus.markdown(4000 + i, 2));
        }
        files.commit();
        user.createWorkspace("doomed", null);
        user.addGitSource("doomed", "repo", repo.location().toString());
        user.sync("doomed", "repo", "full");
        String generation = user.workspace("doomed").get("index").get("active").asText();
        Path mirror = tmp.resolve("home").resolve("sources").resolve("doomed");
        assertThat(rowsOf("doomed", generation)).isPositive();
        assertThat(mirror).isDirectory();
        assertThat(journalRows("doomed")).isPositive();

        Api.Response deleted = node.api().delete("/v1/workspaces/doomed");

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(202);
        assertThat(deleted.json().get("state").asText()).isEqualTo("deleting");
        Api.Response search = node.api().post("/v1/workspaces/doomed/search", "{\"query\":\"anything\",\"k\":3}");
        Api.Response sync = node.api().post("/v1/workspaces/doomed/syncs", "{\"source\":\"repo\"}");
        for (Api.Response refused : List.of(search, sync)) {
            if (refused.status() != 404) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(409);
                assertThat(refused.message())
                        .contains("workspace 'doomed' is being deleted");
            }
        }
        node.await(Duration.ofMinutes(1), () -> {
            Api.Response gone = node.api().get("/v1/workspaces/doomed");
            assertThat(gone.status()).as(gone.body()).isEqualTo(404);
            return null;
        });
        assertThat(rowsOf("doomed", generation)).isZero();
        assertThat(mirror).doesNotExist();
        assertThat(journalRows("doomed")).as("events and snapshots").isZero();

        user.createWorkspace("doomed", null);
        user.addGitSource("doomed", "repo", repo.location().toString());
        JsonNode again = user.sync("doomed", "repo", "full");
        assertThat(again.get("state").asText()).isEqualTo("completed");
        assertThat(again.get("documents").get("added").asInt()).isEqualTo(5);
        assertThat(user.search("doomed", "checkpoint journal recovery", 3).get("results")).hasSize(3);
    }

    /** Events plus snapshots the journal holds for a workspace. */
    private static long journalRows(String workspace) {
        String id = "Workspace|" + workspace;
        long events = keyspace.session().execute("SELECT count(*) FROM " + keyspace.name()
                + ".messages WHERE persistence_id = ? AND partition_nr = 0", id).one().getLong(0);
        long snapshots = keyspace.session().execute("SELECT count(*) FROM " + keyspace.name()
                + ".snapshots WHERE persistence_id = ?", id).one().getLong(0);
        return events + snapshots;
    }

    private static Set<String> chunkHashes(List<String> manifest) {
        Set<String> hashes = new HashSet<>();
        for (String line : manifest) {
            Api.Response parsed = new Api.Response(200, line, null);
            parsed.json().get("chunks").forEach(h -> hashes.add(h.asText()));
        }
        return hashes;
    }

    /** Documents plus chunk rows a workspace has in a generation, read straight from the tables. */
    private static long rowsOf(String workspace, String generation) {
        long documents = keyspace.session().execute("SELECT count(*) FROM " + keyspace.name()
                        + ".documents WHERE workspace = ? AND generation = ? ALLOW FILTERING", workspace, generation)
                .one().getLong(0);
        long chunks = keyspace.session().execute("SELECT count(*) FROM " + keyspace.name()
                        + ".chunks_d384 WHERE workspace = ? AND generation = ? ALLOW FILTERING", workspace, generation)
                .one().getLong(0);
        return documents + chunks;
    }
}
