package io.syncline.chunking;

/**
 * The text tokens of one document, in order: where each lies in the document and which word it belongs to.
 *
 * <p>Positions are UTF-16 indices, the ones {@link String#substring(int, int)} takes. It never holds the marker
 * tokens ([CLS], [SEP]) a model adds around a text, and it is never changed after it is built.
 */
public final class TokenSpans {

    private final int[] starts;
    private final int[] ends;
    private final int[] words;

    TokenSpans(int[] starts, int[] ends, int[] words) {
        if (starts.length != ends.length || starts.length != words.length) {
            throw new IllegalArgumentException("starts, ends and words must have one entry per token");
        }
        this.starts = starts;
        this.ends = ends;
        this.words = words;
    }

    public int count() {
        return starts.length;
    }

    /** Index of the first char of the token in the document. */
    public int start(int token) {
        return starts[token];
    }

    /** Index just past the last char of the token in the document. */
    public int end(int token) {
        return ends[token];
    }

    /** The tokenizer's word number of the token: tokens of one word (wordpieces) share it. */
    public int word(int token) {
        return words[token];
    }
}
