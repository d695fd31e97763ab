package io.syncline.testing.fake;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An outage window answers 503 to what arrives inside it and lets through what arrives outside. */
class OutageTest {

    private FakeEmbeddingServer server;
    private OpenAiEmbeddingModel model;

    @BeforeEach
    void start() throws Exception {
        server = FakeEmbeddingServer.start();
        model = OpenAiModels.against(server, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOutageThatCoversNowAnswers503() {
        Instant now = Instant.now();
        server.faults(FaultPlans.outage(now.minusSeconds(60), now.plusSeconds(3600)));

        assertThatThrownBy(() -> model.embed("during")).isInstanceOf(InternalServerException.class)
                .hasMessageContaining("unavailable");
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.status()).hasValue(503));
    }

    @Test
    void anOutageThatHasEndedLetsRequestsThrough() {
        Instant now = Instant.now();
        server.faults(FaultPlans.outage(now.minusSeconds(3600), now.minusSeconds(60)));

        assertThat(model.embed("after").content().vector()).containsExactly(FakeVectors.of("after", 384));
    }

    @Test
    void anOutageYetToComeLetsRequestsThrough() {
        Instant now = Instant.now();
        server.faults(FaultPlans.outage(now.plusSeconds(3600), now.plusSeconds(7200)));

        assertThat(model.embed("before").content().dimension()).isEqualTo(384);
    }
}
