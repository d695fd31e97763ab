package io.syncline.source;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathFilterTest {

    private static PathFilter git(List<String> include, List<String> exclude) {
        return PathFilter.of(SourceSpec.git("docs", "https://example.org/r.git", null).withFilters(include, exclude));
    }

    @Test
    void defaultIncludeAcceptsEveryPath() {
        PathFilter filter = git(null, null);

        assertThat(filter.accepts("README.md")).isTrue();
        assertThat(filter.accepts("a/b/c/d.txt")).isTrue();
    }

    @Test
    void doubleStarSlashMatchesAtTheRootAndInAnyDirectory() {
        PathFilter filter = git(List.of("**/*.md"), null);

        assertThat(filter.accepts("a.md")).isTrue();
        assertThat(filter.accepts("x/y/a.md")).isTrue();
        assertThat(filter.accepts("a.txt")).isFalse();
        assertThat(filter.accepts("x/a.md.txt")).isFalse();
    }

    @Test
    void singleStarStaysWithinOneSegment() {
        PathFilter filter = git(List.of("*.md", "docs/*.txt"), null);

        assertThat(filter.accepts("a.md")).isTrue();
        assertThat(filter.accepts("x/a.md")).isFalse();
        assertThat(filter.accepts("docs/a.txt")).isTrue();
        assertThat(filter.accepts("docs/sub/a.txt")).isFalse();
    }

    @Test
    void trailingDoubleStarTakesEverythingUnderADirectory() {
        PathFilter filter = git(List.of("docs/**"), null);

        assertThat(filter.accepts("docs/a.md")).isTrue();
        assertThat(filter.accepts("docs/deep/er/b.png")).isTrue();
        assertThat(filter.accepts("docsx/a.md")).isFalse();
        assertThat(filter.accepts("src/docs/a.md")).isFalse();
    }

    @Test
    void doubleStarInTheMiddleSpansZeroOrMoreDirectories() {
        PathFilter filter = git(List.of("src/**/test/*.java"), null);

        assertThat(filter.accepts("src/test/A.java")).isTrue();
        assertThat(filter.accepts("src/a/b/test/A.java")).isTrue();
        assertThat(filter.accepts("src/atest/A.java")).isFalse();
    }

    @Test
    void questionMarkMatchesOneCharacterButNotASlash() {
        PathFilter filter = git(List.of("v?.txt"), null);

        assertThat(filter.accepts("v1.txt")).isTrue();
        assertThat(filter.accepts("v12.txt")).isFalse();
        assertThat(filter.accepts("v/.txt")).isFalse();
    }

    @Test
    void regexCharactersInGlobsAreLiteral() {
        PathFilter filter = git(List.of("notes (old)/[draft].md", "a+b.txt"), null);

        assertThat(filter.accepts("notes (old)/[draft].md")).isTrue();
        assertThat(filter.accepts("notes (old)/d.md")).isFalse();
        assertThat(filter.accepts("a+b.txt")).isTrue();
        assertThat(filter.accepts("aab.txt")).isFalse();
    }

    @Test
    void anExcludeWinsOverAnInclude() {
        PathFilter filter = git(List.of("**/*.md"), List.of("drafts/**", "**/CHANGELOG.md"));

        assertThat(filter.accepts("guide/intro.md")).isTrue();
        assertThat(filter.accepts("drafts/intro.md")).isFalse();
        assertThat(filter.accepts("CHANGELOG.md")).isFalse();
        assertThat(filter.accepts("lib/CHANGELOG.md")).isFalse();
    }

    @Test
    void aLeadingSlashAnchorsAtTheRootLikeNoSlash() {
        PathFilter filter = git(List.of("/docs/**"), null);

        assertThat(filter.accepts("docs/a.md")).isTrue();
    }

    @Test
    void filesystemSourcesNeverIncludeGitDirectories() {
        PathFilter filesystem = PathFilter.of(SourceSpec.filesystem("tree", "/tmp/x"));

        assertThat(filesystem.accepts(".git/config")).isFalse();
        assertThat(filesystem.accepts("vendor/lib/.git/HEAD")).isFalse();
        assertThat(filesystem.accepts(".gitignore")).isTrue();
        assertThat(filesystem.accepts("a.git/file")).isTrue();
    }

    @Test
    void onlyExcludesEndingInDoubleStarExcludeWholeDirectories() {
        PathFilter filter = git(null, List.of("drafts/**", "**/node_modules/**", "*.log"));

        assertThat(filter.excludesDirectory("drafts")).isTrue();
        assertThat(filter.excludesDirectory("node_modules")).isTrue();
        assertThat(filter.excludesDirectory("web/app/node_modules")).isTrue();
        assertThat(filter.excludesDirectory("docs/drafts")).isFalse();
        assertThat(filter.excludesDirectory("x.log")).isFalse();
        assertThat(filter.excludesDirectory("docs")).isFalse();
    }

    @Test
    void filesystemSourcesNeverEnterGitDirectories() {
        PathFilter filesystem = PathFilter.of(SourceSpec.filesystem("tree", "/tmp/x"));

        assertThat(filesystem.excludesDirectory(".git")).isTrue();
        assertThat(filesystem.excludesDirectory("vendor/lib/.git")).isTrue();
        assertThat(filesystem.excludesDirectory(".github")).isFalse();
    }
}
