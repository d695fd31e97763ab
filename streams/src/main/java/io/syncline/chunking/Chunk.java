package io.syncline.chunking;

import java.util.Objects;

/**
 * One piece of a document, as it is embedded and stored.
 *
 * @param ordinal its place among the chunks of its document, from 0
 * @param text    exactly {@code document.substring(start, end)}: never empty, never starting or ending in whitespace
 * @param tokens  the number of text tokens of {@code text} tokenized alone with the model's tokenizer
 * @param start   index in the document (UTF-16 chars, as {@link String#substring(int, int)}) of its first char
 * @param end     index in the document just past its last char
 */
public record Chunk(int ordinal, String text, int tokens, int start, int end) {

    public Chunk {
        Objects.requireNonNull(text, "text");
        if (ordinal < 0 || tokens < 0 || start < 0 || end - start != text.length()) {
            throw new IllegalArgumentException("inconsistent chunk: ordinal " + ordinal + ", tokens " + tokens
                    + ", span [" + start + ", " + end + ") for " + text.length() + " chars of text");
        }
    }
}
