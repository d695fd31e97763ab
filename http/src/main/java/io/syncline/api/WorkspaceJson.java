package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.source.Sources;
import io.syncline.sync.IndexConfig;
import io.syncline.workspace.JobView;
import io.syncline.workspace.WorkspaceView;

import java.time.Instant;
import java.util.List;

/**
 * A workspace as {@code GET /v1/workspaces/{ws}} renders it: whether it is {@code active} or {@code deleting} (and
 * since when), its config as the API takes it, each source's definition flat, with its sync state, and the node
 * (host:remotePort) that hosts it. The embedding names its endpoint; where that is and where its key lives only a
 * key that sees endpoints' places is shown ({@link Access#seesEndpointPlaces}), as {@code GET /v1/endpoints} does.
 */
record WorkspaceJson(String id, String state, Instant deletingSince, EmbeddingSpec embedding, ChunkingSpec chunking,
                     String configHash, IndexJson index, List<SourceJson> sources, List<String> removingSources,
                     Instant createdAt, String node) {

    /**
     * @param active       the generation searches read
     * @param activeConfig its config
     * @param building     the generation being built after a config change, or null
     * @param retiring     generations whose rows are being deleted
     */
    record IndexJson(String active, IndexConfig activeConfig, String building, List<String> retiring) {
    }

    /**
     * @param credentials the name of the operator's credentials a private repository is read with, or null
     * @param revision   the revision the searched index holds for this source, or null if never synced
     * @param lastSync   the last job that finished, or null
     * @param currentJob the running job, else the next queued one, or null
     */
    record SourceJson(String id, String type, String uri, String path, String branch, String credentials,
                      List<String> include, List<String> exclude, long maxFileBytes, String revision,
                      JobJson lastSync, JobJson currentJob) {
    }

    static WorkspaceJson of(WorkspaceView view, Caller caller) {
        boolean places = Access.seesEndpointPlaces(caller);
        List<SourceJson> sources = view.sources().stream().map(s -> new SourceJson(s.spec().id(),
                s.spec().type().json(), Sources.displayUri(s.spec().toSpec()), s.spec().path(), s.spec().branch(),
                s.spec().credentials(), s.spec().include(), s.spec().exclude(), s.spec().maxFileBytes(), s.revision(), job(s.lastSync()),
                job(s.currentJob()))).toList();
        IndexConfig config = view.settings().toConfig();
        WorkspaceView.Index index = view.index();
        return new WorkspaceJson(view.id(), view.deleting() ? "deleting" : "active", view.deletingSince(),
                shown(config.embedding(), places), config.chunking(), view.configHash(),
                new IndexJson(index.active(), index.activeConfig() == null ? null
                        : shown(index.activeConfig().toConfig(), places), index.building(), index.retiring()),
                sources, view.removingSources(), view.createdAt(), view.node());
    }

    private static IndexConfig shown(IndexConfig config, boolean places) {
        return new IndexConfig(shown(config.embedding(), places), config.chunking());
    }

    private static EmbeddingSpec shown(EmbeddingSpec e, boolean places) {
        return places ? e : new EmbeddingSpec(e.provider(), e.model(), null, e.dimensions(), null, null, e.timeout(),
                e.batchSize(), e.maxRequestsPerMinute(), e.maxTokensPerMinute(), e.maxConcurrency(), e.endpoint());
    }

    private static JobJson job(JobView job) {
        return job == null ? null : JobJson.of(job);
    }
}
