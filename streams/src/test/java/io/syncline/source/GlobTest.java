package io.syncline.source;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GlobTest {

    @Test
    void matchesWhatTheGlobRulesSay() {
        assertThat(Glob.compile("**/*.md").matches("a.md")).isTrue();
        assertThat(Glob.compile("**/*.md").matches("x/y/a.md")).isTrue();
        assertThat(Glob.compile("**/*.md").matches("x/a.md.txt")).isFalse();
        assertThat(Glob.compile("docs/*.md").matches("docs/a.md")).isTrue();
        assertThat(Glob.compile("docs/*.md").matches("docs/x/a.md")).isFalse();
        assertThat(Glob.compile("docs/**").matches("docs/x/y/a.md")).isTrue();
        assertThat(Glob.compile("a?c").matches("abc")).isTrue();
        assertThat(Glob.compile("a?c").matches("a/c")).isFalse();
        assertThat(Glob.compile("/src/**/Main.java").matches("src/Main.java")).isTrue();
        assertThat(Glob.compile("src/**/Main.java").matches("src/a/b/Main.java")).isTrue();
        assertThat(Glob.compile("src/**/Main.java").matches("srcMain.java")).isFalse();
        assertThat(Glob.compile("a.b").matches("axb")).isFalse();
    }

    /** The rules as a regular expression (what PathFilter used before): both must agree on every glob and path. */
    @Test
    void agreesWithTheRegularExpressionOfTheSameGlobOnRandomGlobsAndPaths() {
        Random random = new Random(42);
        String[] pieces = {"a", "b", "/", "*", "**", "**/", "?", ".", "ab"};
        String[] pathPieces = {"a", "b", "/", ".", "ab", "ba"};
        for (int g = 0; g < 2000; g++) {
            StringBuilder glob = new StringBuilder();
            for (int i = random.nextInt(6) + 1; i > 0; i--) {
                glob.append(pieces[random.nextInt(pieces.length)]);
            }
            Glob compiled = Glob.compile(glob.toString());
            Pattern regex = asRegex(glob.toString());
            for (int p = 0; p < 20; p++) {
                StringBuilder path = new StringBuilder();
                for (int i = random.nextInt(8); i > 0; i--) {
                    path.append(pathPieces[random.nextInt(pathPieces.length)]);
                }
                assertThat(compiled.matches(path.toString()))
                        .as("glob '%s' on path '%s'", glob, path)
                        .isEqualTo(regex.matcher(path).matches());
            }
        }
    }

    /**
     * A glob that makes a backtracking matcher try exponentially many splits of a path that almost matches. The
     * bound is only there so that a regression fails instead of hanging the build.
     */
    @Test
    void aGlobBuiltToBacktrackIsDecidedAtOnce() {
        String glob = "**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**a**b";
        String path = "a".repeat(4000);

        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Glob.compile(glob).matches(path));

        assertThat(matched).isFalse();
        assertThat(Glob.compile(glob).matches(path + "b")).isTrue();
    }

    private static Pattern asRegex(String glob) {
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
                boolean followedBySlash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                if (segmentStart && followedBySlash) {
                    regex.append("(?:.*/)?");
                    i += 3;
                } else {
                    regex.append(".*");
                    i += 2;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
