package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import io.syncline.cassandra.SchemaMigrations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chunk tables, one per vector dimension ({@code chunks_d384}, {@code chunks_d1536}, ...): a vector column has a
 * fixed size. The table of a new dimension is created (with its indexes) the first time a workspace needs it; that
 * is schema work, so callers run {@link #forDimension} on a blocking dispatcher.
 */
public final class ChunkTables {

    private final CqlSession session;
    private final String keyspace;
    private final Map<Integer, ChunkStore> stores = new ConcurrentHashMap<>();

    public ChunkTables(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    /** The store of a dimension's table, creating the table if it does not exist yet. Blocking the first time. */
    public ChunkStore forDimension(int dimension) {
        return stores.computeIfAbsent(dimension, d -> {
            if (!dimensions().contains(d)) {
                new SchemaMigrations(session, keyspace, null).applyTemplate("db/chunk-table.cql",
                        Map.of("dimension", String.valueOf(d)));
            }
            return new ChunkStore(session, keyspace, d);
        });
    }

    /** The store of a dimension's table if the table exists, else null (nothing was ever stored in it). */
    public ChunkStore existing(int dimension) {
        ChunkStore store = stores.get(dimension);
        if (store != null || !dimensions().contains(dimension)) {
            return store;
        }
        return forDimension(dimension);
    }

    /** The dimensions that have a table, from the driver's schema metadata (no query). */
    public List<Integer> dimensions() {
        return session.getMetadata().getKeyspace(keyspace)
                .map(k -> k.getTables().keySet().stream().map(CqlIdentifier::asInternal)
                        .filter(name -> name.matches("chunks_d\\d+"))
                        .map(name -> Integer.parseInt(name.substring("chunks_d".length())))
                        .sorted().toList())
                .orElse(List.of());
    }
}
