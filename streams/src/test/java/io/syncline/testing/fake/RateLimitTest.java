package io.syncline.testing.fake;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests-per-minute limit as a client sees it: 429 with Retry-After once the window is full. */
class RateLimitTest {

    private static final int LIMIT = 12;
    private static final String REQUEST = "{\"model\":\"text-embedding-3-small\",\"input\":[\"x\"]}";

    private FakeEmbeddingServer server;
    private HttpProbe http;

    @BeforeEach
    void start() throws Exception {
        server = FakeEmbeddingServer.start().rateLimit(LIMIT);
        http = new HttpProbe(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsBeyondTheLimitGet429WithRetryAfterInWholeSeconds() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < LIMIT + 5; i++) {
            responses.add(http.post("/v1/embeddings", REQUEST));
        }

        assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(LIMIT);
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(refused).hasSize(5).allSatisfy(response -> {
            long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(HttpProbe.json(response).get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
        });
        assertThat(server.requests()).filteredOn(request -> request.status().getAsInt() == 429)
                .hasSize(5)
                .allSatisfy(request -> assertThat(request.retryAfterSeconds()).isPresent());
    }

    @Test
    void aRateLimitedRequestNeverReachesTheFaultPlan() {
        server.faults(FaultPlans.always(Fault.status(500)));
        for (int i = 0; i < LIMIT + 1; i++) {
            http.post("/v1/embeddings", REQUEST);
        }

        RecordedRequest last = server.requests().get(LIMIT);
        assertThat(last.status()).hasValue(429);
        assertThat(last.fault()).isEqualTo(Fault.none());
    }

    @Test
    void liftingTheLimitLetsRequestsThroughAgain() {
        for (int i = 0; i < LIMIT + 1; i++) {
            http.post("/v1/embeddings", REQUEST);
        }

        server.rateLimit(0);

        assertThat(http.post("/v1/embeddings", REQUEST).statusCode()).isEqualTo(200);
    }
}
