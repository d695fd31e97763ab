package io.syncline.chunking;

import io.syncline.embedding.EmbeddingSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document into chunks that fit a {@link ChunkingSpec}, counted with the model's own tokenizer.
 *
 * <p>It tokenizes each document once and cuts on token positions: re-tokenizing candidate pieces, as a splitter
 * with a token estimator does, would cost about a fifth of a whole sync (see STACK.md). Chunks end only at the ends
 * of the pieces {@link PieceEnds} finds (paragraphs first, a word cut into its tokens last), merged greedily; each
 * chunk after the first starts about {@code overlapTokens} before the end of the one before, between two words.
 *
 * <p>It must never return a chunk that has more than {@code maxTokens} tokens when tokenized alone. A chunk whose
 * edges lie between words has the same tokens alone as in the document (WordPiece tokenizers split words the same
 * way whatever surrounds them), so only a chunk cut inside a word is tokenized again, and shortened if it grew.
 * Stateless and thread-safe.
 */
public final class TokenChunker {

    private final ModelTokenizer tokenizer;
    private final int maxTokens;
    private final int overlapTokens;

    /** Chunks for the tokenizer's own model. */
    public TokenChunker(ModelTokenizer tokenizer, ChunkingSpec spec) {
        this(tokenizer, spec, spec.problemFor(tokenizer.model()));
    }

    private TokenChunker(ModelTokenizer tokenizer, ChunkingSpec spec, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.tokenizer = tokenizer;
        this.maxTokens = spec.maxTokens();
        this.overlapTokens = spec.overlapTokens();
    }

    /** Chunks for a workspace's model: remote models are counted with the default local tokenizer. */
    public static TokenChunker forEmbedding(EmbeddingSpec embedding, ChunkingSpec spec) {
        return new TokenChunker(ModelTokenizer.of(embedding.chunkTokenizer()), spec, spec.problemFor(embedding));
    }

    /** The chunks of the document, in order; none for a document without tokens (empty, only whitespace). */
    public List<Chunk> split(String document) {
        TokenSpans tokens = tokenizer.tokenize(document);
        if (tokens.count() == 0) {
            return List.of();
        }
        return new DocumentCut(document, tokens).chunks();
    }

    /** Tokens {@code [start, end)} of a document, the chars they make up (trimmed), and how many tokens those are. */
    private record Cut(int start, int end, int charStart, int charEnd, int tokens) {
    }

    /** The cutting of one document: everything here is about that document only. */
    private final class DocumentCut {
        private final String document;
        private final TokenSpans tokens;
        private final int count;
        private final BoundaryMap boundaries;
        private final PieceEnds pieces;

        DocumentCut(String document, TokenSpans tokens) {
            this.document = document;
            this.tokens = tokens;
            this.count = tokens.count();
            this.boundaries = BoundaryMap.of(document, tokens);
            this.pieces = PieceEnds.split(boundaries, count, maxTokens);
        }

        List<Chunk> chunks() {
            List<Chunk> chunks = new ArrayList<>();
            int start = 0;
            int covered = 0;
            while (covered < count) {
                Cut cut = fitted(start, covered);
                if (cut.end() <= covered) {
                    // Cannot happen while every piece fits a chunk; a loop that never ends would be worse than this.
                    throw new IllegalStateException("chunking made no progress at token " + covered + " of " + count);
                }
                if (cut.charEnd() > cut.charStart()) {
                    chunks.add(new Chunk(chunks.size(), document.substring(cut.charStart(), cut.charEnd()),
                            cut.tokens(), cut.charStart(), cut.charEnd()));
                }
                covered = cut.end();
                start = overlapStart(cut.start(), cut.end());
            }
            return chunks;
        }

        /**
         * The longest run of whole pieces from {@code start} that fits, ending after token {@code covered} (everything
         * before it is in earlier chunks). Only a chunk cut inside a word is counted again; if it grew past the
         * budget, it ends a piece earlier, and, if that would end it inside the previous chunk, it loses its overlap.
         */
        private Cut fitted(int start, int covered) {
            int end = pieces.lastAtOrBefore(Math.min(count, start + maxTokens));
            while (true) {
                Cut cut = cut(start, end);
                if (!cutInsideWord(start) && !cutInsideWord(end)) {
                    return cut;
                }
                int alone = tokenizer.countTokens(document.substring(cut.charStart(), cut.charEnd()));
                if (alone <= maxTokens) {
                    return new Cut(start, end, cut.charStart(), cut.charEnd(), alone);
                }
                int shorter = pieces.lastAtOrBefore(end - Math.max(1, alone - maxTokens));
                if (shorter > covered) {
                    end = shorter;
                } else if (start < covered) {
                    start = covered;
                    end = pieces.lastAtOrBefore(Math.min(count, start + maxTokens));
                } else {
                    throw new IllegalStateException("tokens " + start + " to " + end + " of a document are " + alone
                            + " tokens on their own, more than the " + maxTokens + " a chunk may have");
                }
            }
        }

        /**
         * Where the chunk after tokens {@code [start, end)} starts: about {@code overlapTokens} before {@code end},
         * between words (after whitespace if it can), late enough for the next piece end to fit, and after
         * {@code start} so that every chunk moves on. At {@code end} when there is no such place.
         */
        private int overlapStart(int start, int end) {
            if (overlapTokens == 0 || end >= count) {
                return end;
            }
            int from = Math.max(Math.max(start + 1, end - 2 * overlapTokens), pieces.firstAfter(end) - maxTokens);
            int to = end - 1;
            if (from > to) {
                return end;
            }
            int target = Math.min(Math.max(end - overlapTokens, from), to);
            int found = boundaries.nearest(target, from, to, Boundary.SPACE);
            if (found < 0) {
                found = boundaries.nearest(target, from, to, Boundary.JOINT);
            }
            return found < 0 ? end : found;
        }

        /** Tokens {@code [start, end)} as chars: from the first token (or the document start) to the next token. */
        private Cut cut(int start, int end) {
            int charStart = start == 0 ? 0 : tokens.start(start);
            int charEnd = end == count ? document.length() : tokens.start(end);
            while (charStart < charEnd && BoundaryMap.isWhitespace(document.charAt(charStart))) {
                charStart++;
            }
            while (charEnd > charStart && BoundaryMap.isWhitespace(document.charAt(charEnd - 1))) {
                charEnd--;
            }
            return new Cut(start, end, charStart, charEnd, end - start);
        }

        private boolean cutInsideWord(int token) {
            return token > 0 && token < count && !boundaries.before(token).isBetweenWords();
        }
    }
}
