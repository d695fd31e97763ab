package io.syncline.source;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitSourceListTest {

    @TempDir
    Path tmp;

    private TestRepo origin;

    @BeforeEach
    void buildOrigin() {
        origin = TestRepo.bare(tmp.resolve("origin.git"));
    }

    @AfterEach
    void closeOrigin() {
        origin.close();
    }

    private GitSource source(List<String> include, List<String> exclude) {
        SourceSpec spec = SourceSpec.git("docs", origin.location().toString(), "main").withFilters(include, exclude);
        return new GitSource(spec, tmp.resolve("cache"));
    }

    @Test
    void everyFileIsListedInStringOrder() {
        // git orders "a.md" before the tree "a", String order puts "a/..." after "a.md" and "a-b.md" before both.
        String commit = origin.on("main").file("b.md", "b").file("a/x.md", "x").file("a.md", "a")
                .file("a-b.md", "ab").file("Z.md", "z").commit();

        try (GitSource source = source(null, null)) {
            assertThat(source.list(source.resolve(null)))
                    .containsExactly("Z.md", "a-b.md", "a.md", "a/x.md", "b.md")
                    .isSorted();
            assertThat(source.resolve(null)).isEqualTo(commit);
        }
    }

    @Test
    void onlyFilesPassingIncludeAndExcludeGlobsAreListed() {
        origin.on("main").file("README.md", "r").file("docs/guide.md", "g").file("docs/drafts/idea.md", "i")
                .file("docs/logo.png", "p").file("src/Main.java", "m").commit();

        try (GitSource source = source(List.of("**/*.md", "src/**"), List.of("**/drafts/**"))) {
            assertThat(source.list(source.resolve(null)))
                    .containsExactly("README.md", "docs/guide.md", "src/Main.java");
        }
    }

    @Test
    void symlinksAndSubmodulesAreNotListedButExecutablesAre() {
        origin.on("main").file("README.md", "r").executable("bin/run.sh", "#!/bin/sh")
                .symlink("docs/current.md", "../README.md").submodule("vendor/lib")
                .file(".gitmodules", "[submodule \"lib\"]\n\tpath = vendor/lib\n").commit();

        try (GitSource source = source(null, null)) {
            assertThat(source.list(source.resolve(null)))
                    .containsExactly(".gitmodules", "README.md", "bin/run.sh");
        }
    }

    @Test
    void eachRevisionListsItsOwnFiles() {
        String first = origin.on("main").file("a.md", "a").commit();
        String second = origin.on("main").file("b.md", "b").delete("a.md").commit();

        try (GitSource source = source(null, null)) {
            source.resolve(null);

            assertThat(source.list(first)).containsExactly("a.md");
            assertThat(source.list(second)).containsExactly("b.md");
        }
    }

    @Test
    void aCommitTheMirrorDoesNotHaveIsAnUnknownRevision() {
        origin.on("main").file("a.md", "a").commit();

        try (GitSource source = source(null, null)) {
            source.resolve(null);

            assertThatThrownBy(() -> source.list("0123456789abcdef0123456789abcdef01234567"))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REF_NOT_FOUND));
        }
    }
}
