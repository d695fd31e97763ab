package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestTest {

    private static final String A = line("docs/a.md", "r1", "ha", "c1", "c2");
    private static final String B = line("docs/b.md", "r1", "hb", "c3");

    @Test
    void equalIndexesHaveNoDifferenceWhateverTheirLineEndings() {
        assertThat(Manifest.parse(A + "\n" + B + "\n").differences(Manifest.parse(A + "\r\n" + B))).isEmpty();
        assertThat(Manifest.parse(A + "\n" + B).chunkCount()).isEqualTo(3);
    }

    @Test
    void aMissingAndAnExtraDocumentAreNamed() {
        Manifest actual = Manifest.parse(A + "\n" + line("docs/c.md", "r1", "hc", "c4"));

        assertThat(actual.differences(Manifest.parse(A + "\n" + B))).containsExactly(
                "repo:docs/b.md: missing (the reference has it with 1 chunks)",
                "repo:docs/c.md: indexed, but the reference does not have it");
    }

    @Test
    void differentChunksContentOrRevisionAreEachReported() {
        Manifest actual = Manifest.parse(line("docs/a.md", "r2", "hx", "c1", "cX", "c9"));

        assertThat(actual.differences(Manifest.parse(A))).containsExactly(
                "repo:docs/a.md: chunks differ from the reference's (3 chunks against 2, first difference at ordinal 1)",
                "repo:docs/a.md: content hash hx, the reference's ha",
                "repo:docs/a.md: revision r2, the reference's r1");
    }

    @Test
    void aDocumentListedTwiceIsADifference() {
        assertThat(Manifest.parse(A + "\n" + A).differences(Manifest.parse(A)))
                .containsExactly("repo:docs/a.md: listed 2 times in this manifest");
    }

    static String line(String path, String revision, String contentHash, String... chunks) {
        return "{\"source\":\"repo\",\"path\":\"" + path + "\",\"revision\":\"" + revision + "\",\"contentHash\":\""
                + contentHash + "\",\"chunks\":[" + String.join(",", java.util.Arrays.stream(chunks)
                .map(c -> "\"" + c + "\"").toList()) + "]}";
    }
}
