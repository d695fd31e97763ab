package io.syncline.workspace;

import io.syncline.serialization.CborSerializable;

import java.time.Instant;
import java.util.List;

/**
 * A workspace as the entity answers about it, to the HTTP layer of any node, which shows it as
 * {@code GET /v1/workspaces/{ws}}. A message between nodes of possibly different releases: fields are only ever
 * added (older nodes ignore them). Its config, its index generations, and per
 * source its last sync and its current job. Searches and the manifest read {@code index.active}. {@code node} is the
 * cluster address (host:port) of the node that hosts the workspace entity and runs its jobs.
 * {@code deletingSince} is when its deletion started, or null (always null from a node of 0.1.1, which cannot
 * delete).
 */
public record WorkspaceView(String id, IndexSettings.Embedding embedding, IndexSettings.Chunking chunking,
                            String configHash,
                            Index index, List<Source> sources, List<String> removingSources, Instant createdAt,
                            String node, Instant deletingSince) implements CborSerializable {

    /**
     * @param active       the generation searches read
     * @param activeConfig its config: searches embed their query with its model
     * @param building     the generation being built after a config change, or null
     * @param retiring     generations whose rows are being deleted
     */
    public record Index(String active, IndexSettings activeConfig, String building, List<String> retiring) {
    }

    /**
     * @param revision the revision the active generation holds for this source, or null if never synced
     */
    public record Source(SourceDefinition spec, String revision, JobView lastSync, JobView currentJob) {
    }

    /** The config the workspace is (being) built with: its embedding and chunking. */
    public IndexSettings settings() {
        return new IndexSettings(embedding, chunking);
    }

    public boolean deleting() {
        return deletingSince != null;
    }

    static WorkspaceView of(WorkspaceState state, String node) {
        String target = state.targetGeneration();
        Index index = new Index(state.activeGeneration(), state.activeConfig(),
                target.equals(state.activeGeneration()) ? null : target, state.retiringGenerations());
        List<Source> sources = state.sources().values().stream().map(s -> new Source(s.spec(),
                        s.syncedRevision(state.activeGeneration()),
                        s.lastJob() == null ? null : state.job(s.lastJob()).map(j -> JobView.of(state.id(), j))
                                .orElse(null),
                        currentJob(state, s.spec().id())))
                .toList();
        return new WorkspaceView(state.id(), state.config().embedding(), state.config().chunking(), target, index,
                sources, state.removingSources(), state.createdAt(), node, state.deletingSince());
    }

    private static JobView currentJob(WorkspaceState state, String source) {
        return state.runningJob(source)
                .or(() -> state.jobs().values().stream()
                        .filter(j -> j.source().equals(source) && j.state() == JobState.QUEUED).findFirst())
                .map(j -> JobView.of(state.id(), j))
                .orElse(null);
    }
}
