package io.syncline.workspace.journal;

import io.syncline.workspace.WorkspaceCommand;
import io.syncline.workspace.WorkspaceEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What 0.1 sent as a command reads as a command of 0.2, what it wrote as an event as an event. */
class MovedFromWorkspaceEntityTest {

    private final MovedFromWorkspaceEntity migration = new MovedFromWorkspaceEntity();

    @Test
    void aCommandOf01ReadsAsTheCommandOfTheSameName() {
        assertThat(migration.transformClassName(1, "io.syncline.workspace.WorkspaceEntity$RequestSync"))
                .isEqualTo(WorkspaceCommand.RequestSync.class.getName());
    }

    @Test
    void anEventOf01ReadsAsTheEventOfTheSameName() {
        assertThat(migration.transformClassName(1, "io.syncline.workspace.WorkspaceEntity$SyncProgressed"))
                .isEqualTo(WorkspaceEvent.SyncProgressed.class.getName());
    }
}
