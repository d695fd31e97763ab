package io.syncline.chunking;

/**
 * What separates a token from the one before it, strongest first. The chunker cuts at the strongest kind that keeps
 * a chunk within its budget; it cuts inside a word only where that word alone is longer than a chunk.
 */
enum Boundary {
    /** A blank line (or a Unicode paragraph separator) between the tokens. */
    PARAGRAPH,
    /** One line break. */
    LINE,
    /** Whitespace after a sentence end ({@code . ! ?} or their full-width forms, which need no whitespace). */
    SENTENCE,
    /** Other whitespace between words. */
    SPACE,
    /** Two words with nothing between them: punctuation next to a word, code like {@code a.b(c)}, CJK characters. */
    JOINT,
    /** Two pieces of one word: the last resort, for words longer than a whole chunk. */
    INSIDE_WORD;

    boolean isStrongerThan(Boundary other) {
        return ordinal() < other.ordinal();
    }

    /** Whether the tokens on either side keep their tokens when the text is cut here (true for WordPiece models). */
    boolean isBetweenWords() {
        return this != INSIDE_WORD;
    }
}
