package io.syncline.workspace;

import java.util.concurrent.CompletableFuture;

/** Journal purges for tests of the entity. */
final class Journals {

    /** For tests that delete no workspace: a purge fails the test's entity loudly. */
    static final JournalPurge UNTOUCHED = persistenceId -> CompletableFuture.failedFuture(
            new AssertionError("this test deletes no workspace, yet the journal of " + persistenceId + " was purged"));

    private Journals() {
    }
}
