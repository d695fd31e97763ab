package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventManifestsTest {

    @Test
    void thePreviousReleaseWritesBareClassNamesOfTheEntity() {
        assertThat(EventManifests.ofPreviousRelease("io.syncline.workspace.WorkspaceEntity$SyncProgressed")).isTrue();
        assertThat(EventManifests.ofPreviousRelease("io.syncline.workspace.WorkspaceEvent$SyncProgressed#1"))
                .isFalse();
        assertThat(EventManifests.ofPreviousRelease("io.syncline.workspace.WorkspaceEntity$SyncProgressed#1"))
                .isFalse();
    }

    @Test
    void thisBuildWritesVersionedNamesOfTheEventClass() {
        assertThat(EventManifests.ofThisBuild("io.syncline.workspace.WorkspaceEvent$SourceAdded#1")).isTrue();
        assertThat(EventManifests.ofThisBuild("io.syncline.workspace.WorkspaceEvent$SourceAdded")).isFalse();
        assertThat(EventManifests.ofThisBuild("io.syncline.workspace.WorkspaceEntity$SourceAdded")).isFalse();
    }

    @Test
    void theFormatOfACheckpointIsItsVersion() {
        assertThat(EventManifests.syncProgressedFormat("io.syncline.workspace.WorkspaceEvent$SyncProgressed#2"))
                .contains(2);
        assertThat(EventManifests.syncProgressedFormat("io.syncline.workspace.WorkspaceEvent$SyncProgressed#1"))
                .contains(1);
        assertThat(EventManifests.syncProgressedFormat("io.syncline.workspace.WorkspaceEvent$SyncStarted#1"))
                .isEmpty();
        assertThat(EventManifests.syncProgressedFormat("io.syncline.workspace.WorkspaceEntity$SyncProgressed"))
                .isEmpty();
    }
}
