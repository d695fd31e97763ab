package io.syncline.mirrors;

import io.syncline.source.SourceCaches;
import io.syncline.testing.TwoNodeCluster;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Source copies are only a cache: a removed source's copy goes on every node, and copies left unused go too. */
class SourceMirrorsTest {

    @TempDir
    Path tmp;

    private TwoNodeCluster cluster;
    private ActorTestKit first;
    private ActorTestKit second;
    private SourceCaches firstCaches;
    private SourceCaches secondCaches;
    private SourceMirrors onFirst;

    @BeforeEach
    void twoNodes() {
        cluster = TwoNodeCluster.start();
        first = cluster.first();
        second = cluster.second();
        firstCaches = new SourceCaches(tmp.resolve("first"));
        secondCaches = new SourceCaches(tmp.resolve("second"));
        onFirst = SourceMirrors.start(first.system(), firstCaches, Executors.newSingleThreadExecutor());
        SourceMirrors.start(second.system(), secondCaches, Executors.newSingleThreadExecutor());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aRemovedSourcesCopyIsDeletedOnEveryNodeAndOtherCopiesStay() throws IOException {
        Path here = copy(firstCaches, "ws", "docs");
        Path there = copy(secondCaches, "ws", "docs");
        Path otherSource = copy(secondCaches, "ws", "wiki");

        // The janitors subscribe as they start: the removal is announced again until the other node has acted.
        second.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
            onFirst.removeEverywhere("ws", "docs");
            assertThat(there).doesNotExist();
            return null;
        });

        assertThat(here).doesNotExist();
        assertThat(otherSource).exists();
    }

    @Test
    void copiesUnusedForLongerThanTheirTimeToLiveAreSwept() throws IOException {
        Path idle = copy(firstCaches, "ws", "old");
        Path fresh = copy(firstCaches, "ws", "new");
        Files.setLastModifiedTime(idle, FileTime.from(Instant.now().minus(Duration.ofDays(8))));

        onFirst.sweepIdle(Duration.ofDays(7), Instant.now());

        assertThat(idle).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void aWorkspaceDirectoryIsSweptOnlyOnceItHasBeenEmptyForTheTimeToLive() throws IOException {
        Path opening = Files.createDirectories(firstCaches.of("opening", "docs").getParent());
        Path abandoned = Files.createDirectories(firstCaches.of("abandoned", "docs").getParent());
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(8))));

        onFirst.sweepIdle(Duration.ofDays(7), Instant.now());

        assertThat(opening).as("a job is about to create its copy in it").exists();
        assertThat(abandoned).doesNotExist();
    }

    private static Path copy(SourceCaches caches, String workspace, String source) throws IOException {
        Path dir = Files.createDirectories(caches.of(workspace, source).resolve("mirror.git"));
        Files.writeString(dir.resolve("HEAD"), "ref: refs/heads/main\n");
        return caches.of(workspace, source);
    }
}
