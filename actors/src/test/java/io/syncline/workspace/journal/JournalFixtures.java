package io.syncline.workspace.journal;

import io.syncline.workspace.FailedDocument;
import io.syncline.workspace.IndexSettings;
import io.syncline.workspace.Job;
import io.syncline.workspace.JobCheckpoint;
import io.syncline.workspace.JobCounts;
import io.syncline.workspace.JobMode;
import io.syncline.workspace.JobState;
import io.syncline.workspace.SourceDefinition;
import io.syncline.workspace.SourceState;
import io.syncline.workspace.WorkspaceEvent;
import io.syncline.workspace.WorkspaceState;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of every persisted type, with every field set, as the journal samples hold them: each release's sample
 * writer serialized exactly these values (0.1.1's with its own classes), so a sample that reads must read as these.
 */
final class JournalFixtures {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    /**
     * A remote model, as 0.1 wrote it (its URL and key's place the workspace's own) and as 0.2.0 writes it: naming
     * the endpoint, here the name 0.1's settings are read with, so that every release's sample reads as this.
     */
    private static final IndexSettings SETTINGS = new IndexSettings(
            new IndexSettings.Embedding("openai", "text-embedding-3-small", "http://127.0.0.1:9/v1", 256,
                    "OPENAI_API_KEY", null, "30s", 64, 3000, 1_000_000, 4,
                    MigratedEndpoints.name("openai", "http://127.0.0.1:9/v1", "OPENAI_API_KEY", null)),
            new IndexSettings.Chunking(400, 40));
    private static final SourceDefinition SOURCE = new SourceDefinition("repo", SourceDefinition.Kind.GIT,
            "https://example.invalid/repo.git", null, "main", List.of("**/*.md"), List.of("drafts/**"), 1_048_576, null);
    private static final JobCounts COUNTS = new JobCounts(new JobCounts.Documents(10, 3, 2, 1, 3, 0, 1),
            new JobCounts.Chunks(40, 12, 5));
    private static final JobCheckpoint CHECKPOINT = new JobCheckpoint(JobCheckpoint.Phase.DOCUMENTS, "docs/b.md");
    private static final List<FailedDocument> FAILURES = List.of(new FailedDocument("docs/a.md", "TooLarge: 2 MB"));
    private static final String GENERATION = "0123456789abcdef";
    private static final String PREVIOUS = "fedcba9876543210";

    private JournalFixtures() {
    }

    /**
     * Every persisted type's value, by simple class name, as written in the given format: fields that format 2 added
     * are empty in format 1.
     */
    static Map<String, Object> values(int format) {
        Instant progressedAt = format >= 2 ? AT : null;
        Map<String, Object> values = new LinkedHashMap<>();
        List.<WorkspaceEvent>of(
                new WorkspaceEvent.WorkspaceCreated("ws", SETTINGS, AT),
                new WorkspaceEvent.ConfigChanged(SETTINGS, AT),
                new WorkspaceEvent.SourceAdded(SOURCE, AT),
                new WorkspaceEvent.SourceRemovalStarted("repo", AT),
                new WorkspaceEvent.SourceRemoved("repo", AT),
                new WorkspaceEvent.SyncQueued("job-7", "repo", JobMode.RETRY, "main", List.of("a.md", "b.md"), AT),
                new WorkspaceEvent.SyncStarted("job-7", GENERATION, "rev-1", AT),
                new WorkspaceEvent.SyncTargetResolved("job-7", "rev-2"),
                new WorkspaceEvent.SyncPlanned("job-7", JobMode.INCREMENTAL, 12),
                new WorkspaceEvent.SyncRetargeted("job-7", "rev-2", "rev-3", AT),
                new WorkspaceEvent.SyncProgressed("job-7", CHECKPOINT, COUNTS, FAILURES, progressedAt),
                new WorkspaceEvent.SyncAttemptFailed("job-7", "IOException: connection reset", AT),
                new WorkspaceEvent.SyncCompleted("job-7", COUNTS, AT),
                new WorkspaceEvent.SyncFailed("job-7", "SourceException: no such ref", AT),
                new WorkspaceEvent.GenerationActivated(GENERATION, PREVIOUS, AT),
                new WorkspaceEvent.GenerationDiscarded(PREVIOUS, AT),
                new WorkspaceEvent.GenerationRetired(PREVIOUS, AT),
                new WorkspaceEvent.WorkspaceDeletionStarted(AT)
        ).forEach(event -> values.put(event.getClass().getSimpleName(), event));
        Job job = new Job("job-7", "repo", JobMode.INCREMENTAL, "main", List.of(), JobState.RUNNING, JobMode.FULL,
                GENERATION, "rev-1", "rev-2", 12, CHECKPOINT, COUNTS, FAILURES, 1, "IOException: connection reset",
                AT, AT, null, null, progressedAt);
        values.put("WorkspaceState", new WorkspaceState("ws", SETTINGS, SETTINGS, List.of(PREVIOUS),
                Map.of("repo", new SourceState(SOURCE, Map.of(GENERATION, "rev-1"), "job-6", AT)), List.of("old"),
                Map.of("job-7", job), 7, AT, null));
        return values;
    }
}
