package io.syncline.sync;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The document writes of this node's jobs still under way, by workspace and source. A job that is aborted (its
 * source removed, its workspace deleted) fails its stream at once, while the writes it had started go on. A run
 * ends only after its writes ({@link SyncJob}), and the cleanup of a source waits for them as well (for a run that
 * was abandoned, not awaited: its entity restarted), so that none lands after the cleanup deleted the source's rows.
 */
public final class InFlightWrites {

    private final Map<String, Set<CompletableFuture<?>>> bySource = new ConcurrentHashMap<>();

    /** Tracks {@code write} until it ends; answers it. */
    <T> CompletionStage<T> track(String workspace, String source, CompletionStage<T> write) {
        CompletableFuture<T> future = write.toCompletableFuture();
        Set<CompletableFuture<?>> writes = bySource.computeIfAbsent(key(workspace, source),
                k -> ConcurrentHashMap.newKeySet());
        writes.add(future);
        future.whenComplete((result, error) -> writes.remove(future));
        return future;
    }

    /** Completes once every write of the source under way now has ended, however it ended. */
    public CompletionStage<Void> drained(String workspace, String source) {
        Set<CompletableFuture<?>> writes = bySource.get(key(workspace, source));
        if (writes == null || writes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).handle((done, error) -> null);
    }

    private static String key(String workspace, String source) {
        return workspace + "/" + source;
    }
}
