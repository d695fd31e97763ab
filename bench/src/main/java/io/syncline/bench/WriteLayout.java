package io.syncline.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One way of storing the same chunk rows, for {@link WriteBenchmark}: Syncline's chunk table with some of its SAI
 * indexes, written in one way. Each layout differs from one other in one thing, so that the difference of their
 * costs is that thing's.
 */
record WriteLayout(String name, Set<String> indexes, Writer writer, String vectorOptions, String what) {

    /** The vector index's options in Syncline's chunk table template. */
    static final String TEMPLATE_OPTIONS = "";

    enum Writer {
        /** One unlogged batch per document (its partition), as Syncline's store batches them, nothing else. */
        BATCH_PER_DOCUMENT,
        /** The same rows without their text. */
        BATCH_WITHOUT_TEXT,
        /** One INSERT per row. */
        ROW_BY_ROW,
        /** Syncline's {@code ChunkStore.write}: the batches, and the delete of any chunk beyond the last. */
        CHUNK_STORE
    }

    /** The table every layout writes, in a keyspace of its own: the template's name for 384 dimensions. */
    static final String TABLE = "chunks_d" + WriteBenchmark.DIMENSION;

    /** The indexes of Syncline's chunk table, by the suffix of their names. */
    static final List<String> INDEXES = List.of("embedding", "filter_index", "filter_source", "filter_dirs");

    static final WriteLayout BARE = new WriteLayout("table", Set.of(), Writer.BATCH_PER_DOCUMENT,
            TEMPLATE_OPTIONS, "no index: the raw driver's baseline");
    static final WriteLayout SYNCLINE = new WriteLayout("syncline", Set.copyOf(INDEXES), Writer.CHUNK_STORE,
            TEMPLATE_OPTIONS, "Syncline's table and store");

    /** What {@code bench write} measures unless told otherwise: each part of Syncline's chunk row. */
    static final List<WriteLayout> DEFAULT = List.of(
            BARE,
            new WriteLayout("table_no_text", Set.of(), Writer.BATCH_WITHOUT_TEXT, TEMPLATE_OPTIONS,
                    "no index, no text"),
            new WriteLayout("table_row_by_row", Set.of(), Writer.ROW_BY_ROW, TEMPLATE_OPTIONS,
                    "no index, no batches"),
            new WriteLayout("vector", Set.of("embedding"), Writer.BATCH_PER_DOCUMENT, TEMPLATE_OPTIONS,
                    "the vector index"),
            new WriteLayout("vector_index", Set.of("embedding", "filter_index"), Writer.BATCH_PER_DOCUMENT,
                    TEMPLATE_OPTIONS, "and filter_index's"),
            new WriteLayout("vector_index_source", Set.of("embedding", "filter_index", "filter_source"),
                    Writer.BATCH_PER_DOCUMENT, TEMPLATE_OPTIONS, "and filter_source's"),
            new WriteLayout("all_indexes", Set.copyOf(INDEXES), Writer.BATCH_PER_DOCUMENT, TEMPLATE_OPTIONS,
                    "and filter_dirs'"),
            SYNCLINE);

    /**
     * Cheaper vector graphs, only on request: Cassandra 5.0 refuses these options unless it runs with
     * {@link #CUSTOM_PARAMETERS}, and what they save in CPU they cost in recall.
     */
    static final List<WriteLayout> TUNED = List.of(
            new WriteLayout("vector_beam_50", Set.of("embedding"), Writer.BATCH_PER_DOCUMENT,
                    "'construction_beam_width': '50'", "the vector index, half the search while building it"),
            new WriteLayout("vector_beam_25", Set.of("embedding"), Writer.BATCH_PER_DOCUMENT,
                    "'construction_beam_width': '25'", "the vector index, a quarter of the search"),
            new WriteLayout("vector_m8", Set.of("embedding"), Writer.BATCH_PER_DOCUMENT,
                    "'maximum_node_connections': '8'", "the vector index, half the neighbours per node"));

    static final String CUSTOM_PARAMETERS = "-Dcassandra.sai.vector.allow_custom_parameters=true";

    private static final List<WriteLayout> ALL = Stream.concat(DEFAULT.stream(), TUNED.stream()).toList();

    boolean tuned() {
        return !vectorOptions.equals(TEMPLATE_OPTIONS);
    }

    boolean hasVectorIndex() {
        return indexes.contains("embedding");
    }

    String keyspace() {
        return "bench_write_" + name;
    }

    /** The layouts of {@code --layouts a,b,c}, in the benchmark's order; {@link #DEFAULT} for an empty list. */
    static List<WriteLayout> named(String names) {
        if (names.isBlank()) {
            return DEFAULT;
        }
        Set<String> wanted = Set.copyOf(Arrays.stream(names.split(",")).map(String::trim).toList());
        for (String name : wanted) {
            if (ALL.stream().noneMatch(layout -> layout.name().equals(name))) {
                throw new IllegalArgumentException("--layouts: no layout '" + name + "'; there are "
                        + ALL.stream().map(WriteLayout::name).toList());
            }
        }
        return ALL.stream().filter(layout -> wanted.contains(layout.name())).toList();
    }

    @Override
    public String toString() {
        return name + " (" + what + ")";
    }
}
