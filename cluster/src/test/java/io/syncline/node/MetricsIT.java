package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator's Prometheus reads from a node's {@code /metrics} on the management port, checked against what
 * the jobs and searches themselves report.
 */
class MetricsIT {

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Workflows user;
    private static int managementPort;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        keyspace = TestKeyspace.create(MetricsIT.class);
        // A short tick, so that a scrape shows what was just done soon.
        node = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of("kamon.metric.tick-interval", "500ms"));
        user = new Workflows(node);
        managementPort = node.node().system().settings().config().getInt("pekko.management.http.port");
    }

    @AfterAll
    static void stop() {
        node.close();
        keyspace.close();
    }

    @Test
    void countersMatchTheJobsOwnCountsAndTheSearchesMade() {
        TestRepo repo = TestRepo.bare(tmp.resolve("metrics.git"));
        TestRepo.Snapshot main = repo.on("main");
        for (int i = 0; i < 5; i++) {
            main.file("docs/page-" + i + ".md", TestCorpus.markdown(300 + i, 2));
        }
        main.commit();
        user.createWorkspace("metrics-first", null);
        user.addGitSource("metrics-first", "repo", repo.location().toString());
        JsonNode first = user.sync("metrics-first", "repo", "full");

        Scrape afterFirst = awaitScrape(scrape ->
                assertThat(scrape.value("syncline_sync_jobs_total", "workspace=metrics-first")).isEqualTo(1));
        assertThat(afterFirst.value("syncline_sync_jobs_total", "workspace=metrics-first", "mode=full",
                "outcome=completed")).isEqualTo(1);
        assertThat(afterFirst.value("syncline_documents_total", "workspace=metrics-first", "outcome=added"))
                .isEqualTo(first.get("documents").get("added").asDouble()).isEqualTo(5);
        long embedded = first.get("chunks").get("embedded").asLong();
        assertThat(embedded).isPositive();
        assertThat(afterFirst.value("syncline_chunks_embedded_total", "workspace=metrics-first"))
                .isEqualTo(embedded);
        assertThat(afterFirst.value("syncline_sync_duration_seconds_count", "workspace=metrics-first"))
                .isEqualTo(1);

        // The same texts in a second workspace come from the cache; three searches in the first.
        user.createWorkspace("metrics-second", null);
        user.addGitSource("metrics-second", "repo", repo.location().toString());
        JsonNode second = user.sync("metrics-second", "repo", "full");
        for (String query : new String[]{"checkpoint", "journal recovery", "shard allocation"}) {
            user.search("metrics-first", query, 3);
        }

        Scrape afterSecond = awaitScrape(scrape -> {
            assertThat(scrape.value("syncline_sync_jobs_total", "workspace=metrics-second")).isEqualTo(1);
            assertThat(scrape.value("syncline_search_seconds_count", "workspace=metrics-first")).isEqualTo(3);
        });
        assertThat(second.get("chunks").get("embedded").asLong()).isZero();
        assertThat(afterSecond.value("syncline_chunks_reused_total", "workspace=metrics-second"))
                .isEqualTo(second.get("chunks").get("reused").asDouble()).isEqualTo(embedded);
        assertThat(afterSecond.value("syncline_chunks_embedded_total", "workspace=metrics-second")).isZero();
        assertThat(afterSecond.value("syncline_chunks_embedded_total", "workspace=metrics-first"))
                .as("counters are totals: the first workspace's did not move").isEqualTo(embedded);
        assertThat(afterSecond.value("syncline_http_requests_total", "route=/v1/workspaces/{id}/search",
                "status=200")).isEqualTo(3);
        assertThat(afterSecond.names()).as("the JVM's own metrics")
                .anyMatch(name -> name.startsWith("jvm_memory")).anyMatch(name -> name.startsWith("jvm_gc"));
    }

    @Test
    void requestsThatWereRefusedAreCountedByRouteWithoutTheirIds() {
        Api.Response refused = node.api().withKey(null).get("/v1/workspaces/no-such-workspace-anywhere");
        assertThat(refused.status()).isEqualTo(401);
        Scrape scrape = awaitScrape(s -> assertThat(s.value("syncline_http_requests_total",
                "route=/v1/workspaces/{id}", "status=401")).isPositive());
        assertThat(scrape.text()).doesNotContain("no-such-workspace-anywhere");
    }

    private Scrape awaitScrape(java.util.function.Consumer<Scrape> check) {
        return node.await(Duration.ofSeconds(30), () -> {
            Scrape scrape = Scrape.of(managementPort);
            assertThat(scrape.status()).isEqualTo(200);
            check.accept(scrape);
            return scrape;
        });
    }
}
