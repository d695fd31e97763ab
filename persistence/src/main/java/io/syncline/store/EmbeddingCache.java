package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.syncline.cassandra.Bounded;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Vectors by (model key, chunk text hash), shared by every workspace: a text embedded once with a model is found
 * here instead of being sent to the model again. One single-row partition per entry, read by parallel point
 * lookups.
 */
public final class EmbeddingCache {

    /** Requests in flight per call: enough to hide latency, far below what a connection accepts (1,024). */
    private static final int MAX_IN_FLIGHT = 64;

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insert;

    public EmbeddingCache(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".embedding_cache";
        this.select = session.prepare("SELECT text_hash, vector FROM " + table
                + " WHERE model_key = ? AND text_hash = ?");
        this.insert = session.prepare("INSERT INTO " + table + " (model_key, text_hash, vector, created_at) "
                + "VALUES (?, ?, ?, ?)");
    }

    /** The cached vectors of those text hashes that have one; hashes without a vector are absent from the map. */
    public CompletionStage<Map<String, float[]>> getAll(String modelKey, Collection<String> textHashes) {
        return Bounded.map(List.copyOf(textHashes), MAX_IN_FLIGHT,
                        hash -> session.executeAsync(select.bind(modelKey, hash)).thenApply(rs -> rs.one()))
                .thenApply(rows -> {
                    Map<String, float[]> found = new HashMap<>();
                    for (Row row : rows) {
                        if (row != null) {
                            found.put(row.getString("text_hash"), decode(row.getByteBuffer("vector")));
                        }
                    }
                    return found;
                });
    }

    public CompletionStage<Void> putAll(String modelKey, Map<String, float[]> vectors) {
        Instant now = Instant.now();
        return Bounded.map(List.copyOf(vectors.entrySet()), MAX_IN_FLIGHT,
                        e -> session.executeAsync(insert.bind(modelKey, e.getKey(), encode(e.getValue()), now)))
                .thenApply(done -> null);
    }

    static ByteBuffer encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer;
    }

    static float[] decode(ByteBuffer bytes) {
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
