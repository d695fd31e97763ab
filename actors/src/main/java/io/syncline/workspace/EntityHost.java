package io.syncline.workspace;

import io.syncline.membership.WriteFence;

/**
 * The node a workspace entity runs on, as the entity needs it: the address the API shows as the workspace's
 * {@code node}, the fence that says whether this node may write now, and the way to delete a journal.
 *
 * @param address host:port of the node's cluster (Artery) address
 */
public record EntityHost(String address, WriteFence fence, JournalPurge journals) {
}
