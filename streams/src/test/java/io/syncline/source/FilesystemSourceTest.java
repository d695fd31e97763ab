package io.syncline.source;

import io.syncline.sync.FailureKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesystemSourceTest {

    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createDirectory(tmp.resolve("notes"));
    }

    private Path write(String path, String text) throws IOException {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String path, byte[] bytes) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private FilesystemSource source(List<String> include, List<String> exclude) {
        return new FilesystemSource(SourceSpec.filesystem("notes", root.toString()).withFilters(include, exclude));
    }

    private FilesystemSource source() {
        return source(null, null);
    }

    @Test
    void theRevisionStaysTheSameWhileNothingChanges() throws IOException {
        write("a.md", "a");
        write("sub/b.md", "b");

        try (FilesystemSource source = source()) {
            assertThat(source.resolve(null)).matches("fs-[0-9a-f]{16}").isEqualTo(source.resolve(null));
        }
    }

    @Test
    void theRevisionChangesWhenAFileIsEditedAddedOrDeleted() throws IOException {
        Path a = write("a.md", "a");
        try (FilesystemSource source = source()) {
            String initial = source.resolve(null);

            Files.writeString(a, "b"); // same size: only the modification time tells
            Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 2000));
            String edited = source.resolve(null);
            write("new.md", "n");
            String added = source.resolve(null);
            Files.delete(root.resolve("new.md"));
            Files.delete(a);
            String deleted = source.resolve(null);

            assertThat(List.of(initial, edited, added, deleted)).doesNotHaveDuplicates();
        }
    }

    @Test
    void filesOutsideTheFiltersDoNotChangeTheRevision() throws IOException {
        write("a.md", "a");
        try (FilesystemSource source = source(List.of("**/*.md"), null)) {
            String before = source.resolve(null);
            write("build.log", "noise");

            assertThat(source.resolve(null)).isEqualTo(before);
        }
    }

    @Test
    void filesPassingTheFiltersAreListedSortedWithoutGitDirectories() throws IOException {
        write("b.md", "b");
        write("a.md", "a");
        write("a/x.md", "x");
        write("drafts/d.md", "d");
        write("run.sh", "#!/bin/sh");
        write(".git/HEAD", "ref: refs/heads/main");
        write("vendor/lib/.git/config", "[core]");
        write("vendor/lib/README.md", "lib");

        try (FilesystemSource source = source(List.of("**/*.md", "**/HEAD", "**/config"), List.of("drafts/**"))) {
            assertThat(source.list(source.resolve(null)))
                    .containsExactly("a.md", "a/x.md", "b.md", "vendor/lib/README.md");
        }
    }

    @Test
    void symlinksAreFollowedOnlyInsideTheRootAndLoopsOnlyOnce() throws IOException {
        write("docs/guide.md", "g");
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.md"), "s");
        Files.createSymbolicLink(root.resolve("current.md"), root.resolve("docs/guide.md"));
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);
        Files.createSymbolicLink(root.resolve("secret.md"), outside.resolve("secret.md"));
        Files.createSymbolicLink(root.resolve("docs/loop"), root);
        Files.createSymbolicLink(root.resolve("broken.md"), root.resolve("missing.md"));

        try (FilesystemSource source = source()) {
            assertThat(source.list(source.resolve(null))).containsExactly("current.md", "docs/guide.md");
            assertThat(source.read(null, "secret.md")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.VANISHED));
        }
    }

    @Test
    void aFileReadsAsItsUtf8TextWithTheSha256OfItsBytes() throws IOException {
        String text = "Grüße aus 東京 🚀\n";
        write("greeting.md", text);

        try (FilesystemSource source = source()) {
            assertThat(source.read(source.resolve(null), "greeting.md")).isEqualTo(new ReadResult.Text(
                    "greeting.md", text, GitSourceReadTest.sha256(text.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void binaryFilesAreSkippedAsBinary() throws IOException {
        write("logo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});

        try (FilesystemSource source = source()) {
            assertThat(source.read(source.resolve(null), "logo.png")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.BINARY));
        }
    }

    @Test
    void aFileOverTheLimitIsSkippedWithoutBeingRead() throws IOException {
        long fourGiB = 4L << 30; // sparse: costs no disk, and would not fit in the test's heap if it were read
        try (RandomAccessFile huge = new RandomAccessFile(root.resolve("huge.log").toFile(), "rw")) {
            huge.setLength(fourGiB);
        }

        try (FilesystemSource source = source()) {
            assertThat(source.read(source.resolve(null), "huge.log")).isEqualTo(new ReadResult.Skipped("huge.log",
                    ReadResult.Reason.TOO_LARGE, fourGiB + " bytes > limit " + SourceSpec.DEFAULT_MAX_FILE_BYTES));
        }
    }

    @Test
    void aFileDeletedAfterListingReadsAsVanished() throws IOException {
        Path a = write("a.md", "a");
        try (FilesystemSource source = source()) {
            String revision = source.resolve(null);
            assertThat(source.list(revision)).containsExactly("a.md");
            Files.delete(a);

            assertThat(source.read(revision, "a.md")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.VANISHED));
        }
    }

    @Test
    void aPathLeadingOutOfTheRootIsRefused() throws IOException {
        Files.writeString(tmp.resolve("private.md"), "p");

        try (FilesystemSource source = source()) {
            assertThatThrownBy(() -> source.read(null, "../private.md")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void thereIsNeverAChangeListSoEverySyncComparesEverything() throws IOException {
        write("a.md", "a");
        try (FilesystemSource source = source()) {
            String revision = source.resolve(null);

            assertThat(source.changes(revision, revision)).isEmpty();
        }
    }

    @Test
    void aRefIsInvalidBecauseAFilesystemHasNone() {
        try (FilesystemSource source = source()) {
            assertThatThrownBy(() -> source.resolve("main"))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.INVALID))
                    .hasMessageStartingWith("filesystem sources have no refs");
        }
    }

    @Test
    void aMissingDirectoryIsInvalidWhenTheSourceIsAdded() {
        Path missing = tmp.resolve("gone");

        assertThatThrownBy(() -> Sources.validate(SourceSpec.filesystem("notes", missing.toString())))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.INVALID))
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void aRootMissingWhenAJobRunsFailsTheRunRetryablyInsteadOfListingNothing() throws IOException {
        write("a.md", "a");
        try (FilesystemSource source = source()) {
            Files.delete(root.resolve("a.md"));
            Files.delete(root);

            assertThatThrownBy(() -> source.resolve(null))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TRANSIENT))
                    .hasMessageContaining(root.toString()).hasMessageContaining("does not exist on this node");
            assertThatThrownBy(() -> source.list("fs-0"))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TRANSIENT));
        }
    }

    @Test
    void aRootThatVanishesWhileFilesAreReadFailsTheRunRatherThanReportingEachFileDeleted() throws IOException {
        write("a.md", "a");
        try (FilesystemSource source = source()) {
            String revision = source.resolve(null);
            Files.delete(root.resolve("a.md"));
            Files.delete(root);

            assertThatThrownBy(() -> source.read(revision, "a.md"))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TRANSIENT));
        }
    }

    @Test
    void aFileDeletedSinceTheListingIsReportedVanished() throws IOException {
        write("a.md", "a");
        try (FilesystemSource source = source()) {
            String revision = source.resolve(null);
            Files.delete(root.resolve("a.md"));

            assertThat(source.read(revision, "a.md")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.VANISHED));
        }
    }
}
