package io.syncline.api;

import io.syncline.source.SourceException;
import io.syncline.source.SourceSpec;
import io.syncline.source.Sources;
import org.apache.pekko.http.javadsl.model.StatusCodes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Checks, before anything is recorded, that a source can work and that a ref exists: they look at disks and
 * remotes, so they run on the blocking dispatcher. A source that cannot work is a 400, a missing ref a 400 naming
 * it, an unreachable remote a 503.
 */
final class SourceValidation {

    private final Executor blocking;

    SourceValidation(Executor blocking) {
        this.blocking = blocking;
    }

    CompletionStage<Void> source(SourceSpec spec) {
        return CompletableFuture.runAsync(() -> translate(() -> Sources.validate(spec)), blocking);
    }

    CompletionStage<Void> ref(SourceSpec spec, String ref) {
        return CompletableFuture.runAsync(() -> translate(() -> Sources.validateRef(spec, ref)), blocking);
    }

    private static void translate(Runnable check) {
        try {
            check.run();
        } catch (SourceException e) {
            throw new CompletionException(switch (e.kind()) {
                case INVALID -> new ApiException(StatusCodes.BAD_REQUEST, "invalid_source", e.getMessage());
                case REF_NOT_FOUND, REVISION_GONE -> new ApiException(StatusCodes.BAD_REQUEST, "ref_not_found",
                        e.getMessage());
                case UNAVAILABLE -> new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "source_unavailable",
                        e.getMessage());
            });
        }
    }
}
