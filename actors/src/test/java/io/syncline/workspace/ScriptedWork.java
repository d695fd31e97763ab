package io.syncline.workspace;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.source.SourceSpec;
import io.syncline.sync.JobInput;
import io.syncline.sync.ProgressListener;
import io.syncline.sync.SyncJob;
import org.apache.pekko.Done;
import org.apache.pekko.stream.SharedKillSwitch;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The work an entity starts, scripted by a test: what resolving a ref answers and what each run does. Every call is
 * recorded; anything not scripted fails, so that a test notices work it did not expect.
 */
final class ScriptedWork implements IndexWork {

    private volatile Function<String, CompletionStage<String>> resolve = ref -> unexpected("resolve");
    private volatile BiFunction<JobInput, ProgressListener, CompletionStage<SyncJob.Result>> run =
            (job, listener) -> unexpected("run");
    final List<JobInput> runs = new CopyOnWriteArrayList<>();

    ScriptedWork resolveTo(Function<String, CompletionStage<String>> answer) {
        this.resolve = answer;
        return this;
    }

    ScriptedWork runs(BiFunction<JobInput, ProgressListener, CompletionStage<SyncJob.Result>> answer) {
        this.run = answer;
        return this;
    }

    @Override
    public CompletionStage<String> resolve(String workspace, SourceSpec source, String ref) {
        return resolve.apply(ref);
    }

    @Override
    public CompletionStage<SyncJob.Result> run(JobInput job, ProgressListener listener, SharedKillSwitch killSwitch) {
        runs.add(job);
        return run.apply(job, listener);
    }

    @Override
    public CompletionStage<Done> removeSource(String workspace, String sourceId, Collection<String> generations) {
        return unexpected("removeSource");
    }

    @Override
    public CompletionStage<Done> retireGeneration(String workspace, String generation, Collection<String> sources) {
        return unexpected("retireGeneration");
    }

    @Override
    public CompletionStage<Done> listMigratedEndpoint(String name, EmbeddingSpec spec) {
        return unexpected("listMigratedEndpoint");
    }

    private static <T> CompletionStage<T> unexpected(String call) {
        return CompletableFuture.failedFuture(new AssertionError(call + " was not expected"));
    }
}
