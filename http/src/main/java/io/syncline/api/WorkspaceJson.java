package io.syncline.api;

import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.source.SourceType;
import io.syncline.workspace.JobView;
import io.syncline.workspace.WorkspaceView;

import java.time.Instant;
import java.util.List;

/**
 * A workspace as {@code GET /v1/workspaces/{ws}} renders it: each source's definition flat, with its sync state, and
 * the node (host:remotePort) that hosts it.
 */
record WorkspaceJson(String id, EmbeddingSpec embedding, ChunkingSpec chunking, String configHash,
                     WorkspaceView.Index index, List<SourceJson> sources, List<String> removingSources,
                     Instant createdAt, String node) {

    /**
     * @param revision   the revision the searched index holds for this source, or null if never synced
     * @param lastSync   the last job that finished, or null
     * @param currentJob the running job, else the next queued one, or null
     */
    record SourceJson(String id, SourceType type, String uri, String path, String branch, List<String> include,
                      List<String> exclude, long maxFileBytes, String revision, JobView lastSync,
                      JobView currentJob) {
    }

    static WorkspaceJson of(WorkspaceView view) {
        List<SourceJson> sources = view.sources().stream().map(s -> new SourceJson(s.spec().id(), s.spec().type(),
                s.spec().uri(), s.spec().path(), s.spec().branch(), s.spec().include(), s.spec().exclude(),
                s.spec().maxFileBytes(), s.revision(), s.lastSync(), s.currentJob())).toList();
        return new WorkspaceJson(view.id(), view.embedding(), view.chunking(), view.configHash(), view.index(),
                sources, view.removingSources(), view.createdAt(), view.node());
    }
}
