package io.syncline.chunking;

import io.syncline.embedding.LocalModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundaryMapTest {

    @Test
    void blankLineSeparatesParagraphsWhateverTheLineEndings() {
        assertThat(boundaryBefore("alpha\n\nbeta", "beta")).isEqualTo(Boundary.PARAGRAPH);
        assertThat(boundaryBefore("alpha\r\n\r\nbeta", "beta")).isEqualTo(Boundary.PARAGRAPH);
        assertThat(boundaryBefore("alpha\n \t \nbeta", "beta")).isEqualTo(Boundary.PARAGRAPH);
        assertThat(boundaryBefore("alpha\u2029beta", "beta")).isEqualTo(Boundary.PARAGRAPH);
    }

    @Test
    void singleLineBreakIsALineWhateverTheLineEnding() {
        assertThat(boundaryBefore("alpha\nbeta", "beta")).isEqualTo(Boundary.LINE);
        assertThat(boundaryBefore("alpha\r\nbeta", "beta")).isEqualTo(Boundary.LINE);
        assertThat(boundaryBefore("alpha\rbeta", "beta")).isEqualTo(Boundary.LINE);
        assertThat(boundaryBefore("alpha.\n  beta", "beta")).isEqualTo(Boundary.LINE);
    }

    @Test
    void whitespaceAfterASentenceEndIsASentenceBoundary() {
        assertThat(boundaryBefore("It ends. Next one", "Next")).isEqualTo(Boundary.SENTENCE);
        assertThat(boundaryBefore("Really? Yes", "Yes")).isEqualTo(Boundary.SENTENCE);
        assertThat(boundaryBefore("Stop! Go", "Go")).isEqualTo(Boundary.SENTENCE);
        assertThat(boundaryBefore("He said \"done.\" Then", "Then")).isEqualTo(Boundary.SENTENCE);
        assertThat(boundaryBefore("終わり。次", "次")).isEqualTo(Boundary.SENTENCE);
    }

    @Test
    void otherWhitespaceSeparatesWords() {
        assertThat(boundaryBefore("two words", "words")).isEqualTo(Boundary.SPACE);
        assertThat(boundaryBefore("one,\ttwo", "two")).isEqualTo(Boundary.SPACE);
        assertThat(boundaryBefore("no\u00a0break", "break")).isEqualTo(Boundary.SPACE);
    }

    @Test
    void wordsTouchingWithoutWhitespaceMeetAtAJoint() {
        assertThat(boundaryBefore("foo.bar", ".")).isEqualTo(Boundary.JOINT);
        assertThat(boundaryBefore("foo.bar", "bar")).isEqualTo(Boundary.JOINT);
        assertThat(boundaryBefore("x=1;y=2", "y")).isEqualTo(Boundary.JOINT);
        assertThat(boundaryBefore("3.14", "14")).isEqualTo(Boundary.JOINT);
        assertThat(boundaryBefore("日本", "本")).isEqualTo(Boundary.JOINT);
    }

    @Test
    void piecesOfOneWordAreInsideAWord() {
        assertThat(boundaryBefore("tokenization", "ization")).isEqualTo(Boundary.INSIDE_WORD);
    }

    @Test
    void nearestFindsTheClosestBoundaryAtLeastAsStrongAsAsked() {
        String text = "one two.three four";
        TokenSpans tokens = ModelTokenizer.of(LocalModel.DEFAULT).tokenize(text);
        BoundaryMap boundaries = BoundaryMap.of(text, tokens);
        // tokens: one | two | . | three | four  (spaces before "two" and "four", joints around ".")

        assertThat(boundaries.nearest(3, 1, 4, Boundary.SPACE)).isEqualTo(4);
        assertThat(boundaries.nearest(2, 1, 4, Boundary.SPACE)).isEqualTo(1);
        assertThat(boundaries.nearest(3, 1, 4, Boundary.JOINT)).isEqualTo(3);
        assertThat(boundaries.nearest(3, 2, 3, Boundary.SPACE)).isEqualTo(-1);
    }

    private static Boundary boundaryBefore(String text, String following) {
        TokenSpans tokens = ModelTokenizer.of(LocalModel.DEFAULT).tokenize(text);
        int at = text.indexOf(following);
        for (int i = 1; i < tokens.count(); i++) {
            if (tokens.start(i) == at) {
                return BoundaryMap.of(text, tokens).before(i);
            }
        }
        throw new AssertionError("no token starts at \"" + following + "\" in \"" + text + "\"");
    }
}
