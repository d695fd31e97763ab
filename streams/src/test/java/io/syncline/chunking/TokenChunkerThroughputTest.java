package io.syncline.chunking;

import io.syncline.embedding.LocalModel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunks two 1 MB documents of generated Markdown and Java and prints the speed next to that of tokenizing alone. Speed is
 * printed, never asserted (a timed assertion fails on a busy machine, not on slow code): bench/ measures it.
 */
class TokenChunkerThroughputTest {

    @Test
    void chunksMegabyteDocumentsWholeAndPrintsItsSpeed() {
        ModelTokenizer tokenizer = ModelTokenizer.of(LocalModel.DEFAULT);
        ChunkingSpec spec = ChunkingSpec.defaultFor(LocalModel.DEFAULT);
        TokenChunker chunker = new TokenChunker(tokenizer, spec);
        Random random = new Random(21);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            documents.add(ChunkingCorpus.markdownAndCode(random, 1_000_000));
        }
        chunker.split(ChunkingCorpus.markdownAndCode(random, 100_000));
        long bytes = documents.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();

        // Both run on each document, first one then the other, in turn: whichever runs second on a text runs faster
        // (the native side reuses memory the first one touched), and a shared machine's load changes by the second.
        long tokenizing = 0;
        long chunking = 0;
        List<List<Chunk>> chunked = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String document = documents.get(i);
            if (i % 2 == 1) {
                tokenizing += nanosToTokenize(tokenizer, document);
            }
            long started = System.nanoTime();
            chunked.add(chunker.split(document));
            chunking += System.nanoTime() - started;
            if (i % 2 == 0) {
                tokenizing += nanosToTokenize(tokenizer, document);
            }
        }

        int chunks = chunked.stream().mapToInt(List::size).sum();
        System.out.printf("chunking %.1f MB of Markdown and Java for %s (%d chunks of at most %d tokens, overlap %d):"
                        + " %.2f MB/s; tokenizing alone %.2f MB/s%n",
                bytes / 1e6, LocalModel.DEFAULT.id(), chunks, spec.maxTokens(), spec.overlapTokens(),
                bytes / 1e3 / (chunking / 1e6), bytes / 1e3 / (tokenizing / 1e6));
        for (int i = 0; i < documents.size(); i++) {
            List<Chunk> documentChunks = chunked.get(i);
            assertThat(documentChunks).hasSizeGreaterThan(1_000);
            assertThat(documentChunks).allSatisfy(chunk -> assertThat(chunk.tokens()).isBetween(1, spec.maxTokens()));
            assertThat(documentChunks.get(documentChunks.size() - 1).end())
                    .isEqualTo(documents.get(i).stripTrailing().length());
        }
    }

    private static long nanosToTokenize(ModelTokenizer tokenizer, String document) {
        long started = System.nanoTime();
        tokenizer.tokenize(document);
        return System.nanoTime() - started;
    }
}
