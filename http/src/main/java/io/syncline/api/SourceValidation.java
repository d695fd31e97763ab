package io.syncline.api;

import io.syncline.source.SourceException;
import io.syncline.source.SourcePolicy;
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
    private final SourcePolicy policy;

    SourceValidation(Executor blocking, SourcePolicy policy) {
        this.blocking = blocking;
        this.policy = policy;
    }

    /** The largest maxFileBytes a source may ask for on this node. */
    long maxFileBytes() {
        return policy.maxFileBytes();
    }

    /** A source may be added: it lies where the operator allows, and it can work. */
    CompletionStage<Void> source(SourceSpec spec) {
        return CompletableFuture.runAsync(() -> translate(() -> {
            policy.check(spec);
            Sources.validate(spec);
        }), blocking);
    }

    CompletionStage<Void> ref(SourceSpec spec, String ref) {
        return CompletableFuture.runAsync(() -> translate(() -> {
            policy.check(spec);
            Sources.validateRef(spec, ref);
        }), blocking);
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
