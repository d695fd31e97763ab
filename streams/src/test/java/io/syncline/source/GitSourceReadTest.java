package io.syncline.source;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitSourceReadTest {

    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
            'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};

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

    private GitSource source(long maxFileBytes) {
        SourceSpec spec = SourceSpec.git("docs", origin.location().toString(), "main").withMaxFileBytes(maxFileBytes);
        return new GitSource(spec, tmp.resolve("cache"));
    }

    /** Computed here with the JDK, independently of the code under test. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTextFileReadsAsItsTextWithTheSha256OfItsBytes() {
        String text = "# Guide\n\nHello.\n";
        String commit = origin.on("main").file("guide.md", text).commit();

        try (GitSource source = source(0)) {
            source.resolve(null);

            assertThat(source.read(commit, "guide.md"))
                    .isEqualTo(new ReadResult.Text("guide.md", text, sha256(text.getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void multibyteUtf8ComesBackIntactAndMalformedBytesAreReplaced() {
        String text = "Zürich, 東京, emoji 🚀, ﬁn\n";
        byte[] malformed = {'o', 'k', ' ', (byte) 0xC3, '!'};
        String commit = origin.on("main").file("cities.md", text).file("broken.md", malformed).commit();

        try (GitSource source = source(0)) {
            source.resolve(null);

            assertThat(source.read(commit, "cities.md")).isInstanceOfSatisfying(ReadResult.Text.class,
                    read -> assertThat(read.text()).isEqualTo(text));
            assertThat(source.read(commit, "broken.md")).isInstanceOfSatisfying(ReadResult.Text.class, read -> {
                assertThat(read.text()).isEqualTo("ok \uFFFD!");
                assertThat(read.contentHash()).isEqualTo(sha256(malformed));
            });
        }
    }

    @Test
    void binaryFilesAreSkippedAsBinary() {
        String commit = origin.on("main").file("logo.png", PNG_START).file("data.bin", new byte[]{'a', 'b', 0, 'c'})
                .commit();

        try (GitSource source = source(0)) {
            source.resolve(null);

            assertThat(source.read(commit, "logo.png")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.BINARY));
            assertThat(source.read(commit, "data.bin")).isInstanceOfSatisfying(ReadResult.Skipped.class,
                    skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.BINARY));
        }
    }

    @Test
    void onlyTheFirst8000BytesAreProbedForNulAndALoneCarriageReturnIsText() {
        byte[] lateNul = ("x".repeat(8000) + "\0").getBytes(StandardCharsets.US_ASCII);
        String commit = origin.on("main").file("late.txt", lateNul).file("mac.txt", "line one\rline two\r").commit();

        try (GitSource source = source(0)) {
            source.resolve(null);

            assertThat(source.read(commit, "late.txt")).isInstanceOf(ReadResult.Text.class);
            assertThat(source.read(commit, "mac.txt")).isInstanceOfSatisfying(ReadResult.Text.class,
                    read -> assertThat(read.text()).isEqualTo("line one\rline two\r"));
        }
    }

    @Test
    void aFileOverTheLimitIsSkippedAsTooLargeAndOneAtTheLimitIsRead() {
        String commit = origin.on("main").file("big.md", "x".repeat(101)).file("fits.md", "y".repeat(100)).commit();

        try (GitSource source = source(100)) {
            source.resolve(null);

            assertThat(source.read(commit, "big.md"))
                    .isEqualTo(new ReadResult.Skipped("big.md", ReadResult.Reason.TOO_LARGE, "101 bytes > limit 100"));
            assertThat(source.read(commit, "fits.md")).isInstanceOf(ReadResult.Text.class);
        }
    }

    @Test
    void anOversizedBlobIsSkippedFromItsHeaderWithoutBeingInflated() throws IOException {
        origin.on("main").file("a.md", "a").commit();
        try (GitSource source = source(1000)) {
            source.resolve(null);
            // A loose blob whose header claims 5 MB but which holds only 200 bytes: reading its body fails.
            Path mirror = tmp.resolve("cache").resolve(GitMirror.DIRECTORY);
            ObjectId blob = ObjectId.fromString("ab".repeat(20));
            writeLooseObject(mirror, blob, "blob 5000000\0" + "x".repeat(200));
            String commit = commitInMirror(mirror, "big.md", blob);

            assertThat(source.read(commit, "big.md")).isEqualTo(
                    new ReadResult.Skipped("big.md", ReadResult.Reason.TOO_LARGE, "5000000 bytes > limit 1000"));
            try (GitSource generous = source(10_000_000)) {
                assertThatThrownBy(() -> generous.read(commit, "big.md")).isInstanceOf(SourceException.class);
            }
        }
    }

    private static void writeLooseObject(Path gitDir, ObjectId id, String raw) throws IOException {
        Path file = gitDir.resolve("objects").resolve(id.name().substring(0, 2)).resolve(id.name().substring(2));
        Files.createDirectories(file.getParent());
        try (OutputStream out = new DeflaterOutputStream(Files.newOutputStream(file))) {
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String commitInMirror(Path gitDir, String path, ObjectId blob) throws IOException {
        try (Repository mirror = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
             ObjectInserter inserter = mirror.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            tree.append(path, FileMode.REGULAR_FILE, blob);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            PersonIdent ident = new PersonIdent("Test", "test@example.org");
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage("big");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id.name();
        }
    }

    @Test
    void aPathWithNoFileAtTheRevisionIsVanished() {
        String first = origin.on("main").file("a.md", "a").file("dir/b.md", "b").commit();
        String second = origin.on("main").delete("a.md").symlink("link.md", "dir/b.md").commit();

        try (GitSource source = source(0)) {
            source.resolve(null);

            assertThat(source.read(first, "a.md")).isInstanceOf(ReadResult.Text.class);
            for (String path : List.of("a.md", "dir", "link.md", "nope.md")) {
                assertThat(source.read(second, path)).isInstanceOfSatisfying(ReadResult.Skipped.class,
                        skipped -> assertThat(skipped.reason()).isEqualTo(ReadResult.Reason.VANISHED));
            }
        }
    }

    @Test
    void concurrentReadsOfOneRevisionEachGetTheirOwnFile() throws Exception {
        TestRepo.Snapshot snapshot = origin.on("main");
        int files = 40;
        for (int i = 0; i < files; i++) {
            snapshot.file("doc-" + i + ".md", ("document " + i + "\n").repeat(50 + i));
        }
        String commit = snapshot.commit();

        try (GitSource source = source(0)) {
            source.resolve(null);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> reads = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    for (int i = 0; i < files; i++) {
                        int n = i;
                        reads.add(() -> source.read(commit, "doc-" + n + ".md") instanceof ReadResult.Text text
                                && text.text().equals(("document " + n + "\n").repeat(50 + n))
                                && text.path().equals("doc-" + n + ".md"));
                    }
                }
                List<Boolean> correct = new ArrayList<>();
                for (Future<Boolean> read : pool.invokeAll(reads)) {
                    correct.add(read.get());
                }
                assertThat(correct).hasSize(10 * files).containsOnly(true);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
