package io.syncline.source;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcesTest {

    @TempDir
    Path tmp;

    private TestRepo origin;
    private String first;

    @BeforeEach
    void buildOrigin() {
        origin = TestRepo.bare(tmp.resolve("origin.git"));
        first = origin.on("main").file("a.md", "a").commit();
        origin.on("main").file("b.md", "b").commit();
        origin.annotatedTag("v1", first);
    }

    @AfterEach
    void closeOrigin() {
        origin.close();
    }

    private static SourceSpec git(String uri) {
        return SourceSpec.git("docs", uri, null);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(Runnable call,
                                                                            SourceException.Kind kind) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void localRepositoriesAsPathFileUrlOrWorkTreeAreValid() {
        try (TestRepo workTree = TestRepo.withWorkTree(tmp.resolve("checkout"))) {
            workTree.on("main").file("a.md", "a").commit();

            assertThatCode(() -> Sources.validate(git(origin.location().toString()))).doesNotThrowAnyException();
            assertThatCode(() -> Sources.validate(git(origin.location().toUri().toString())))
                    .doesNotThrowAnyException();
            assertThatCode(() -> Sources.validate(git(workTree.location().toString()))).doesNotThrowAnyException();
        }
    }

    @Test
    void aMissingLocalPathIsInvalidAndNamed() {
        Path missing = tmp.resolve("no-such-repo");

        assertFails(() -> Sources.validate(git(missing.toString())), SourceException.Kind.INVALID)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        assertFails(() -> Sources.validate(git(missing.toUri().toString())), SourceException.Kind.INVALID)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void aDirectoryThatIsNotARepositoryIsInvalid() throws IOException {
        Path plain = Files.createDirectory(tmp.resolve("plain"));

        assertFails(() -> Sources.validate(git(plain.toString())), SourceException.Kind.INVALID)
                .hasMessageContaining(plain.toString()).hasMessageContaining("not a git repository");
    }

    @Test
    void urlsOtherThanHttpsAndFileAreRejectedWithTheSupportedKinds() {
        for (String uri : List.of("ssh://git@example.org/team/docs.git", "git@example.org:team/docs.git",
                "git://example.org/team/docs.git", "http://example.org/team/docs.git")) {
            assertFails(() -> Sources.validate(git(uri)), SourceException.Kind.INVALID)
                    .hasMessage("git source 'docs' has an unsupported uri '" + uri
                            + "': only https:// URLs, file:// URLs and local paths are supported");
        }
    }

    @Test
    void anHttpsUrlWithoutAHostOrWithNoUriIsInvalid() {
        assertFails(() -> Sources.validate(git("https:///team/docs.git")), SourceException.Kind.INVALID)
                .hasMessageContaining("without a host");
        assertFails(() -> Sources.validate(git("https://exa mple.org/docs.git")), SourceException.Kind.INVALID)
                .hasMessageContaining("malformed");
        assertFails(() -> Sources.validate(git(null)), SourceException.Kind.INVALID).hasMessageContaining("no uri");
    }

    @Test
    void anHttpsRepositoryThatDoesNotAnswerIsUnavailable() throws IOException {
        String uri = "https://127.0.0.1:" + closedPort() + "/team/docs.git";

        assertFails(() -> Sources.validate(git(uri)), SourceException.Kind.UNAVAILABLE)
                .hasMessageContaining("cannot list the refs of git source 'docs'");
        assertFails(() -> Sources.validateRef(git(uri), "main"), SourceException.Kind.UNAVAILABLE);
    }

    @Test
    void credentialsInAnHttpsUrlStayOutOfMessages() throws IOException {
        String uri = "https://bot:s3cret@127.0.0.1:" + closedPort() + "/team/docs.git";

        assertFails(() -> Sources.validate(git(uri)), SourceException.Kind.UNAVAILABLE)
                .message().doesNotContain("s3cret");
    }

    @Test
    void aFilesystemSpecNeedsAnExistingDirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.md"), "x");
        Path missing = tmp.resolve("missing");

        assertThatCode(() -> Sources.validate(SourceSpec.filesystem("notes", tmp.toString())))
                .doesNotThrowAnyException();
        assertFails(() -> Sources.validate(SourceSpec.filesystem("notes", missing.toString())),
                SourceException.Kind.INVALID).hasMessageContaining(missing.toString());
        assertFails(() -> Sources.validate(SourceSpec.filesystem("notes", file.toString())),
                SourceException.Kind.INVALID).hasMessageContaining("is not a directory");
    }

    @Test
    void refsOfALocalRepositoryAreCheckedInTheRepositoryItself() {
        SourceSpec spec = git(origin.location().toString());

        for (String ref : List.of("main", "v1", first, first.substring(0, 8))) {
            assertThatCode(() -> Sources.validateRef(spec, ref)).as(ref).doesNotThrowAnyException();
        }
        assertFails(() -> Sources.validateRef(spec, "mian"), SourceException.Kind.REF_NOT_FOUND)
                .hasMessage("ref 'mian' does not exist in source 'docs' (branches: main; tags: v1)");
        assertFails(() -> Sources.validateRef(SourceSpec.git("docs", origin.location().toString(), "dev"), null),
                SourceException.Kind.REF_NOT_FOUND).hasMessageContaining("ref 'dev' does not exist");
    }

    @Test
    void aFilesystemSourceTakesNoRef() {
        SourceSpec spec = SourceSpec.filesystem("notes", tmp.toString());

        assertThatCode(() -> Sources.validateRef(spec, null)).doesNotThrowAnyException();
        assertFails(() -> Sources.validateRef(spec, "main"), SourceException.Kind.INVALID)
                .hasMessageStartingWith("filesystem sources have no refs");
    }

    @Test
    void openCreatesTheCacheDirectoryAndGivesASourceOfTheSpecsType() throws IOException {
        Path cache = tmp.resolve("cache/workspace-1/docs");

        try (Source git = Sources.open(git(origin.location().toString()), cache);
             Source files = Sources.open(SourceSpec.filesystem("notes", tmp.toString()), tmp.resolve("unused"))) {
            assertThat(git).isInstanceOf(GitSource.class);
            assertThat(git.list(git.resolve("v1"))).containsExactly("a.md");
            assertThat(cache.resolve(GitMirror.DIRECTORY)).isDirectory();
            assertThat(files).isInstanceOf(FilesystemSource.class);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
