package io.syncline.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A document a sync could not index after its retries.
 *
 * @param id       a hash of source and path: how the API names it
 * @param error    the provider's reason (or the document's own problem)
 * @param attempts calls that tried to embed it, over every job that failed it
 * @param job      the last job that failed it
 */
public record DeadLetter(String id, String source, String path, String error, int attempts, Instant firstFailedAt,
                         Instant lastFailedAt, String job) {

    public static String idOf(String source, String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((source + "\n" + path).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
