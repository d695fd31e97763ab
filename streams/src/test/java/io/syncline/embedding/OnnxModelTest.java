package io.syncline.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.syncline.testing.TestCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Syncline's own ONNX session gives the vectors of LangChain4j's packaged model (the same graph, tokenizer and
 * pooling; only the threading differs), for texts embedded many at once and for a single query.
 */
class OnnxModelTest {

    @ParameterizedTest
    @EnumSource(value = LocalModel.class, names = {"ALL_MINILM_L6_V2_Q", "BGE_SMALL_EN_V15_Q"})
    void embedsAsLangChain4jsPackagedModelDoes(LocalModel model) {
        EmbeddingModel packaged = model == LocalModel.ALL_MINILM_L6_V2_Q ? new AllMiniLmL6V2QuantizedEmbeddingModel()
                : new BgeSmallEnV15QuantizedEmbeddingModel();
        List<TextSegment> texts = new ArrayList<>();
        for (int seed = 0; seed < 6; seed++) {
            texts.add(TextSegment.from(TestCorpus.markdown(seed, 1)));
            texts.add(TextSegment.from(TestCorpus.code(seed, 1)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            EmbeddingModel ours = model.load(threads);
            List<Embedding> expected = packaged.embedAll(texts).content();
            List<Embedding> actual = ours.embedAll(texts).content();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(actual.get(i).vector()).hasSize(model.dimension())
                        .containsExactly(expected.get(i).vector(), within(1e-4f));
            }
            assertThat(ours.embed("how do I rotate the keys").content().vector())
                    .containsExactly(packaged.embed("how do I rotate the keys").content().vector(), within(1e-4f));
        } finally {
            threads.shutdownNow();
        }
    }
}
