package io.syncline.source;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.syncline.source.Change.delete;
import static io.syncline.source.Change.upsert;
import static org.assertj.core.api.Assertions.assertThat;

class GitSourceChangesTest {

    /** Long enough that a small edit keeps the file similar: rename detection pairs it with its old path. */
    private static final String GUIDE = "line\n".repeat(40);

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

    private Optional<List<Change>> changes(String from, String to, List<String> include, List<String> exclude) {
        SourceSpec spec = SourceSpec.git("docs", origin.location().toString(), "main").withFilters(include, exclude);
        try (GitSource source = new GitSource(spec, tmp.resolve("cache"))) {
            source.resolve(null);
            return source.changes(from, to);
        }
    }

    private Optional<List<Change>> changes(String from, String to) {
        return changes(from, to, null, null);
    }

    @Test
    void addedAndModifiedFilesAreUpsertsAndDeletedOnesDeletesSortedByPath() {
        String from = origin.on("main").file("b.md", "b").file("c.md", "c").file("same.md", "same").commit();
        String to = origin.on("main").file("b.md", "b2").delete("c.md").file("a.md", "a").commit();

        assertThat(changes(from, to)).contains(List.of(upsert("a.md"), upsert("b.md"), delete("c.md")));
    }

    @Test
    void aRenameIsADeleteOfTheOldPathAndAnUpsertOfTheNew() {
        String from = origin.on("main").file("old/guide.md", GUIDE).commit();
        String to = origin.on("main").move("old/guide.md", "new/guide.md").commit();

        assertThat(changes(from, to)).contains(List.of(upsert("new/guide.md"), delete("old/guide.md")));
    }

    @Test
    void aRenameWithEditsIsADeleteOfTheOldPathAndAnUpsertOfTheNew() {
        String from = origin.on("main").file("guide.md", GUIDE).commit();
        String to = origin.on("main").delete("guide.md").file("manual.md", GUIDE + "one more line\n").commit();

        assertThat(changes(from, to)).contains(List.of(delete("guide.md"), upsert("manual.md")));
    }

    @Test
    void aRenameFromAnExcludedPathIntoAnIncludedOneIsAnUpsert() {
        String from = origin.on("main").file("drafts/guide.md", GUIDE).file("keep.md", "k").commit();
        String to = origin.on("main").move("drafts/guide.md", "guide.md").commit();

        assertThat(changes(from, to, null, List.of("drafts/**"))).contains(List.of(upsert("guide.md")));
    }

    @Test
    void aRenameFromAnIncludedPathIntoAnExcludedOneIsADelete() {
        String from = origin.on("main").file("guide.md", GUIDE).file("keep.md", "k").commit();
        String to = origin.on("main").move("guide.md", "drafts/guide.md").commit();

        assertThat(changes(from, to, null, List.of("drafts/**"))).contains(List.of(delete("guide.md")));
    }

    @Test
    void changesOutsideTheFiltersAreLeftOut() {
        String from = origin.on("main").file("a.md", "a").file("a.txt", "t").commit();
        String to = origin.on("main").file("a.txt", "t2").file("b.txt", "b").file("b.md", "b").commit();

        assertThat(changes(from, to, List.of("**/*.md"), null)).contains(List.of(upsert("b.md")));
    }

    @Test
    void aFileBecomingBinaryIsAnUpsertThatReadsAsBinary() {
        String from = origin.on("main").file("data.txt", "text").commit();
        String to = origin.on("main").file("data.txt", new byte[]{'x', 0, 1, 2}).commit();

        SourceSpec spec = SourceSpec.git("docs", origin.location().toString(), "main");
        try (GitSource source = new GitSource(spec, tmp.resolve("cache"))) {
            source.resolve(null);

            assertThat(source.changes(from, to)).contains(List.of(upsert("data.txt")));
            assertThat(source.read(to, "data.txt")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.BINARY));
        }
    }

    @Test
    void aFileReplacedByASymlinkIsADeleteAndASymlinkReplacedByAFileAnUpsert() {
        String from = origin.on("main").file("a.md", "a").symlink("b.md", "a.md").commit();
        String to = origin.on("main").symlink("a.md", "b.md").file("b.md", "b").commit();

        assertThat(changes(from, to)).contains(List.of(delete("a.md"), upsert("b.md")));
    }

    @Test
    void aRevisionComparedWithItselfHasNoChanges() {
        String commit = origin.on("main").file("a.md", "a").commit();

        assertThat(changes(commit, commit)).contains(List.of());
    }

    @Test
    void anUnknownFromRevisionGivesNoChangeListSoTheCallerComparesEverything() {
        String to = origin.on("main").file("a.md", "a").commit();

        assertThat(changes("0123456789abcdef0123456789abcdef01234567", to)).isEmpty();
        assertThat(changes("fs-0123456789abcdef", to)).isEmpty();
    }

    @Test
    void changesAcrossAForcePushCompareTheTwoTrees() {
        String base = origin.on("main").file("a.md", "a").commit();
        String dropped = origin.on("main").file("b.md", "b").commit();
        SourceSpec spec = SourceSpec.git("docs", origin.location().toString(), "main");
        try (GitSource source = new GitSource(spec, tmp.resolve("cache"))) {
            assertThat(source.resolve(null)).isEqualTo(dropped);

            String rewritten = origin.onTopOf("main", base).file("c.md", "c").commit();

            assertThat(source.resolve(null)).isEqualTo(rewritten);
            assertThat(source.changes(dropped, rewritten)).contains(List.of(delete("b.md"), upsert("c.md")));
        }
    }
}
