package io.syncline.chunking;

/**
 * The {@link Boundary} in front of every token of one document, read once from the text between tokens and from
 * the tokenizer's word numbers. It never looks at more than the gap between two tokens and the char before it.
 */
final class BoundaryMap {

    private static final Boundary[] KINDS = Boundary.values();

    /** {@code kinds[i]} is the boundary between tokens {@code i - 1} and {@code i}; {@code kinds[0]} is unused. */
    private final byte[] kinds;

    private BoundaryMap(byte[] kinds) {
        this.kinds = kinds;
    }

    static BoundaryMap of(String text, TokenSpans tokens) {
        byte[] kinds = new byte[Math.max(tokens.count(), 1)];
        for (int i = 1; i < tokens.count(); i++) {
            kinds[i] = (byte) classify(text, tokens, i).ordinal();
        }
        return new BoundaryMap(kinds);
    }

    /** The boundary between token {@code token - 1} and {@code token}, for {@code 0 < token < count}. */
    Boundary before(int token) {
        if (token <= 0 || token >= kinds.length) {
            throw new IndexOutOfBoundsException("no boundary in front of token " + token);
        }
        return KINDS[kinds[token]];
    }

    /**
     * The token in {@code [from, to]} nearest to {@code target} whose boundary in front is at least as strong as
     * {@code weakest}, the later one on a tie; -1 if there is none. {@code from} must be at least 1.
     */
    int nearest(int target, int from, int to, Boundary weakest) {
        for (int distance = 0; target - distance >= from || target + distance <= to; distance++) {
            int later = target + distance;
            if (later >= from && later <= to && !weakest.isStrongerThan(before(later))) {
                return later;
            }
            int earlier = target - distance;
            if (earlier >= from && earlier <= to && !weakest.isStrongerThan(before(earlier))) {
                return earlier;
            }
        }
        return -1;
    }

    private static Boundary classify(String text, TokenSpans tokens, int token) {
        if (tokens.word(token) == tokens.word(token - 1)) {
            return Boundary.INSIDE_WORD;
        }
        int gapStart = tokens.end(token - 1);
        int gapEnd = Math.max(gapStart, tokens.start(token));
        int lineBreaks = 0;
        boolean whitespace = false;
        for (int i = gapStart; i < gapEnd; i++) {
            char c = text.charAt(i);
            if (c == '\u2029') {
                return Boundary.PARAGRAPH;
            }
            // A \r\n pair is one line break; a lone \r (old Mac files) is one too.
            if (c == '\n' || c == '\u2028' || (c == '\r' && (i + 1 >= gapEnd || text.charAt(i + 1) != '\n'))) {
                lineBreaks++;
            }
            whitespace |= isWhitespace(c);
        }
        if (lineBreaks >= 2) {
            return Boundary.PARAGRAPH;
        }
        if (lineBreaks == 1) {
            return Boundary.LINE;
        }
        char last = gapStart > 0 ? text.charAt(gapStart - 1) : ' ';
        if (isFullWidthSentenceEnd(last) || (whitespace && isSentenceEnd(text, gapStart))) {
            return Boundary.SENTENCE;
        }
        return whitespace ? Boundary.SPACE : Boundary.JOINT;
    }

    /** Whether the text before {@code end} ends a sentence: {@code . ! ?} or an ellipsis, then maybe closing quotes. */
    private static boolean isSentenceEnd(String text, int end) {
        if (end <= 0) {
            return false;
        }
        int i = end - 1;
        while (i > 0 && isCloser(text.charAt(i))) {
            i--;
        }
        char c = text.charAt(i);
        return c == '.' || c == '!' || c == '?' || c == '\u2026';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u2019' || c == '\u201D' || c == '\u00BB';
    }

    private static boolean isFullWidthSentenceEnd(char c) {
        return c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
    }

    /** Whitespace as a chunk's edges are trimmed of: Java's whitespace plus no-break and other Unicode spaces. */
    static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
