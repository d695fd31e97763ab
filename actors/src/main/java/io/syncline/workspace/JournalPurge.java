package io.syncline.workspace;

import org.apache.pekko.Done;

import java.util.concurrent.CompletionStage;

/** Deletes the journal of an entity that no longer runs anything: its snapshots, then its events. */
public interface JournalPurge {

    CompletionStage<Done> purge(String persistenceId);
}
