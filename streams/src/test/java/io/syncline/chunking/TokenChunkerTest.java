package io.syncline.chunking;

import io.syncline.embedding.LocalModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenChunkerTest {

    private static final ModelTokenizer TOKENIZER = ModelTokenizer.of(LocalModel.DEFAULT);
    private static final String[] WORDS = {"index", "sync", "chunk", "vector", "model", "the", "a", "repository",
            "branch", "commit", "search", "token", "window", "node", "cluster", "store", "keeps", "reads", "writes",
            "embeds", "every", "file", "change", "quickly", "never", "again"};

    @Test
    void emptyAndWhitespaceOnlyDocumentsGiveNoChunks() {
        TokenChunker chunker = new TokenChunker(TOKENIZER, ChunkingSpec.defaultFor(LocalModel.DEFAULT));

        assertThat(chunker.split("")).isEmpty();
        assertThat(chunker.split(" ")).isEmpty();
        assertThat(chunker.split("\n\n\n\n")).isEmpty();
        assertThat(chunker.split(" \r\n\t\u00a0\r\n ")).isEmpty();
    }

    @Test
    void shortDocumentGivesOneChunkThatIsItsTrimmedText() {
        String document = "\n  # Title\n\nA short note about syncing.  \n";

        List<Chunk> chunks = new TokenChunker(TOKENIZER, ChunkingSpec.defaultFor(LocalModel.DEFAULT)).split(document);

        assertThat(chunks).containsExactly(new Chunk(0, "# Title\n\nA short note about syncing.",
                TOKENIZER.countTokens("# Title\n\nA short note about syncing."), 3, 39));
    }

    @Test
    void paragraphsShorterThanAChunkAreMergedWholeAndAsManyAsFit() {
        List<String> paragraphs = paragraphs(new Random(3), 40);
        String document = String.join("\n\n", paragraphs);
        List<Integer> paragraphStarts = starts(document, paragraphs);
        List<Integer> paragraphEnds = ends(document, paragraphs);
        paragraphs.forEach(paragraph -> assertThat(TOKENIZER.countTokens(paragraph)).isLessThan(64));

        List<Chunk> chunks = new TokenChunker(TOKENIZER, new ChunkingSpec(64, 0)).split(document);

        assertThat(chunks).hasSizeLessThan(paragraphs.size());
        for (Chunk chunk : chunks) {
            assertThat(paragraphStarts).contains(chunk.start());
            assertThat(paragraphEnds).contains(chunk.end());
        }
        // Greedy: no chunk could have taken the paragraph after it as well.
        for (int i = 0; i + 1 < chunks.size(); i++) {
            int nextParagraph = paragraphStarts.indexOf(chunks.get(i + 1).start());
            String withNext = document.substring(chunks.get(i).start(), paragraphEnds.get(nextParagraph));
            assertThat(TOKENIZER.countTokens(withNext)).isGreaterThan(64);
        }
    }

    @Test
    void withOverlapEachChunkStartsAtAWordShortlyBeforeThePreviousEnd() {
        List<String> paragraphs = paragraphs(new Random(4), 40);
        String document = String.join("\n\n", paragraphs);
        List<Integer> paragraphEnds = ends(document, paragraphs);

        List<Chunk> chunks = new TokenChunker(TOKENIZER, new ChunkingSpec(64, 8)).split(document);

        assertThat(chunks).hasSizeGreaterThan(5);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk chunk = chunks.get(i);
            assertThat(chunk.start()).isBetween(previous.start() + 1, previous.end() - 1);
            String shared = document.substring(chunk.start(), previous.end());
            assertThat(TOKENIZER.countTokens(shared)).isBetween(1, 16);
            assertThat(Character.isLetterOrDigit(document.charAt(chunk.start() - 1)))
                    .as("chunk %d starts inside a word: %s", i, chunk.text()).isFalse();
            assertThat(paragraphEnds).contains(chunk.end());
        }
    }

    @Test
    void withoutOverlapChunksShareNoText() {
        String document = ChunkingCorpus.resource("guide.md");

        List<Chunk> chunks = new TokenChunker(TOKENIZER, new ChunkingSpec(40, 0)).split(document);

        assertThat(chunks).hasSizeGreaterThan(10);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
        }
    }

    @Test
    void paragraphLongerThanAChunkIsCutAtLineBreaks() {
        String document = String.join("\n", paragraphs(new Random(5), 12));

        List<Chunk> chunks = new TokenChunker(TOKENIZER, new ChunkingSpec(64, 0)).split(document);

        assertThat(chunks).hasSizeGreaterThan(2);
        for (Chunk chunk : chunks) {
            assertThat(chunk.start() == 0 || document.charAt(chunk.start() - 1) == '\n').isTrue();
            assertThat(chunk.end() == document.length() || document.charAt(chunk.end()) == '\n').isTrue();
        }
    }

    @Test
    void lineLongerThanAChunkIsCutAtSentenceEnds() {
        String document = String.join(" ", paragraphs(new Random(6), 12));

        List<Chunk> chunks = new TokenChunker(TOKENIZER, new ChunkingSpec(40, 0)).split(document);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.text()).matches("[A-Z].*\\."));
    }

    @Test
    void wordLongerThanAChunkIsCutBetweenItsTokensAndEveryPieceStillFits() {
        Random random = new Random(8);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 95; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        String document = "before " + word + " after";
        assertThat(TOKENIZER.countTokens(word.toString())).isGreaterThan(32);

        List<Chunk> chunks = new TokenChunker(TOKENIZER, new ChunkingSpec(16, 0)).split(document);

        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allSatisfy(chunk -> assertThat(TOKENIZER.countTokens(chunk.text())).isLessThanOrEqualTo(16));
        assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.start() > 0
                && Character.isLetter(document.charAt(chunk.start() - 1))).as("starts inside a word").isTrue());
        assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining()).replace(" ", ""))
                .isEqualTo(document.replace(" ", ""));
    }

    @Test
    void sameDocumentAlwaysGivesTheSameChunks() {
        String document = ChunkingCorpus.randomMix(new Random(13), 20_000);
        ChunkingSpec spec = new ChunkingSpec(37, 9);

        List<Chunk> first = new TokenChunker(TOKENIZER, spec).split(document);

        assertThat(new TokenChunker(TOKENIZER, spec).split(document)).isEqualTo(first);
        assertThat(new TokenChunker(TOKENIZER, spec).split(new String(document.toCharArray()))).isEqualTo(first);
    }

    @Test
    void specTheModelCannotTakeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new TokenChunker(TOKENIZER, new ChunkingSpec(500, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunking.maxTokens must be between 16 and 125");
        assertThatThrownBy(() -> new TokenChunker(TOKENIZER, new ChunkingSpec(100, 60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunking.overlapTokens");
    }

    /** Paragraphs of a few short sentences each, none near 64 tokens. */
    private static List<String> paragraphs(Random random, int count) {
        List<String> paragraphs = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            List<String> sentences = new ArrayList<>();
            for (int s = 0, n = 1 + random.nextInt(4); s < n; s++) {
                StringBuilder sentence = new StringBuilder();
                for (int w = 0, m = 4 + random.nextInt(5); w < m; w++) {
                    sentence.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                }
                sentence.setCharAt(0, Character.toUpperCase(sentence.charAt(0)));
                sentences.add(sentence.append('.').toString());
            }
            paragraphs.add(String.join(" ", sentences));
        }
        return paragraphs;
    }

    private static List<Integer> starts(String document, List<String> pieces) {
        List<Integer> starts = new ArrayList<>();
        int from = 0;
        for (String piece : pieces) {
            int start = document.indexOf(piece, from);
            starts.add(start);
            from = start + piece.length();
        }
        return starts;
    }

    private static List<Integer> ends(String document, List<String> pieces) {
        List<Integer> starts = starts(document, pieces);
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ends.add(starts.get(i) + pieces.get(i).length());
        }
        return ends;
    }
}
