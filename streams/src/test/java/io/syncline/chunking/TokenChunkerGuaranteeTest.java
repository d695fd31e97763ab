package io.syncline.chunking;

import io.syncline.embedding.LocalModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What must hold for every chunk of every document, whatever the model and the spec. */
class TokenChunkerGuaranteeTest {

    static Stream<Arguments> documentsModelsAndSpecs() {
        List<Arguments> cases = new ArrayList<>();
        for (LocalModel model : List.of(LocalModel.DEFAULT, LocalModel.BGE_SMALL_EN_V15_Q)) {
            List<ChunkingSpec> specs = List.of(ChunkingSpec.defaultFor(model), new ChunkingSpec(16, 0),
                    new ChunkingSpec(16, 8), new ChunkingSpec(37, 5));
            for (ChunkingSpec spec : specs) {
                for (Map.Entry<String, String> document : ChunkingCorpus.documents().entrySet()) {
                    cases.add(Arguments.of(document.getKey(), model, spec, document.getValue()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("documentsModelsAndSpecs")
    void everyChunkAloneHasAtMostMaxTokensAndReportsThatCount(String name, LocalModel model, ChunkingSpec spec,
                                                              String document) {
        ModelTokenizer tokenizer = ModelTokenizer.of(model);

        List<Chunk> chunks = new TokenChunker(tokenizer, spec).split(document);

        for (Chunk chunk : chunks) {
            int alone = tokenizer.countTokens(chunk.text());
            assertThat(alone).as("tokens of chunk %d alone: %s", chunk.ordinal(), chunk.text())
                    .isLessThanOrEqualTo(spec.maxTokens());
            assertThat(chunk.tokens()).as("reported tokens of chunk %d: %s", chunk.ordinal(), chunk.text())
                    .isEqualTo(alone);
        }
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("documentsModelsAndSpecs")
    void chunksAreTrimmedSlicesOfTheDocumentInOrder(String name, LocalModel model, ChunkingSpec spec,
                                                    String document) {
        List<Chunk> chunks = new TokenChunker(ModelTokenizer.of(model), spec).split(document);

        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.ordinal()).isEqualTo(i);
            assertThat(chunk.text()).isEqualTo(document.substring(chunk.start(), chunk.end()));
            assertThat(chunk.text()).isNotBlank();
            assertThat(isWhitespace(chunk.text().charAt(0))).as("starts with whitespace: %s", chunk.text()).isFalse();
            assertThat(isWhitespace(chunk.text().charAt(chunk.text().length() - 1)))
                    .as("ends with whitespace: %s", chunk.text()).isFalse();
            if (i > 0) {
                Chunk previous = chunks.get(i - 1);
                assertThat(chunk.start()).isGreaterThan(previous.start());
                assertThat(chunk.end()).isGreaterThan(previous.end());
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("documentsModelsAndSpecs")
    void everyCharThatIsNotWhitespaceIsInSomeChunk(String name, LocalModel model, ChunkingSpec spec,
                                                   String document) {
        List<Chunk> chunks = new TokenChunker(ModelTokenizer.of(model), spec).split(document);

        boolean[] covered = new boolean[document.length()];
        chunks.forEach(chunk -> java.util.Arrays.fill(covered, chunk.start(), chunk.end(), true));
        List<Integer> missed = new ArrayList<>();
        for (int i = 0; i < document.length(); i++) {
            if (!covered[i] && !isWhitespace(document.charAt(i))) {
                missed.add(i);
            }
        }
        assertThat(missed).as("indices of chars in no chunk").isEmpty();
    }

    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
