package io.syncline.sync;

import com.typesafe.config.ConfigFactory;
import io.syncline.source.SourceException;
import io.syncline.source.SourceSpec;
import io.syncline.source.TestRepo;
import io.syncline.store.DocumentRecord;
import io.syncline.testing.IndexFixture;
import io.syncline.testing.RecordingEmbedder;
import io.syncline.testing.TestCorpus;
import org.apache.pekko.stream.KillSwitches;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sync jobs run end to end on the real pipeline: a git repository built with JGit, the in-process model, the test
 * Cassandra. The index after each incremental sync must equal the index a full sync at the same commit builds,
 * and the model must see only texts it never saw before, each once, however many files share it.
 */
class SyncJobIT {

    private static final IndexConfig CONFIG = IndexConfig.defaults();
    private static final String GENERATION = CONFIG.generation();

    private static IndexFixture fixture;
    private static SyncJob syncJob;
    private static int jobs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        fixture = IndexFixture.create(SyncJobIT.class,
                ConfigFactory.parseString("syncline.pipeline.checkpoint-every = 4"));
        syncJob = new SyncJob(fixture.services());
    }

    @AfterAll
    static void tearDown() {
        fixture.close();
    }

    @Test
    void incrementalSyncsMatchFullSyncsAndEmbedOnlyTextsNeverSeenBefore() {
        TestRepo repo = TestRepo.bare(tmp.resolve("origin.git"));
        SourceSpec spec = SourceSpec.git("repo", repo.location().toString(), "main").withMaxFileBytes(30_000);
        Map<String, Consumer<TestRepo.Snapshot>> steps = new LinkedHashMap<>();
        steps.put("initial", s -> {
            for (int i = 0; i < 8; i++) {
                s.file("docs/guide-" + i + ".md", TestCorpus.markdown(i, 1 + i % 4));
                s.file("src/Main" + i + ".java", TestCorpus.code(100 + i, 2));
            }
            // the same chunk texts in files far apart in path order: in groups embedded at the same time, or one
            // looked up while another was being embedded
            for (String copy : List.of("a/shared.md", "m/shared.md", "z/shared.md")) {
                s.file(copy, TestCorpus.markdown(60, 12));
            }
        });
        steps.put("add", s -> s.file("docs/new.md", TestCorpus.markdown(50, 2))
                .file("notes/new-copy.md", TestCorpus.markdown(50, 2)));
        steps.put("modify", s -> s.file("docs/guide-1.md", TestCorpus.markdown(1, 2)
                + "A closing paragraph about checkpoints and crashes.\n"));
        steps.put("rename", s -> s.move("docs/guide-2.md", "notes/guide-2.md"));
        steps.put("rename and edit", s -> s.move("src/Main3.java", "src/Renamed3.java")
                .file("src/Renamed3.java", TestCorpus.code(103, 2).replace("return", "return -")));
        steps.put("shrink", s -> s.file("docs/guide-7.md", TestCorpus.markdown(7, 1).substring(0, 200)));
        steps.put("delete", s -> s.delete("docs/guide-4.md").delete("src/Main4.java"));
        steps.put("binary and oversized", s -> s.file("assets/logo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1})
                .file("big/huge.md", TestCorpus.markdown(77, 120)));

        recorder().drain();
        Set<String> seen = new HashSet<>();
        String previous = null;
        int step = 0;
        for (var entry : steps.entrySet()) {
            TestRepo.Snapshot snapshot = repo.on("main");
            entry.getValue().accept(snapshot);
            String commit = snapshot.commit();

            SyncJob.Result incremental = run("inc", spec, SyncMode.INCREMENTAL, previous, commit);
            List<String> embeddedByIncremental = recorder().drain();
            String fullWorkspace = "full" + step++;
            SyncJob.Result full = run(fullWorkspace, spec, SyncMode.FULL, null, commit);
            List<String> embeddedByFull = recorder().drain();

            List<String> manifest = manifest("inc", "repo");
            assertThat(manifest).as("index after '%s'", entry.getKey()).isEqualTo(manifest(fullWorkspace, "repo"));
            Set<String> hashesNow = chunkHashes("inc", "repo");
            Set<String> neverSeen = new HashSet<>(hashesNow);
            neverSeen.removeAll(seen);
            List<String> embeddedHashes = embeddedByIncremental.stream().map(TextHash::of).toList();
            assertThat(embeddedHashes).as("texts embedded for '%s'", entry.getKey())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(neverSeen);
            assertThat(incremental.counts().chunks().embedded()).isEqualTo(neverSeen.size());
            if (previous == null) {
                int rows = fixture.documents("inc", GENERATION, "repo").stream()
                        .mapToInt(doc -> doc.chunkHashes().size()).sum();
                assertThat(incremental.counts().chunks().reused()).as("chunks of the copies")
                        .isEqualTo(rows - neverSeen.size()).isPositive();
            }
            assertThat(embeddedByFull).as("a full sync of what was just indexed embeds nothing").isEmpty();
            assertThat(full.counts().chunks().embedded()).isZero();
            assertNoOrphans("inc");
            seen.addAll(hashesNow);

            SyncCounts.Documents d = incremental.counts().documents();
            switch (entry.getKey()) {
                case "initial" -> assertThat(incremental.mode()).isEqualTo(SyncMode.FULL);
                case "add" -> {
                    assertThat(List.of(d.seen(), d.added())).containsExactly(2L, 2L);
                    assertThat(incremental.counts().chunks().reused()).isEqualTo(neverSeen.size());
                }
                case "modify" -> assertThat(List.of(d.seen(), d.changed())).containsExactly(1L, 1L);
                case "rename" -> {
                    assertThat(List.of(d.added(), d.deleted())).containsExactly(1L, 1L);
                    assertThat(incremental.counts().chunks().reused()).isPositive();
                }
                case "shrink" -> {
                    assertThat(d.changed()).isEqualTo(1);
                    assertThat(incremental.counts().chunks().deleted()).isPositive();
                }
                case "delete" -> assertThat(d.deleted()).isEqualTo(2);
                case "binary and oversized" -> assertThat(d.skipped()).isEqualTo(2);
                default -> {
                }
            }
            assertThat(incremental.mode()).isEqualTo(previous == null ? SyncMode.FULL : SyncMode.INCREMENTAL);
            previous = commit;
        }
    }

    @Test
    void aResyncOfAnUnchangedRevisionEmbedsNothing() {
        TestRepo repo = TestRepo.bare(tmp.resolve("unchanged.git"));
        SourceSpec spec = SourceSpec.git("repo", repo.location().toString(), "main");
        String commit = repo.on("main").file("a.md", TestCorpus.markdown(300, 3))
                .file("b.md", TestCorpus.markdown(301, 2)).commit();
        run("unchanged", spec, SyncMode.FULL, null, commit);
        recorder().drain();

        SyncJob.Result incremental = run("unchanged", spec, SyncMode.INCREMENTAL, commit, commit);
        SyncJob.Result full = run("unchanged", spec, SyncMode.FULL, commit, commit);

        assertThat(recorder().drain()).isEmpty();
        assertThat(incremental.counts().chunks().embedded()).isZero();
        assertThat(incremental.counts().documents().seen()).isZero();
        assertThat(full.counts().chunks().embedded()).isZero();
        assertThat(full.counts().documents().unchanged()).isEqualTo(2);
    }

    @Test
    void aDocumentShrunkFromManyChunksToFewLeavesNoOrphanRows() {
        TestRepo repo = TestRepo.bare(tmp.resolve("shrink.git"));
        SourceSpec spec = SourceSpec.git("repo", repo.location().toString(), "main");
        String big = repo.on("main").file("long.md", TestCorpus.markdown(400, 12)).commit();
        run("shrink", spec, SyncMode.FULL, null, big);
        int before = chunksOf("shrink", "long.md");
        String small = repo.on("main").file("long.md", TestCorpus.markdown(401, 1)).commit();

        SyncJob.Result shrunk = run("shrink", spec, SyncMode.INCREMENTAL, big, small);

        int after = chunksOf("shrink", "long.md");
        assertThat(before).isGreaterThan(5);
        assertThat(after).isLessThan(3);
        assertThat(fixture.storedChunks("shrink", GENERATION).get("repo/long.md")).hasSize(after);
        assertThat(shrunk.counts().chunks().deleted()).isEqualTo(before - after);
        assertNoOrphans("shrink");
    }

    @Test
    void aDocumentWithAHugeUnbrokenTokenIsStoredInsteadOfFailingTheJob() {
        // 800 KB that the tokenizer counts as one unknown token: a chunk larger than Cassandra accepts in a batch.
        TestRepo repo = TestRepo.bare(tmp.resolve("minified.git"));
        SourceSpec spec = SourceSpec.git("repo", repo.location().toString(), "main");
        String commit = repo.on("main").file("app.min.js", "var data='" + "x".repeat(800_000) + "';\n").commit();

        SyncJob.Result result = run("minified", spec, SyncMode.FULL, null, commit);

        assertThat(result.counts().documents().added()).isEqualTo(1);
        assertThat(result.counts().documents().failed()).isZero();
        assertThat(fixture.storedChunks("minified", GENERATION).get("repo/app.min.js")).isNotEmpty();
    }

    @Test
    void aJobCutShortResumesFromItsCheckpointAndEndsWithTheSameIndexAndCounts() {
        TestRepo repo = TestRepo.bare(tmp.resolve("resume.git"));
        SourceSpec spec = SourceSpec.git("repo", repo.location().toString(), "main");
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < 24; i++) {
            files.file("doc-" + (char) ('a' + i) + ".md", TestCorpus.markdown(500 + i, 1 + i % 3));
        }
        String commit = files.commit();
        SyncJob.Result straight = run("straight", spec, SyncMode.FULL, null, commit);

        RecordingListener cut = new RecordingListener(3);
        assertThatThrownBy(() -> syncJob.run(input("cut", "job-cut", spec, SyncMode.FULL, null, commit,
                Checkpoint.START, SyncCounts.ZERO), cut, KillSwitches.shared("cut")).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("cut short");
        assertThat(cut.checkpointCount()).isEqualTo(2);
        assertThat(cut.lastCheckpoint().lastPath()).isNotNull();

        RecordingListener resumed = new RecordingListener();
        SyncJob.Result rest = syncJob.run(input("cut", "job-cut", spec, SyncMode.FULL, null, commit,
                cut.lastCheckpoint(), cut.lastCounts()), resumed, KillSwitches.shared("resumed"))
                .toCompletableFuture().join();

        assertThat(manifest("cut", "repo")).isEqualTo(manifest("straight", "repo"));
        assertThat(rest.counts().documents()).isEqualTo(straight.counts().documents());
        assertThat(rest.counts().chunks().embedded() + rest.counts().chunks().reused())
                .isEqualTo(straight.counts().chunks().embedded() + straight.counts().chunks().reused());
        assertNoOrphans("cut");
    }

    @Test
    void aDirectoryMissingOnTheNodeFailsTheFullSyncRetryablyAndRemovesNothing() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("mounted"));
        Files.writeString(root.resolve("a.md"), TestCorpus.markdown(400, 2));
        Files.writeString(root.resolve("b.md"), TestCorpus.markdown(401, 2));
        SourceSpec spec = SourceSpec.filesystem("repo", root.toString());
        run("unmounted", spec, SyncMode.FULL, null, "fs-0");
        List<String> indexed = manifest("unmounted", "repo");
        assertThat(indexed).hasSize(2);

        Files.delete(root.resolve("a.md"));
        Files.delete(root.resolve("b.md"));
        Files.delete(root); // as if the disk were not mounted on the node that runs the next job

        assertThatThrownBy(() -> run("unmounted", spec, SyncMode.FULL, null, "fs-1"))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(FailureKind.of(e.getCause())).isEqualTo(FailureKind.TRANSIENT));
        assertThat(manifest("unmounted", "repo")).isEqualTo(indexed);
    }

    private SyncJob.Result run(String workspace, SourceSpec spec, SyncMode mode, String from, String to) {
        return syncJob.run(input(workspace, "job-" + (++jobs), spec, mode, from, to, Checkpoint.START,
                        SyncCounts.ZERO), new RecordingListener(), KillSwitches.shared("job-" + jobs))
                .toCompletableFuture().join();
    }

    private static JobInput input(String workspace, String job, SourceSpec spec, SyncMode mode, String from,
                                  String to, Checkpoint checkpoint, SyncCounts counts) {
        return new JobInput(workspace, job, spec, CONFIG, mode, null, from, to, checkpoint, counts, List.of());
    }

    private static RecordingEmbedder recorder() {
        fixture.embedders().forSpec(CONFIG.embedding()); // loads the model, and so its recorder, if no test did yet
        return fixture.recorder(CONFIG.embedding().modelKey());
    }

    /** The index of a source as the manifest shows it: path, content hash and chunk hashes of each document. */
    private static List<String> manifest(String workspace, String source) {
        List<String> lines = new ArrayList<>();
        for (DocumentRecord doc : fixture.documents(workspace, GENERATION, source)) {
            lines.add(doc.path() + " " + doc.contentHash() + " " + doc.chunkHashes());
        }
        return lines;
    }

    private static Set<String> chunkHashes(String workspace, String source) {
        Set<String> hashes = new HashSet<>();
        fixture.documents(workspace, GENERATION, source).forEach(doc -> hashes.addAll(doc.chunkHashes()));
        return hashes;
    }

    private static int chunksOf(String workspace, String path) {
        return fixture.documents(workspace, GENERATION, "repo").stream().filter(d -> d.path().equals(path))
                .findFirst().orElseThrow().chunkHashes().size();
    }

    /** Every chunk row belongs to a document row, in the order and with the hashes that row lists. */
    private static void assertNoOrphans(String workspace) {
        Map<String, List<String>> expected = new java.util.TreeMap<>();
        fixture.services().documents().list(workspace, GENERATION, "repo")
                .runWith(org.apache.pekko.stream.javadsl.Sink.seq(), fixture.system()).toCompletableFuture().join()
                .forEach(doc -> expected.put("repo/" + doc.path(), doc.chunkHashes()));
        expected.values().removeIf(List::isEmpty);
        assertThat(fixture.storedChunks(workspace, GENERATION)).isEqualTo(expected);
    }
}
