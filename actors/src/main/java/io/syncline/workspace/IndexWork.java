package io.syncline.workspace;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.source.SourceSpec;
import io.syncline.sync.JobInput;
import io.syncline.sync.ProgressListener;
import io.syncline.sync.SyncJob;
import org.apache.pekko.Done;
import org.apache.pekko.stream.SharedKillSwitch;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * The work the workspace entity has done for it outside itself: resolving refs, running jobs through the pipeline,
 * deleting what a removed source or a retired generation left in the index, listing the endpoint a workspace of 0.1
 * gave itself.
 */
public interface IndexWork {

    CompletionStage<String> resolve(String workspace, SourceSpec source, String ref);

    /** Runs a job from its checkpoint; the kill switch aborts it when the entity stops it. */
    CompletionStage<SyncJob.Result> run(JobInput job, ProgressListener listener, SharedKillSwitch killSwitch);

    /** Deletes every document and chunk of a source in the given generations, and its copies on every node. */
    CompletionStage<Done> removeSource(String workspace, String sourceId, Collection<String> generations);

    /** Deletes every document and chunk of a generation for the given sources. */
    CompletionStage<Done> retireGeneration(String workspace, String generation, Collection<String> sources);

    /**
     * Lists the endpoint a workspace of 0.1 gave itself among the endpoints, under its migrated name
     * ({@link io.syncline.providers.MigratedEndpointListing}).
     */
    CompletionStage<Done> listMigratedEndpoint(String name, EmbeddingSpec spec);
}
