package io.syncline.membership;

import java.util.Optional;

/**
 * Tells a workspace entity whether its node may write to the journal and the index now. A node that is cut off from
 * the majority of the cluster, or was frozen long enough to have been downed, must not: the majority may already run
 * the same workspace elsewhere, and two writers would interleave in one journal.
 */
public interface WriteFence {

    /** A node that is not part of a cluster (a test of one entity) may always write. */
    WriteFence NONE = Optional::empty;

    /** Empty while this node may write; otherwise why it may not. */
    Optional<String> closedBecause();
}
