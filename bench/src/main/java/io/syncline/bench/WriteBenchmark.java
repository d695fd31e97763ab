package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.syncline.cassandra.Bounded;
import io.syncline.cassandra.SchemaMigrations;
import io.syncline.store.ChunkStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.ToDoubleFunction;

/**
 * {@code write}: what a chunk row costs Cassandra, part by part. The same generated rows (documents of 1 to 6
 * chunks, a 384-dimension vector and about 500 characters of prose each) go into tables of the chunk table's
 * layout that differ in one thing each, from the bare table written by the raw driver to Syncline's own table
 * written by its {@link ChunkStore}; {@link WriteLayout} lists them. The layouts take turns in every round, each
 * into a new table, and a layout's measurement ends when its memtable is flushed (the vector graph built in it
 * written out) and Cassandra runs no compaction.
 *
 * <p>RESULT per layout L: {@code L_cassandra_us_per_row} (Cassandra's CPU per row, microseconds, in all),
 * {@code L_flush_cassandra_us_per_row} (the part of it from the flush on),
 * {@code L_client_us_per_row} (this JVM's: binding and sending), {@code L_rows_per_s} (until the last write was
 * acknowledged), {@code L_recall_at_10} of a layout with a vector index ({@link AnnRecall}), each the median of the
 * rounds with {@code _min} and {@code _max}; and
 * {@code syncline_vs_table}, Syncline's table's Cassandra CPU per row over the bare table's, per round.
 */
final class WriteBenchmark {

    static final Set<String> OPTIONS = Set.of("rows", "rounds", "layouts");

    static final int DIMENSION = 384;

    private static final int DOCUMENTS_IN_FLIGHT = 8;

    private final int rows;
    private final int rounds;
    private final List<WriteLayout> layouts;

    WriteBenchmark(Options options) {
        options.allowing(OPTIONS);
        this.rows = options.integer("rows", 10_000);
        if (rows < 10 || rows > 500_000) {
            throw new IllegalArgumentException("--rows must be between 10 and 500000, was " + rows);
        }
        this.rounds = Workloads.rounds(options);
        this.layouts = WriteLayout.named(options.string("layouts", ""));
    }

    Result run() throws Exception {
        System.out.println("write: " + Machine.describe() + "; " + rows + " rows per layout and round, " + rounds
                + " rounds, layouts " + layouts.stream().map(WriteLayout::name).toList());
        List<WrittenDocument> documents = WrittenDocument.generate(rows, DIMENSION);
        Map<WriteLayout, List<Turn>> measured = new LinkedHashMap<>();
        layouts.forEach(layout -> measured.put(layout, new ArrayList<>()));
        try (CqlSession session = BenchCassandra.session(); CassandraJmx jmx = CassandraJmx.connect()) {
            try {
                warmUp(session, jmx, documents);
                for (int round = 1; round <= rounds; round++) {
                    for (WriteLayout layout : layouts) {
                        Turn turn = measure(session, jmx, layout, documents);
                        measured.get(layout).add(turn);
                        System.out.printf(Locale.ROOT, "  round %d %-20s Cassandra %5.0f us/row (flush %4.0f),"
                                        + " client %4.0f us/row, %5.0f rows/s, recall %.3f; writes %s%n", round,
                                layout.name(), 1e6 * turn.all().cassandra() / rows,
                                1e6 * turn.flushCassandra() / rows, 1e6 * turn.all().jvm() / rows,
                                rows / turn.writes().wall(), turn.recall(), turn.writes());
                    }
                }
            } finally {
                Set<WriteLayout> written = new LinkedHashSet<>(List.of(WriteLayout.BARE, WriteLayout.SYNCLINE));
                written.addAll(layouts);
                for (WriteLayout layout : written) {
                    BenchCassandra.dropKeyspace(session, layout.keyspace());
                }
            }
        }
        return result(measured);
    }

    /**
     * Writes the rows once into the bare table and once into Syncline's, unmeasured: the first turns of a fresh
     * Cassandra run its write path interpreted (the bare table at a fifth of its later speed).
     */
    private void warmUp(CqlSession session, CassandraJmx jmx, List<WrittenDocument> documents) throws Exception {
        for (WriteLayout layout : List.of(WriteLayout.BARE, WriteLayout.SYNCLINE)) {
            Turn turn = measure(session, jmx, layout, documents);
            System.out.printf(Locale.ROOT, "  warm-up %-18s Cassandra %5.0f us/row (not counted)%n", layout.name(),
                    1e6 * turn.all().cassandra() / rows);
        }
    }

    /** A layout's turn: what the writes used until the last was acknowledged, and what they used in all. */
    record Turn(CpuMeter.Usage writes, CpuMeter.Usage all, double recall) {

        /** Cassandra's CPU for the flush and what followed it: the on-disk index (graph, its compressed vectors). */
        double flushCassandra() {
            return all.cassandra() - writes.cassandra();
        }
    }

    /** One layout's turn: a new table, the rows written, the memtable flushed, compactions awaited. */
    private Turn measure(CqlSession session, CassandraJmx jmx, WriteLayout layout, List<WrittenDocument> documents)
            throws Exception {
        createTable(session, layout); // the turn before this one ended with Cassandra quiet
        CpuMeter meter = CpuMeter.start();
        write(session, layout, documents);
        CpuMeter.Usage writes = meter.used();
        jmx.flush(layout.keyspace(), WriteLayout.TABLE);
        CassandraQuiet.await(session);
        CpuMeter.Usage all = meter.used();
        double recall = layout.hasVectorIndex()
                ? AnnRecall.measure(session, layout.keyspace() + "." + WriteLayout.TABLE, documents) : Double.NaN;
        return new Turn(writes, all, recall);
    }

    /** Syncline's chunk table, made by its own template, less the indexes the layout does without. */
    private static void createTable(CqlSession session, WriteLayout layout) {
        BenchCassandra.dropKeyspace(session, layout.keyspace());
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE " + layout.keyspace()
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
                .setTimeout(Duration.ofSeconds(60)));
        new SchemaMigrations(session, layout.keyspace(), null).applyTemplate("db/chunk-table.cql",
                Map.of("dimension", String.valueOf(DIMENSION)));
        for (String index : WriteLayout.INDEXES) {
            boolean otherOptions = index.equals("embedding") && layout.tuned();
            if (!layout.indexes().contains(index) || otherOptions) {
                session.execute(SimpleStatement.newInstance("DROP INDEX " + layout.keyspace() + "."
                        + WriteLayout.TABLE + "_" + index).setTimeout(Duration.ofSeconds(60)));
            }
        }
        if (layout.tuned()) {
            try {
                session.execute(SimpleStatement.newInstance("CREATE INDEX " + WriteLayout.TABLE + "_embedding ON "
                        + layout.keyspace() + "." + WriteLayout.TABLE + " (embedding) USING 'sai' WITH OPTIONS"
                        + " = {'similarity_function': 'cosine', " + layout.vectorOptions() + "}")
                        .setTimeout(Duration.ofSeconds(60)));
            } catch (InvalidQueryException e) {
                throw new IllegalArgumentException("layout " + layout.name() + ": Cassandra refused its vector index ("
                        + e.getMessage() + "); start the local Cassandra with SYNCLINE_CASSANDRA_JVM_OPTS="
                        + WriteLayout.CUSTOM_PARAMETERS + " (bin/syncline stop first if it runs)", e);
            }
        }
    }

    private static void write(CqlSession session, WriteLayout layout, List<WrittenDocument> documents) {
        String table = layout.keyspace() + "." + WriteLayout.TABLE;
        CompletionStage<?> done = switch (layout.writer()) {
            case CHUNK_STORE -> {
                ChunkStore store = new ChunkStore(session, layout.keyspace(), DIMENSION);
                yield Bounded.map(documents, DOCUMENTS_IN_FLIGHT, d -> store.write(d.ref(), "r1", d.chunks()));
            }
            case BATCH_PER_DOCUMENT, ROW_BY_ROW, BATCH_WITHOUT_TEXT -> {
                PreparedStatement insert = session.prepare(layout.writer() == WriteLayout.Writer.BATCH_WITHOUT_TEXT
                        ? "INSERT INTO " + table + " (workspace, generation, source, path, ordinal, text_hash,"
                        + " revision, filter_index, filter_source, filter_dirs, embedding)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        : "INSERT INTO " + table + " (workspace, generation, source, path, ordinal, text_hash, text,"
                        + " revision, filter_index, filter_source, filter_dirs, embedding)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                yield Bounded.map(documents, DOCUMENTS_IN_FLIGHT, d -> {
                    List<BatchableStatement<?>> inserts =
                            d.inserts(insert, layout.writer() != WriteLayout.Writer.BATCH_WITHOUT_TEXT);
                    if (layout.writer() == WriteLayout.Writer.ROW_BY_ROW) {
                        return Bounded.map(inserts, inserts.size(), session::executeAsync).thenApply(all -> null);
                    }
                    return session.executeAsync(BatchStatement.newInstance(BatchType.UNLOGGED, inserts))
                            .thenApply(rs -> null);
                });
            }
        };
        done.toCompletableFuture().join();
    }

    private Result result(Map<WriteLayout, List<Turn>> measured) {
        Result result = new Result("write").put("rows", rows).put("rounds", rounds);
        for (Map.Entry<WriteLayout, List<Turn>> layout : measured.entrySet()) {
            String name = layout.getKey().name();
            List<Turn> turns = layout.getValue();
            result.put(name + "_cassandra_us_per_row", spread(turns, t -> 1e6 * t.all().cassandra() / rows), 0)
                    .put(name + "_flush_cassandra_us_per_row", spread(turns, t -> 1e6 * t.flushCassandra() / rows), 0)
                    .put(name + "_client_us_per_row", spread(turns, t -> 1e6 * t.all().jvm() / rows), 0)
                    .put(name + "_rows_per_s", spread(turns, t -> rows / t.writes().wall()), 0);
            if (layout.getKey().hasVectorIndex()) {
                result.put(name + "_recall_at_10", spread(turns, Turn::recall), 3);
            }
        }
        List<Turn> table = measured.get(WriteLayout.BARE);
        List<Turn> syncline = measured.get(WriteLayout.SYNCLINE);
        if (table != null && syncline != null) {
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                ratios.add(syncline.get(round).all().cassandra() / table.get(round).all().cassandra());
            }
            result.put("syncline_vs_table", Spread.of(ratios), 2);
        }
        return result;
    }

    private static Spread spread(List<Turn> turns, ToDoubleFunction<Turn> figure) {
        return Spread.of(turns.stream().map(figure::applyAsDouble).toList());
    }
}
