package io.syncline.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreviousReleaseTest {

    @Test
    void theFileNamesTheReleaseByItsFullCommitAndVersion() {
        PreviousRelease.Release release = PreviousRelease.Release.load();

        assertThat(release.commit()).matches("[0-9a-f]{40}");
        assertThat(release.tag()).startsWith("v").endsWith(release.version());
        assertThat(release.version()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aCloneWithoutTheCommitFailsWithWhatToRun(@TempDir Path dir) throws IOException {
        Path repository = Files.createDirectories(dir.resolve("clone"));
        git(repository, "init", "-q", "-b", "main");
        Files.writeString(repository.resolve("README"), "a clone without the release\n");
        git(repository, "add", "README");
        git(repository, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "one");
        PreviousRelease.Release missing = new PreviousRelease.Release("0123456789abcdef0123456789abcdef01234567",
                "v0.0.9", "0.0.9");

        PreviousRelease build = new PreviousRelease(missing, repository, Files.createDirectories(dir.resolve("run")))
                .start();

        assertThatThrownBy(() -> build.awaitBuild(Duration.ofSeconds(30))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("commit 0123456789abcdef0123456789abcdef01234567")
                .hasMessageContaining("is not in the repository at " + repository)
                .hasMessageContaining("fetch origin tag v0.0.9");
        assertThat(dir.resolve("run/worktree")).doesNotExist();
    }

    private static void git(Path repository, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = Commands.which("git").toString();
        command[1] = "-C";
        command[2] = repository.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        Commands.run(Duration.ofSeconds(30), command);
    }
}
