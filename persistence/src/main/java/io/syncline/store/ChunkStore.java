package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import io.syncline.cassandra.Bounded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The chunks of documents with their vectors, one partition per document, in the table for one vector dimension
 * ({@code chunks_d384}). Writes are single-partition unlogged batches; searches are SAI ANN queries filtered to one
 * generation of one workspace.
 */
public final class ChunkStore {

    /**
     * Chunks per batch: a 384-dimension chunk is about 2 KB, and Cassandra warns about batches over 64 KB (and
     * fails them over 640 KB by default).
     */
    public static final int CHUNKS_PER_BATCH = 16;

    /** Bytes per batch, below Cassandra's warning threshold for batches (64 KB by default). */
    static final long MAX_BATCH_BYTES = 48 * 1024;

    /** Batches in flight per document: Cassandra applies vector writes two at a time anyway (deploy/cassandra). */
    private static final int BATCHES_IN_FLIGHT = 4;

    private final CqlSession session;
    private final int dimension;
    private final PreparedStatement insert;
    private final PreparedStatement truncate;
    private final PreparedStatement deleteDocument;
    private final PreparedStatement selectDocument;
    private final PreparedStatement[] searches = new PreparedStatement[4];

    public ChunkStore(CqlSession session, String keyspace, int dimension) {
        this.session = session;
        this.dimension = dimension;
        String table = keyspace + ".chunks_d" + dimension;
        String key = "workspace = ? AND generation = ? AND source = ? AND path = ?";
        this.insert = session.prepare("INSERT INTO " + table + " (workspace, generation, source, path, ordinal, "
                + "text_hash, text, revision, filter_index, filter_source, filter_dirs, embedding) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.truncate = session.prepare("DELETE FROM " + table + " WHERE " + key + " AND ordinal >= ?");
        this.deleteDocument = session.prepare("DELETE FROM " + table + " WHERE " + key);
        this.selectDocument = session.prepare("SELECT ordinal, text_hash, text, embedding FROM " + table
                + " WHERE " + key);
        String select = "SELECT source, path, ordinal, text, revision, similarity_cosine(embedding, :query) AS score"
                + " FROM " + table + " WHERE filter_index = :filter_index";
        String order = " ORDER BY embedding ANN OF :query LIMIT :k";
        searches[0] = session.prepare(select + order);
        searches[1] = session.prepare(select + " AND filter_source = :filter_source" + order);
        searches[2] = session.prepare(select + " AND filter_dirs CONTAINS :filter_dir" + order);
        searches[3] = session.prepare(select + " AND filter_source = :filter_source"
                + " AND filter_dirs CONTAINS :filter_dir" + order);
    }

    public int dimension() {
        return dimension;
    }

    /**
     * Makes the document's chunks exactly {@code chunks}: writes them (ordinals 0..n-1) and removes every chunk at
     * an ordinal of n or more, left from a longer earlier version.
     */
    public CompletionStage<Void> write(DocumentRef ref, String revision, List<StoredChunk> chunks) {
        List<Statement<?>> writes = new ArrayList<>();
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
        long batchBytes = 0;
        for (StoredChunk chunk : chunks) {
            long bytes = estimatedBytes(chunk);
            if (bytes > MAX_BATCH_BYTES) {
                // A chunk this large (a long run of text the tokenizer counts as one unknown token) goes alone:
                // Cassandra fails batches over 640 KB, not rows.
                writes.add(bindInsert(ref, revision, chunk));
                continue;
            }
            if (batch.getStatementsCount() == CHUNKS_PER_BATCH || batchBytes + bytes > MAX_BATCH_BYTES) {
                writes.add(batch.build());
                batch = BatchStatement.builder(BatchType.UNLOGGED);
                batchBytes = 0;
            }
            batch.addStatement(bindInsert(ref, revision, chunk));
            batchBytes += bytes;
        }
        batch.addStatement(truncate.bind(ref.workspace(), ref.generation(), ref.source(), ref.path(),
                chunks.size()));
        writes.add(batch.build());
        return Bounded.map(writes, BATCHES_IN_FLIGHT, session::executeAsync).thenApply(done -> null);
    }

    /** An upper bound of a chunk row's size: UTF-8 text, the vector, keys and hashes. */
    private long estimatedBytes(StoredChunk chunk) {
        return 3L * chunk.text().length() + 4L * dimension + 512;
    }

    public CompletionStage<Void> deleteDocument(DocumentRef ref) {
        return session.executeAsync(deleteDocument.bind(ref.workspace(), ref.generation(), ref.source(), ref.path()))
                .thenApply(rs -> null);
    }

    /** The chunks stored for a document, in order (for audits and tests; the pipeline never reads them back). */
    public CompletionStage<List<StoredChunk>> read(DocumentRef ref) {
        return session.executeAsync(selectDocument.bind(ref.workspace(), ref.generation(), ref.source(), ref.path()))
                .thenCompose(rs -> collect(rs, new ArrayList<>()));
    }

    private CompletionStage<List<StoredChunk>> collect(
            com.datastax.oss.driver.api.core.cql.AsyncResultSet rs, List<StoredChunk> into) {
        for (Row row : rs.currentPage()) {
            into.add(new StoredChunk(row.getInt("ordinal"), row.getString("text_hash"), row.getString("text"),
                    toArray(row.getVector("embedding", Float.class))));
        }
        return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> collect(next, into))
                : CompletableFuture.completedFuture(into);
    }

    /**
     * The k chunks of a workspace's generation nearest to a query vector, optionally only of one source and only
     * under one directory (ending in '/').
     */
    public CompletionStage<List<SearchHit>> search(String workspace, String generation, float[] query, int k,
                                                   String source, String directory) {
        int variant = (source == null ? 0 : 1) + (directory == null ? 0 : 2);
        var bound = searches[variant].boundStatementBuilder()
                .setVector("query", toVector(query), Float.class)
                .setString("filter_index", DocumentRef.filterIndex(workspace, generation))
                .setInt("k", k);
        if (source != null) {
            bound.setString("filter_source", source);
        }
        if (directory != null) {
            bound.setString("filter_dir", directory);
        }
        return session.executeAsync(bound.build()).thenApply(rs -> {
            List<SearchHit> hits = new ArrayList<>();
            for (Row row : rs.currentPage()) {
                hits.add(new SearchHit(row.getString("source"), row.getString("path"), row.getInt("ordinal"),
                        row.getString("text"), row.getString("revision"), row.getFloat("score")));
            }
            return hits;
        });
    }

    private BoundStatement bindInsert(DocumentRef ref, String revision, StoredChunk chunk) {
        if (chunk.vector().length != dimension) {
            throw new IllegalArgumentException("a vector of " + chunk.vector().length
                    + " dimensions cannot go into the table for " + dimension);
        }
        return insert.bind(ref.workspace(), ref.generation(), ref.source(), ref.path(), chunk.ordinal(),
                chunk.textHash(), chunk.text(), revision, ref.filterIndex(), ref.source(), ref.directories(),
                toVector(chunk.vector()));
    }

    /** A vector as the driver binds it. */
    public static CqlVector<Float> toVector(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add(v);
        }
        return CqlVector.newInstance(list);
    }

    static float[] toArray(CqlVector<Float> vector) {
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vector.get(i);
        }
        return values;
    }
}
