package io.syncline.source;

import io.syncline.sync.FailureKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitSourceResolveTest {

    @TempDir
    Path tmp;

    private TestRepo origin;
    private String first;
    private String second;

    @BeforeEach
    void buildOrigin() {
        origin = TestRepo.bare(tmp.resolve("origin.git"));
        first = origin.on("main").file("README.md", "hello").commit();
        second = origin.on("main").file("README.md", "hello again").commit();
    }

    @AfterEach
    void closeOrigin() {
        origin.close();
    }

    private GitSource source(String uri, String branch) {
        return new GitSource(SourceSpec.git("docs", uri, branch), tmp.resolve("cache"));
    }

    private GitSource source() {
        return source(origin.location().toString(), null);
    }

    @Test
    void aBranchResolvesToItsTipCommit() {
        String dev = origin.on("dev").file("dev.md", "dev").commit();

        try (GitSource source = source()) {
            assertThat(source.resolve("main")).isEqualTo(second);
            assertThat(source.resolve("dev")).isEqualTo(dev);
        }
    }

    @Test
    void lightweightAndAnnotatedTagsResolveToTheCommitTheyName() {
        origin.lightweightTag("v1", first);
        origin.annotatedTag("v2", second);

        try (GitSource source = source()) {
            assertThat(source.resolve("v1")).isEqualTo(first);
            assertThat(source.resolve("v2")).isEqualTo(second).isNotEqualTo(origin.tagObjectId("v2"));
        }
    }

    @Test
    void fullAndAbbreviatedCommitIdsResolveToTheFullId() {
        try (GitSource source = source()) {
            assertThat(source.resolve(first)).isEqualTo(first);
            assertThat(source.resolve(first.substring(0, 7))).isEqualTo(first);
            assertThat(source.resolve(first.substring(0, 12).toUpperCase())).isEqualTo(first);
        }
    }

    @Test
    void aBranchWinsOverATagOfTheSameName() {
        String release = origin.on("release").file("r.md", "r").commit();
        origin.lightweightTag("release", first);

        try (GitSource source = source()) {
            assertThat(source.resolve("release")).isEqualTo(release);
        }
    }

    @Test
    void noRefMeansTheSpecsBranch() {
        String dev = origin.on("dev").file("dev.md", "dev").commit();

        try (GitSource source = source(origin.location().toString(), "dev")) {
            assertThat(source.resolve(null)).isEqualTo(dev);
        }
    }

    @Test
    void noRefAndNoBranchMeansTheBranchTheOriginsHeadNames() {
        String dev = origin.on("dev").file("dev.md", "dev").commit();
        origin.setHead("dev");

        try (GitSource source = source()) {
            assertThat(source.resolve(null)).isEqualTo(dev);
        }
    }

    @Test
    void aChangeOfTheOriginsDefaultBranchIsFollowed() {
        String dev = origin.on("dev").file("dev.md", "dev").commit();

        try (GitSource source = source()) {
            assertThat(source.resolve(null)).isEqualTo(second);
            origin.setHead("dev");
            assertThat(source.resolve(null)).isEqualTo(dev);
        }
    }

    @Test
    void noRefOnALocalWorkTreeMeansItsCurrentBranch() {
        try (TestRepo workTree = TestRepo.withWorkTree(tmp.resolve("checkout"))) {
            workTree.on("main").file("a.md", "a").commit();
            String feature = workTree.on("feature").file("b.md", "b").commit();
            workTree.setHead("feature");

            try (GitSource source = source(workTree.location().toString(), null)) {
                assertThat(source.resolve(null)).isEqualTo(feature);
            }
        }
    }

    @Test
    void aFileUrlNamesALocalRepository() {
        try (GitSource source = source(origin.location().toUri().toString(), null)) {
            assertThat(origin.location().toUri().toString()).startsWith("file:/");
            assertThat(source.resolve("main")).isEqualTo(second);
        }
    }

    @Test
    void anUnknownRefFailsAndNamesTheBranchesAndTagsThatExist() {
        origin.on("dev").file("dev.md", "dev").commit();
        origin.lightweightTag("v1", first);

        try (GitSource source = source()) {
            assertThatThrownBy(() -> source.resolve("mian"))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.REF_NOT_FOUND);
                        assertThat(FailureKind.of(e)).isEqualTo(FailureKind.PERMANENT);
                    })
                    .hasMessage("ref 'mian' does not exist in source 'docs' (branches: dev, main; tags: v1)");
        }
    }

    @Test
    void anAbbreviationOfNoCommitIsAnUnknownRef() {
        try (GitSource source = source()) {
            String absent = first.startsWith("0000000") ? "fffffff" : "0000000";

            assertThatThrownBy(() -> source.resolve(absent))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REF_NOT_FOUND));
        }
    }

    @Test
    void aRefThatIsNoValidRefNameIsUnknownEvenWhenItNamesAFileOfTheGitDirectory() {
        try (GitSource source = source()) {
            for (String ref : List.of("../../HEAD", "../config", "main..dev", "")) {
                assertThatThrownBy(() -> source.resolve(ref)).as(ref)
                        .isInstanceOfSatisfying(SourceException.class,
                                e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REF_NOT_FOUND));
            }
        }
    }

    @Test
    void aNewCommitInTheOriginIsSeenOnTheNextResolve() {
        try (GitSource source = source()) {
            assertThat(source.resolve("main")).isEqualTo(second);

            String third = origin.on("main").file("new.md", "new").commit();
            origin.lightweightTag("v3", third);

            assertThat(source.resolve("main")).isEqualTo(third);
            assertThat(source.resolve("v3")).isEqualTo(third);
            assertThat(source.list(third)).containsExactly("README.md", "new.md");
        }
    }

    @Test
    void aForcePushedBranchIsFollowed() {
        try (GitSource source = source()) {
            assertThat(source.resolve("main")).isEqualTo(second);

            String rewritten = origin.onTopOf("main", first).file("README.md", "rewritten").commit();

            assertThat(source.resolve("main")).isEqualTo(rewritten);
            assertThat(source.read(rewritten, "README.md"))
                    .isEqualTo(new ReadResult.Text("README.md", "rewritten", GitSourceReadTest.sha256(
                            "rewritten".getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void aBranchDeletedInTheOriginIsGoneAfterTheNextResolve() {
        origin.on("dev").file("dev.md", "dev").commit();

        try (GitSource source = source()) {
            source.resolve("dev");
            origin.deleteBranch("dev");

            assertThatThrownBy(() -> source.resolve("dev"))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REF_NOT_FOUND))
                    .hasMessageContaining("(branches: main;");
        }
    }

    @Test
    void aReopenedSourceReadsRevisionsItFetchedBefore() {
        try (GitSource source = source()) {
            source.resolve("main");
        }
        try (GitSource reopened = source()) {
            assertThat(reopened.list(second)).containsExactly("README.md");
        }
    }

    @Test
    void aRevisionReadBeforeAnyFetchIsUnknown() {
        try (GitSource source = source()) {
            assertThatThrownBy(() -> source.list(second))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REF_NOT_FOUND));
        }
    }

    @Test
    void anOriginThatDoesNotAnswerIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        try (GitSource source = source("https://127.0.0.1:" + closedPort + "/team/docs.git", null)) {
            assertThatThrownBy(() -> source.resolve("main"))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE);
                        assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TRANSIENT);
                    })
                    .hasMessageContaining("cannot clone git source 'docs' at 'https://127.0.0.1:" + closedPort);
        }
    }

    @Test
    void aLocalRepositoryMissingOnTheNodeRunningAJobIsUnavailableThereNotInvalid() {
        Path missing = tmp.resolve("nowhere");

        assertThatThrownBy(() -> source(missing.toString(), null))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE))
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist on this node");
        assertThatThrownBy(() -> source(tmp.toString(), null))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE))
                .hasMessageContaining("is not a git repository");
    }

    @Test
    void aRevisionThatAForcePushDroppedIsGoneForAMirrorThatNeverHadIt() {
        String rewritten = origin.onTopOf("main", first).file("README.md", "history rewritten").commit();

        try (GitSource fresh = source()) {
            assertThat(fresh.resolve("main")).isEqualTo(rewritten);
            assertThatThrownBy(() -> fresh.prepare(second))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.REVISION_GONE))
                    .hasMessageContaining(second).hasMessageContaining("no longer in the repository");
        }
    }
}
