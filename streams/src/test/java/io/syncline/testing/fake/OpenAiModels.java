package io.syncline.testing.fake;

import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

import java.time.Duration;

/** LangChain4j's OpenAI embedding model pointed at a fake server, as the tests use it: no retries of its own. */
final class OpenAiModels {

    private OpenAiModels() {
    }

    static OpenAiEmbeddingModel against(FakeEmbeddingServer server, Duration timeout) {
        return OpenAiEmbeddingModel.builder()
                .baseUrl(server.openAiBaseUrl())
                .apiKey("test")
                .modelName("text-embedding-3-small")
                .dimensions(384)
                .maxRetries(0)
                .timeout(timeout)
                .build();
    }
}
