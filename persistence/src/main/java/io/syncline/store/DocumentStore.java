package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.syncline.cassandra.CqlSources;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The documents table: one row per indexed path of a source in an index generation. It never touches chunks:
 * {@link ChunkStore} does, and the pipeline orders the two so that no chunk outlives its row.
 */
public final class DocumentStore {

    private static final String COLUMNS =
            "source, path, content_hash, revision, chunk_hashes, complete, written_by_job, write_kind, updated_at";

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final PreparedStatement selectBucket;

    public DocumentStore(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".documents";
        String key = "workspace = ? AND generation = ? AND source = ? AND bucket = ?";
        this.select = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE " + key + " AND path = ?");
        this.upsert = session.prepare("INSERT INTO " + table + " (workspace, generation, source, bucket, path, "
                + "content_hash, revision, chunk_hashes, complete, written_by_job, write_kind, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE " + key + " AND path = ?");
        this.selectBucket = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE " + key);
    }

    public CompletionStage<Optional<DocumentRecord>> get(DocumentRef ref) {
        return session.executeAsync(select.bind(ref.workspace(), ref.generation(), ref.source(), ref.bucket(),
                        ref.path()))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(DocumentStore::toRecord));
    }

    public CompletionStage<Void> put(String workspace, String generation, DocumentRecord doc) {
        return session.executeAsync(upsert.bind(workspace, generation, doc.source(),
                        DocumentRef.bucketOf(doc.path()), doc.path(), doc.contentHash(), doc.revision(),
                        doc.chunkHashes(), doc.complete(), doc.writtenByJob(), doc.writeKind(), doc.updatedAt()))
                .thenApply(rs -> null);
    }

    public CompletionStage<Void> delete(DocumentRef ref) {
        return session.executeAsync(delete.bind(ref.workspace(), ref.generation(), ref.source(), ref.bucket(),
                ref.path())).thenApply(rs -> null);
    }

    /**
     * Every row of a source in a generation, sorted by path: the buckets are read page by page and merged, so a
     * source of any size streams in bounded memory.
     */
    public Source<DocumentRecord, NotUsed> list(String workspace, String generation, String source) {
        List<Source<DocumentRecord, NotUsed>> buckets = new ArrayList<>(DocumentRef.BUCKETS);
        for (int bucket = 0; bucket < DocumentRef.BUCKETS; bucket++) {
            buckets.add(CqlSources.rows(session, selectBucket.bind(workspace, generation, source, bucket)
                            .setPageSize(500))
                    .map(DocumentStore::toRecord));
        }
        return mergeSorted(buckets, Comparator.comparing(DocumentRecord::path));
    }

    /** Merges sorted sources pairwise, as a balanced tree, into one sorted source. */
    private static <T> Source<T, NotUsed> mergeSorted(List<Source<T, NotUsed>> sources, Comparator<T> order) {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        int half = sources.size() / 2;
        return mergeSorted(sources.subList(0, half), order)
                .mergeSorted(mergeSorted(sources.subList(half, sources.size()), order), order);
    }

    private static DocumentRecord toRecord(Row row) {
        return new DocumentRecord(row.getString("source"), row.getString("path"), row.getString("content_hash"),
                row.getString("revision"), row.getList("chunk_hashes", String.class), row.getBoolean("complete"),
                row.getString("written_by_job"), row.getString("write_kind"), row.getInstant("updated_at"));
    }

    /** A row about to be rewritten: same path, marked incomplete until its chunks are written. */
    public static DocumentRecord pending(String source, String path, String contentHash, String revision,
                                         String job, String writeKind) {
        return new DocumentRecord(source, path, contentHash, revision, List.of(), false, job, writeKind,
                Instant.now());
    }
}
