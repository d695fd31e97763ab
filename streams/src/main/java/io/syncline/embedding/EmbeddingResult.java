package io.syncline.embedding;

import java.time.Instant;

/** What embedding one text gave: its vector, or why the provider could not embed it. */
public sealed interface EmbeddingResult {

    record Vector(float[] values) implements EmbeddingResult {
    }

    /**
     * @param reason   the provider's own words where it gave some, with the status
     * @param attempts calls that included this text
     */
    record Failure(String reason, int attempts, Instant firstFailedAt, Instant lastFailedAt)
            implements EmbeddingResult {
    }
}
