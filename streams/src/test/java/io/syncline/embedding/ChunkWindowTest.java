package io.syncline.embedding;

import io.syncline.chunking.Chunk;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.chunking.ModelTokenizer;
import io.syncline.chunking.TokenChunker;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token of a chunk reaches its vector: with the default chunking of each model, appending text to any chunk
 * the chunker produces changes the chunk's vector. The control shows the check can fail: a text as long as the
 * window keeps its vector whatever is appended, because the model never sees the rest.
 */
class ChunkWindowTest {

    private static final String APPENDED = " Appended words about harbours, tides and the sea change the meaning.";

    private static Embedders embedders;

    @BeforeAll
    static void load() {
        embedders = new Embedders(2);
    }

    @AfterAll
    static void close() {
        embedders.close();
    }

    @ParameterizedTest
    @EnumSource(value = LocalModel.class, names = {"ALL_MINILM_L6_V2_Q", "BGE_SMALL_EN_V15_Q"})
    void appendingTextToAnyProducedChunkChangesItsVector(LocalModel model) {
        Embedder embedder = embedders.forSpec(new EmbeddingSpec(EmbeddingSpec.LOCAL, model.id()));
        TokenChunker chunker = new TokenChunker(ModelTokenizer.of(model), ChunkingSpec.defaultFor(model));
        List<Chunk> chunks = new ArrayList<>();
        for (int seed = 0; seed < 4; seed++) {
            chunks.addAll(chunker.split(TestCorpus.markdown(seed, 30)));
            chunks.addAll(chunker.split(TestCorpus.code(seed, 10)));
        }
        // The chunks closest to the window are the ones that could lose text: test the fullest.
        List<Chunk> fullest = chunks.stream().sorted(Comparator.comparingInt(Chunk::tokens).reversed())
                .limit(model == LocalModel.DEFAULT ? 24 : 6).toList();
        assertThat(fullest.get(0).tokens()).isGreaterThan(model.maxChunkTokens() * 9 / 10);

        List<String> texts = new ArrayList<>();
        fullest.forEach(c -> {
            texts.add(c.text());
            texts.add(c.text() + APPENDED);
        });
        List<float[]> vectors = Vectors.of(embedder, texts);
        for (int i = 0; i < fullest.size(); i++) {
            assertThat(cosine(vectors.get(2 * i), vectors.get(2 * i + 1)))
                    .as("chunk of %d tokens with text appended", fullest.get(i).tokens())
                    .isLessThan(0.9999);
        }
    }

    @ParameterizedTest
    @EnumSource(value = LocalModel.class, names = {"ALL_MINILM_L6_V2_Q"})
    void controlTextAppendedBeyondTheWindowLeavesTheVectorUnchanged(LocalModel model) {
        Embedder embedder = embedders.forSpec(new EmbeddingSpec(EmbeddingSpec.LOCAL, model.id()));
        ModelTokenizer tokenizer = ModelTokenizer.of(model);
        String text = TestCorpus.markdown(99, 20);
        assertThat(tokenizer.countTokens(text)).isGreaterThan(model.windowTokens());

        List<float[]> vectors = Vectors.of(embedder, List.of(text, text + APPENDED));

        assertThat(cosine(vectors.get(0), vectors.get(1))).isGreaterThan(0.99999);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
