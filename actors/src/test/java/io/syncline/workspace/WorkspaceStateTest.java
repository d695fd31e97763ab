package io.syncline.workspace;

import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.source.SourceSpec;
import io.syncline.sync.IndexConfig;
import io.syncline.workspace.WorkspaceEvent.ConfigChanged;
import io.syncline.workspace.WorkspaceEvent.GenerationActivated;
import io.syncline.workspace.WorkspaceEvent.SourceAdded;
import io.syncline.workspace.WorkspaceEvent.SourceRemovalStarted;
import io.syncline.workspace.WorkspaceEvent.SyncCompleted;
import io.syncline.workspace.WorkspaceEvent.SyncFailed;
import io.syncline.workspace.WorkspaceEvent.SyncProgressed;
import io.syncline.workspace.WorkspaceEvent.SyncQueued;
import io.syncline.workspace.WorkspaceEvent.SyncStarted;
import io.syncline.workspace.WorkspaceEvent.SyncTargetResolved;
import io.syncline.workspace.WorkspaceEvent.WorkspaceCreated;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceStateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final IndexSettings CONFIG = IndexSettings.of(IndexConfig.defaults());
    private static final IndexSettings SMALL_CHUNKS = IndexSettings.of(new IndexConfig(EmbeddingSpec.defaultSpec(),
            new ChunkingSpec(64, 8)));

    @Test
    void jobsOfOneSourceRunOneAtATimeAndOtherSourcesAreNotHeldUp() {
        WorkspaceState state = withSources("a", "b")
                .apply(new SyncQueued("job-1", "a", JobMode.FULL, null, null, NOW))
                .apply(new SyncQueued("job-2", "a", JobMode.INCREMENTAL, null, null, NOW))
                .apply(new SyncQueued("job-3", "b", JobMode.FULL, null, null, NOW));

        assertThat(state.startableJobs()).extracting(Job::id).containsExactly("job-1", "job-3");
        WorkspaceState running = state.apply(new SyncStarted("job-1", CONFIG.generation(), null, NOW));
        assertThat(running.startableJobs()).extracting(Job::id).containsExactly("job-3");
        assertThat(running.idle()).isFalse();
    }

    @Test
    void aDeletionCancelsUnfinishedJobsRemovesEverySourceAndLeavesOnlyTheJournalOnceTheyAreGone() {
        WorkspaceState state = withSources("a", "b", "c")
                .apply(new SourceRemovalStarted("c", NOW))
                .apply(new SyncQueued("job-1", "a", JobMode.FULL, null, null, NOW))
                .apply(new SyncStarted("job-1", CONFIG.generation(), null, NOW))
                .apply(new SyncQueued("job-2", "b", JobMode.FULL, null, null, NOW))
                .apply(new ConfigChanged(SMALL_CHUNKS, NOW));

        WorkspaceState deleting = state.apply(new WorkspaceEvent.WorkspaceDeletionStarted(NOW));

        assertThat(deleting.deleting()).isTrue();
        assertThat(deleting.sources()).isEmpty();
        assertThat(deleting.removingSources()).containsExactly("c", "a", "b");
        assertThat(deleting.jobs().values()).extracting(Job::state).containsOnly(JobState.FAILED);
        assertThat(deleting.job("job-1").orElseThrow().error()).isEqualTo("cancelled: workspace 'ws' is being deleted");
        assertThat(deleting.startableJobs()).isEmpty();
        // a new generation with no sources left is not "complete": it must not be activated on the way out
        assertThat(deleting.targetComplete()).isFalse();
        assertThat(deleting.idle()).isFalse();
        assertThat(deleting.onlyJournalLeft()).isFalse();

        WorkspaceState emptied = deleting.apply(new WorkspaceEvent.SourceRemoved("a", NOW))
                .apply(new WorkspaceEvent.SourceRemoved("b", NOW))
                .apply(new WorkspaceEvent.SourceRemoved("c", NOW));
        assertThat(emptied.onlyJournalLeft()).isTrue();
        assertThat(emptied.idle()).as("it stays up until its journal is gone").isFalse();
    }

    @Test
    void aCompletedJobMovesItsSourceToItsRevisionAndSaysItHadErrors() {
        WorkspaceState state = completedJob("a", "rev-1", List.of(new FailedDocument("x.md", "boom")), 1);

        SourceState source = state.sources().get("a");
        assertThat(source.syncedRevision(CONFIG.generation())).isEqualTo("rev-1");
        assertThat(state.job("job-1").orElseThrow().state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(state.job("job-1").orElseThrow().failures()).extracting(FailedDocument::path)
                .containsExactly("x.md");
        assertThat(state.idle()).isTrue();
    }

    @Test
    void aRetryJobReadsTheIndexedRevisionAndMovesNothing() {
        WorkspaceState synced = completedJob("a", "rev-1", List.of(), 0);

        WorkspaceState retried = synced
                .apply(new SyncQueued("job-2", "a", JobMode.RETRY, null, List.of("x.md"), NOW))
                .apply(new SyncStarted("job-2", CONFIG.generation(), "rev-1", NOW))
                .apply(new SyncTargetResolved("job-2", "rev-1"))
                .apply(new SyncCompleted("job-2", JobCounts.ZERO, NOW));

        assertThat(retried.job("job-2").orElseThrow().paths()).containsExactly("x.md");
        assertThat(retried.sources().get("a").syncedRevision(CONFIG.generation())).isEqualTo("rev-1");
        assertThat(retried.sources().get("a").lastJob()).isEqualTo("job-2");
    }

    @Test
    void aNewConfigIsBuiltBesideTheActiveOneAndActivatedWhenEverySourceHasIt() {
        WorkspaceState synced = completedJob("a", "rev-1", List.of(), 0);
        WorkspaceState changed = synced.apply(new ConfigChanged(SMALL_CHUNKS, NOW));

        assertThat(changed.activeGeneration()).isEqualTo(CONFIG.generation());
        assertThat(changed.targetGeneration()).isEqualTo(SMALL_CHUNKS.generation());
        assertThat(changed.targetComplete()).isFalse();

        WorkspaceState rebuilt = changed
                .apply(new SyncQueued("job-2", "a", JobMode.FULL, null, null, NOW))
                .apply(new SyncStarted("job-2", SMALL_CHUNKS.generation(), null, NOW))
                .apply(new SyncTargetResolved("job-2", "rev-1"))
                .apply(new SyncCompleted("job-2", JobCounts.ZERO, NOW));
        assertThat(rebuilt.targetComplete()).isTrue();

        WorkspaceState activated = rebuilt.apply(new GenerationActivated(SMALL_CHUNKS.generation(),
                CONFIG.generation(), NOW));
        assertThat(activated.activeConfig()).isEqualTo(SMALL_CHUNKS);
        assertThat(activated.retiringGenerations()).containsExactly(CONFIG.generation());
        assertThat(activated.targetComplete()).isFalse();
    }

    @Test
    void removingASourceCancelsItsJobsAndLeavesTheOthers() {
        WorkspaceState state = withSources("a", "b")
                .apply(new SyncQueued("job-1", "a", JobMode.FULL, null, null, NOW))
                .apply(new SyncStarted("job-1", CONFIG.generation(), null, NOW))
                .apply(new SyncQueued("job-2", "b", JobMode.FULL, null, null, NOW))
                .apply(new SourceRemovalStarted("a", NOW));

        assertThat(state.sources()).containsOnlyKeys("b");
        assertThat(state.removingSources()).containsExactly("a");
        assertThat(state.job("job-1").orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(state.job("job-1").orElseThrow().error()).contains("source 'a' was removed");
        assertThat(state.job("job-2").orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void onlyTheLastHundredFinishedJobsAreKept() {
        WorkspaceState state = withSources("a");
        for (int i = 1; i <= 130; i++) {
            state = state.apply(new SyncQueued("job-" + i, "a", JobMode.INCREMENTAL, null, null, NOW))
                    .apply(new SyncStarted("job-" + i, CONFIG.generation(), null, NOW))
                    .apply(new SyncFailed("job-" + i, "no", NOW));
        }

        assertThat(state.jobs()).hasSize(WorkspaceState.KEPT_FINISHED_JOBS);
        assertThat(state.job("job-30")).isEmpty();
        assertThat(state.job("job-31")).isPresent();
        assertThat(state.jobSequence()).isEqualTo(130);
    }

    @Test
    void checkpointsKeepCountsAndListAtMostAHundredFailures() {
        WorkspaceState state = withSources("a")
                .apply(new SyncQueued("job-1", "a", JobMode.FULL, null, null, NOW))
                .apply(new SyncStarted("job-1", CONFIG.generation(), null, NOW));
        List<FailedDocument> many = java.util.stream.IntStream.range(0, 150)
                .mapToObj(i -> new FailedDocument("f" + i, "bad")).toList();

        state = state.apply(new SyncProgressed("job-1", new JobCheckpoint(JobCheckpoint.Phase.DOCUMENTS, "m.md"),
                JobCounts.ZERO, many, NOW));

        assertThat(state.job("job-1").orElseThrow().failures()).hasSize(Job.MAX_LISTED_FAILURES);
        assertThat(state.job("job-1").orElseThrow().checkpoint().lastPath()).isEqualTo("m.md");
    }

    private static WorkspaceState withSources(String... ids) {
        WorkspaceState state = WorkspaceState.EMPTY.apply(new WorkspaceCreated("ws", CONFIG, NOW));
        for (String id : ids) {
            state = state.apply(new SourceAdded(SourceDefinition.of(SourceSpec.filesystem(id, "/tmp/" + id)), NOW));
        }
        return state;
    }

    private static WorkspaceState completedJob(String source, String revision, List<FailedDocument> failures,
                                               long failedCount) {
        JobCounts counts = new JobCounts(new JobCounts.Documents(1, 0, 0, 0, 0, 0, failedCount),
                JobCounts.ZERO.chunks());
        return withSources(source)
                .apply(new SyncQueued("job-1", source, JobMode.FULL, null, null, NOW))
                .apply(new SyncStarted("job-1", CONFIG.generation(), null, NOW))
                .apply(new SyncTargetResolved("job-1", revision))
                .apply(new SyncProgressed("job-1", JobCheckpoint.START, counts, failures, NOW))
                .apply(new SyncCompleted("job-1", counts, NOW));
    }
}
