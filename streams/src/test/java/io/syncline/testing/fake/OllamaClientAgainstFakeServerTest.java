package io.syncline.testing.fake;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LangChain4j's Ollama client 1.18.1, on langchain4j-core 1.20.0, against the fake's /api/embed. */
class OllamaClientAgainstFakeServerTest {

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
        List<Embedding> embeddings = model(null).embedAll(List.of(TextSegment.from("a"), TextSegment.from("b")))
                .content();

        assertThat(embeddings).extracting(Embedding::vector)
                .containsExactly(FakeVectors.of("a", 384), FakeVectors.of("b", 384));
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.api()).isEqualTo(Api.OLLAMA);
            assertThat(request.model()).isEqualTo("nomic-embed-text");
            assertThat(request.inputs()).containsExactly("a", "b");
        });
    }

    @Test
    void passesTheDimensionItIsBuiltWith() {
        assertThat(model(64).embed("short").content().vector()).containsExactly(FakeVectors.of("short", 64));
    }

    @Test
    void aServerErrorSurfacesAsAnInternalServerException() {
        server.faults(FaultPlans.always(Fault.status(500)));

        assertThatThrownBy(() -> model(null).embed("x")).isInstanceOf(InternalServerException.class);
    }

    private OllamaEmbeddingModel model(Integer dimensions) {
        return OllamaEmbeddingModel.builder()
                .baseUrl(server.ollamaBaseUrl())
                .modelName("nomic-embed-text")
                .dimensions(dimensions)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(10))
                .build();
    }
}
