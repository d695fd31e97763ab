package io.syncline.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourcePolicyTest {

    @TempDir
    Path tmp;

    private SourcePolicy policy(Path home) {
        return new SourcePolicy(List.of(tmp.resolve("allowed")), home);
    }

    @Test
    void aDirectoryUnderAnAllowedRootIsAccepted() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("allowed/docs"));

        policy(tmp.resolve("home")).check(SourceSpec.filesystem("d", docs.toString()));
    }

    @Test
    void aDirectoryOutsideTheRootsIsRefusedWithoutSayingWhetherItExists() {
        SourcePolicy policy = policy(tmp.resolve("home"));

        assertThatThrownBy(() -> policy.check(SourceSpec.filesystem("d", "/etc")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("outside the directories this node may index")
                .hasMessageContaining("syncline.sources.allowed-roots");
        assertThatThrownBy(() -> policy.check(SourceSpec.filesystem("d", "/no/such/dir")))
                .hasMessageContaining("outside the directories this node may index");
        assertThatThrownBy(() -> policy.check(SourceSpec.git("g", "file:///etc", null)))
                .hasMessageContaining("outside the directories this node may index");
        assertThatThrownBy(() -> policy.check(SourceSpec.filesystem("d", tmp.resolve("allowed/../x").toString())))
                .hasMessageContaining("outside the directories this node may index");
    }

    @Test
    void aSymlinkUnderARootThatLeadsOutsideIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("allowed"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path link = Files.createSymbolicLink(tmp.resolve("allowed/link"), outside);

        assertThatThrownBy(() -> policy(tmp.resolve("home")).check(SourceSpec.filesystem("d", link.toString())))
                .hasMessageContaining("which leads to '" + outside.toRealPath() + "'");
    }

    @Test
    void aLinkedWorkTreeWhoseGitDirectoryIsOutsideIsRefused() throws IOException {
        Path workTree = Files.createDirectories(tmp.resolve("allowed/wt"));
        Path gitDir = Files.createDirectories(tmp.resolve("elsewhere/repo.git"));
        Files.writeString(workTree.resolve(".git"), "gitdir: " + gitDir + "\n");

        assertThatThrownBy(() -> policy(tmp.resolve("home")).check(SourceSpec.git("g", workTree.toString(), null)))
                .hasMessageContaining("outside the directories this node may index");
    }

    @Test
    void theNodesOwnHomeIsNeverASourceEvenUnderAnAllowedRoot() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("allowed/home"));
        Files.createDirectories(home.resolve("sources/ws/repo"));

        assertThatThrownBy(() -> policy(home).check(SourceSpec.filesystem("d", home.resolve("sources").toString())))
                .hasMessageContaining("inside this node's own home");
        assertThatThrownBy(() -> policy(home).check(SourceSpec.git("g", home.resolve("sources/ws/repo").toString(),
                null))).hasMessageContaining("inside this node's own home");
    }

    @Test
    void withoutRootsNoLocalSourceIsAllowedAndTheMessageSaysWhatToSet() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        SourcePolicy none = new SourcePolicy(List.of(), tmp.resolve("home"));

        assertThatThrownBy(() -> none.check(SourceSpec.filesystem("d", docs.toString())))
                .hasMessageContaining("may index no local directory")
                .hasMessageContaining("SYNCLINE_SOURCES_ALLOWED_ROOTS");
        none.check(SourceSpec.git("g", "https://example.org/r.git", null));
        none.check(SourceSpec.git("g", "git@example.org:a/b.git", null)); // refused as a scheme by GitLocation
    }

    @Test
    void aJobReadsNoLargerFilesThanTheOperatorAllowsWhateverTheSourceRecorded() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("allowed/docs"));
        SourcePolicy policy = new SourcePolicy(List.of(tmp.resolve("allowed")), tmp.resolve("home"), 1000);

        SourceSpec recorded = SourceSpec.filesystem("d", docs.toString()).withMaxFileBytes(1L << 30);

        assertThat(policy.apply(recorded).maxFileBytes()).isEqualTo(1000);
        assertThat(policy.apply(recorded.withMaxFileBytes(10)).maxFileBytes()).isEqualTo(10);
        assertThatThrownBy(() -> new SourcePolicy(List.of(), tmp, 17L * 1024 * 1024))
                .hasMessageContaining("between 1 and 16777216 (16 MiB)");
    }
}
