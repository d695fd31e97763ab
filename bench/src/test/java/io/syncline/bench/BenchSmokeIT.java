package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.LocalCassandra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    }

    private static JsonNode run(String benchmark, String... options) throws Exception {
        JsonNode result = BenchMain.run(benchmark, Options.parse(options)).fields();
        assertEquals(benchmark, result.get("benchmark").asText());
        return result;
    }

    @Test
    void ingestComparesTheSyncWithBothBaselinesOnTheSameCorpus() throws Exception {
        JsonNode result = run("ingest", "--docs", "12");
        assertEquals(12, result.get("docs").asInt());
        assertTrue(result.get("chunks").asInt() >= result.get("chunks_embedded").asInt(), result::toString);
        assertEquals(result.get("distinct_new_texts").asInt(), result.get("chunks_embedded").asInt(), result::toString);
        assertTrue(result.get("chunks_embedded").asInt() > 12, result::toString);
        assertRatio(result, "ratio_vs_raw", "raw_model_s", "syncline_s");
        assertRatio(result, "ratio_vs_langchain4j", "langchain4j_s", "syncline_s");
    }

    /**
     * The ratio the result states is the quotient of the two times it states, within what rounding the times to
     * hundredths of a second and the ratio to thousandths allows (a tiny run takes under a second).
     */
    private static void assertRatio(JsonNode result, String ratio, String numerator, String denominator) {
        double top = result.get(numerator).asDouble();
        double bottom = result.get(denominator).asDouble();
        double stated = result.get(ratio).asDouble();
        double rounding = stated * (0.005 / top + 0.005 / bottom) + 0.0005;
        assertEquals(top / bottom, stated, rounding, result::toString);
    }

    @Test
    void resyncEmbedsNothingWhenNothingChangedAndOnlyTheEditsOtherwise() throws Exception {
        JsonNode result = run("resync", "--docs", "20");
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
