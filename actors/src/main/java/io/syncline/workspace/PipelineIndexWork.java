package io.syncline.workspace;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.mirrors.SourceMirrors;
import io.syncline.providers.MigratedEndpointListing;
import io.syncline.source.SourceSpec;
import io.syncline.sync.IndexCleaner;
import io.syncline.sync.IndexServices;
import io.syncline.sync.JobInput;
import io.syncline.sync.ProgressListener;
import io.syncline.sync.SyncJob;
import org.apache.pekko.Done;
import org.apache.pekko.stream.SharedKillSwitch;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link IndexWork} done by the sync pipeline and the index tables of module streams, and the endpoints' table. */
public final class PipelineIndexWork implements IndexWork {

    private final IndexServices services;
    private final SourceMirrors mirrors;
    private final SyncJob syncJob;
    private final IndexCleaner cleaner;
    private final MigratedEndpointListing migratedEndpoints;

    public PipelineIndexWork(IndexServices services, SourceMirrors mirrors, MigratedEndpointListing migratedEndpoints) {
        this.services = services;
        this.mirrors = mirrors;
        this.migratedEndpoints = migratedEndpoints;
        this.syncJob = new SyncJob(services);
        this.cleaner = new IndexCleaner(services);
    }

    @Override
    public CompletionStage<String> resolve(String workspace, SourceSpec source, String ref) {
        return syncJob.resolve(workspace, source, ref);
    }

    @Override
    public CompletionStage<SyncJob.Result> run(JobInput job, ProgressListener listener, SharedKillSwitch killSwitch) {
        return syncJob.run(job, listener, killSwitch);
    }

    @Override
    public CompletionStage<Done> removeSource(String workspace, String sourceId, Collection<String> generations) {
        // A job of the source that was just stopped may still have writes under way: they must land before.
        CompletionStage<Done> all = services.inFlightWrites().drained(workspace, sourceId)
                .thenCompose(drained -> cleaner.deleteDeadLetters(workspace, sourceId));
        for (String generation : generations) {
            all = all.thenCompose(done -> cleaner.deleteSource(workspace, generation, sourceId));
        }
        return all.thenApplyAsync(done -> {
            mirrors.removeEverywhere(workspace, sourceId);
            return Done.getInstance();
        }, services.blocking());
    }

    @Override
    public CompletionStage<Done> retireGeneration(String workspace, String generation, Collection<String> sources) {
        CompletionStage<Done> all = CompletableFuture.completedFuture(Done.getInstance());
        for (String source : sources) {
            all = all.thenCompose(done -> services.inFlightWrites().drained(workspace, source))
                    .thenCompose(drained -> cleaner.deleteSource(workspace, generation, source));
        }
        return all;
    }

    @Override
    public CompletionStage<Done> listMigratedEndpoint(String name, EmbeddingSpec spec) {
        return migratedEndpoints.list(name, spec);
    }
}
