package io.syncline.store;

import java.time.Instant;
import java.util.List;

/**
 * A documents row: what the index holds for one path.
 *
 * @param complete     false while the document's chunks are being rewritten (or if that was cut short)
 * @param writtenByJob the sync job that last wrote the row
 * @param writeKind    how that job counted the document ("added" or "changed"), so that a job resumed after a crash
 *                     counts a document it already wrote the same way again
 */
public record DocumentRecord(String source, String path, String contentHash, String revision,
                             List<String> chunkHashes, boolean complete, String writtenByJob, String writeKind,
                             Instant updatedAt) {

    public DocumentRecord {
        chunkHashes = chunkHashes == null ? List.of() : List.copyOf(chunkHashes);
    }
}
