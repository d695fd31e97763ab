package io.syncline.testing.fake;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.cohere.CohereEmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LangChain4j's Cohere client 1.11.0-beta19 (Retrofit and OkHttp), on langchain4j-core 1.20.0, against /v1/embed. */
class CohereClientAgainstFakeServerTest {

    private FakeEmbeddingServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeEmbeddingServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void embedsAListOfTexts() {
        Response<List<Embedding>> response =
                model().embedAll(List.of(TextSegment.from("first"), TextSegment.from("second")));

        assertThat(response.content()).extracting(Embedding::vector)
                .containsExactly(FakeVectors.of("first", 384), FakeVectors.of("second", 384));
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(4);
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.api()).isEqualTo(Api.COHERE);
            assertThat(request.model()).isEqualTo("embed-english-v3.0");
            assertThat(request.inputs()).containsExactly("first", "second");
        });
    }

    @Test
    void findsItsDimensionByEmbeddingAProbeText() {
        assertThat(model().dimension()).isEqualTo(384);
        assertThat(server.requests()).singleElement()
                .satisfies(request -> assertThat(request.inputs()).containsExactly("test"));
    }

    @Test
    void batchesOfMoreThan96TextsAreSplitByTheClient() {
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            segments.add(TextSegment.from("text " + i));
        }

        assertThat(model().embedAll(segments).content()).hasSize(100);
        assertThat(server.requests()).extracting(RecordedRequest::inputCount).containsExactly(96, 4);
    }

    @Test
    void aRateLimitSurfacesAsAnExceptionNamingTheStatus() {
        server.faults(FaultPlans.always(Fault.tooManyRequests(Duration.ofSeconds(5))));

        assertThatThrownBy(() -> model().embed("x")).hasMessageContaining("status code: 429");
    }

    private CohereEmbeddingModel model() {
        return CohereEmbeddingModel.builder()
                .baseUrl(server.cohereBaseUrl())
                .apiKey("test")
                .modelName("embed-english-v3.0")
                .inputType("search_document")
                .timeout(Duration.ofSeconds(10))
                .build();
    }
}
