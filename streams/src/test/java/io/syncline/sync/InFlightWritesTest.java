package io.syncline.sync;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightWritesTest {

    @Test
    void aSourcesCleanupWaitsForItsWritesUnderWayHoweverTheyEndAndNotForOtherSources() {
        InFlightWrites writes = new InFlightWrites();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> elsewhere = new CompletableFuture<>();
        writes.track("ws", "repo", first);
        writes.track("ws", "repo", second);
        writes.track("ws", "other", elsewhere);

        CompletionStage<Void> drained = writes.drained("ws", "repo");
        first.complete("written");
        assertThat(drained.toCompletableFuture()).isNotDone();
        second.completeExceptionally(new IllegalStateException("aborted"));

        assertThat(drained.toCompletableFuture()).isCompleted();
        assertThat(writes.drained("ws", "nothing").toCompletableFuture()).isCompleted();
        assertThat(writes.drained("ws", "repo").toCompletableFuture()).as("nothing left under way").isCompleted();
        assertThat(writes.drained("ws", "other").toCompletableFuture()).isNotDone();
    }
}
