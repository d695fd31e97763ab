package io.syncline.bench;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.LocalCassandra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark, run tiny against the tests' Cassandra, so that they keep working between the runs that record
 * figures: each must finish and report figures that make sense together. The figures themselves are not judged here
 * (benchmarks are not tests; docs/benchmarks.md holds the real runs).
 */
class BenchSmokeIT {

    @BeforeAll
    static void pointAtTheTestCassandra() {
        System.setProperty(BenchCassandra.CONTACT_POINTS_PROPERTY, String.join(",", LocalCassandra.contactPointStrings()));
        System.setProperty(CassandraJmx.PORT_PROPERTY,
                System.getenv().getOrDefault("SYNCLINE_TEST_CASSANDRA_JMX_PORT", "17199"));
    }

    private static JsonNode run(String benchmark, String... options) throws Exception {
        JsonNode result = BenchMain.run(benchmark, Options.parse(options)).fields();
        assertEquals(benchmark, result.get("benchmark").asText());
        return result;
    }

    @Test
    void ingestComparesTheSyncWithBothBaselinesOnTheSameCorpusInRoundsAndSaysWhereTheCpuWent() throws Exception {
        JsonNode result = run("ingest", "--docs", "12", "--rounds", "2");
        assertEquals(12, result.get("docs").asInt());
        assertEquals(2, result.get("rounds").asInt());
        assertTrue(result.get("chunks").asInt() >= result.get("chunks_embedded").asInt(), result::toString);
        assertEquals(result.get("distinct_new_texts").asInt(), result.get("chunks_embedded").asInt(), result::toString);
        assertTrue(result.get("chunks_embedded").asInt() > 12, result::toString);
        for (String figure : new String[]{"syncline_s", "raw_model_s", "langchain4j_s", "ratio_vs_raw",
                "ratio_vs_langchain4j", "model_cpu_s", "cassandra_cpu_s"}) {
            assertSpread(result, figure);
        }
        // Of two rounds the median is their mean; each round's ratio lies within the spread of the times.
        assertEquals((result.get("ratio_vs_raw_min").asDouble() + result.get("ratio_vs_raw_max").asDouble()) / 2,
                result.get("ratio_vs_raw").asDouble(), 0.0015, result::toString);
        assertTrue(result.get("ratio_vs_raw_max").asDouble() <= result.get("raw_model_s_max").asDouble()
                / result.get("syncline_s_min").asDouble() + 0.001, result::toString);
        assertTrue(result.get("node_other_cpu_s").asDouble() >= 0, result::toString);
    }

    /** A figure of rounds: positive, its median within its spread. */
    private static void assertSpread(JsonNode result, String figure) {
        double min = result.get(figure + "_min").asDouble();
        double median = result.get(figure).asDouble();
        double max = result.get(figure + "_max").asDouble();
        assertTrue(0 < min && min <= median && median <= max, figure + ": " + result);
    }

    @Test
    void resyncEmbedsNothingWhenNothingChangedAndOnlyTheEditsOtherwise() throws Exception {
        JsonNode result = run("resync", "--docs", "20", "--rounds", "2");
        assertEquals(2, result.get("rounds").asInt());
        assertSpread(result, "speedup_10pct");
        assertSpread(result, "model_cpu_10pct_s");
        assertEquals(0, result.get("chunks_embedded_unchanged").asInt(), result::toString);
        int onePercent = result.get("chunks_embedded_1pct").asInt();
        int tenPercent = result.get("chunks_embedded_10pct").asInt();
        assertTrue(onePercent > 0 && tenPercent > 0, result::toString);
        assertTrue(tenPercent < result.get("chunks_embedded_full").asInt(), result::toString);
        assertTrue(result.get("speedup_unchanged").asDouble() > 1, result::toString);
    }

    @Test
    void searchMeasuresTheApiAndTheRawQueryOnTheSameIndex() throws Exception {
        JsonNode result = run("search", "--chunks", "600", "--clients", "2", "--queries", "40", "--keep", "no");
        assertEquals(600, result.get("chunks").asInt());
        for (String side : new String[] {"", "raw_"}) {
            double p50 = result.get(side + "p50_ms").asDouble();
            double p95 = result.get(side + "p95_ms").asDouble();
            double p99 = result.get(side + "p99_ms").asDouble();
            assertTrue(0 < p50 && p50 <= p95 && p95 <= p99, result::toString);
            assertTrue(result.get(side + "qps").asDouble() > 0, result::toString);
        }
        assertSpread(result, "ratio_vs_raw_cql");
        assertTrue(result.get("model_cpu_ms_per_query").asDouble() > 0, result::toString);
    }

    @Test
    void writeMeasuresEachPartOfAChunkRowAndTheRecallOfEachVectorIndex() throws Exception {
        JsonNode result = run("write", "--rows", "1000", "--rounds", "1", "--layouts", "table,vector,syncline");
        for (WriteLayout layout : WriteLayout.named("table,vector,syncline")) {
            assertTrue(result.get(layout.name() + "_cassandra_us_per_row").asDouble() > 0, result::toString);
            assertTrue(result.get(layout.name() + "_rows_per_s").asDouble() > 0, result::toString);
            if (layout.hasVectorIndex()) {
                // the ANN query finds most of the true neighbours: the index was built over the rows written
                double recall = result.get(layout.name() + "_recall_at_10").asDouble();
                assertTrue(recall > 0.5 && recall <= 1, result::toString);
            } else {
                assertTrue(result.get(layout.name() + "_recall_at_10") == null, result::toString);
            }
        }
        // every vector is put into a graph as it is written: the vector index is most of a row's cost
        assertTrue(result.get("vector_cassandra_us_per_row").asDouble()
                > result.get("table_cassandra_us_per_row").asDouble(), result::toString);
        assertTrue(result.get("syncline_vs_table").asDouble() > 1, result::toString);
    }

    @Test
    void aRunDropsTheKeyspaceAKilledRunLeftBehindButKeepsTheSearchIndex() throws Exception {
        var session = LocalCassandra.session();
        String anHourAgo = Long.toString(System.currentTimeMillis() - 3_600_000, 36);
        String leftover = "bench_killed_" + anHourAgo;
        String searchIndex = "bench_search_1_" + anHourAgo;
        for (String keyspace : new String[] {leftover, searchIndex}) {
            session.execute(SimpleStatement.newInstance("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
                    .setTimeout(Duration.ofSeconds(60)));
        }
        try {
            run("write", "--rows", "10", "--rounds", "1", "--layouts", "table");
            session.refreshSchema();
            assertTrue(session.getMetadata().getKeyspace(leftover).isEmpty(), leftover + " is still there");
            assertTrue(session.getMetadata().getKeyspace(searchIndex).isPresent(), "the kept search index was dropped");
        } finally {
            for (String keyspace : new String[] {leftover, searchIndex}) {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                        .setTimeout(Duration.ofSeconds(60)));
            }
        }
    }

    @Test
    void remoteSyncsEveryDocumentThroughTheRateLimitedFakeProvider() throws Exception {
        JsonNode result = run("remote", "--docs", "60", "--rpm", "1200", "--latency-ms", "5");
        assertEquals("completed", result.get("state").asText());
        assertTrue(result.get("docs_per_s").asDouble() > 0, result::toString);
        assertTrue(result.get("rate_utilization").asDouble() > 0, result::toString);
    }

    @Test
    void memoryReportsThePeaksOfTheNodesJvm() throws Exception {
        JsonNode result = run("memory", "--docs", "40", "--heap", "512m");
        double heap = result.get("peak_heap_mb").asDouble();
        assertTrue(heap > 0 && heap <= 512, result::toString);
        assertTrue(result.get("peak_rss_mb").asDouble() > heap, result::toString);
    }
}
