package io.syncline.embedding.remote;

/**
 * This node's part of every endpoint's limits when several nodes call it: an endpoint's requests and tokens per
 * minute and its concurrency hold for the whole cluster, so each of the {@code nodes} counted members takes its
 * share, and the remainder of the concurrency goes to the first members by address.
 *
 * @param index this node's place among the members, by address (0-based)
 * @param nodes how many members share the limits
 */
public record ClusterShare(int index, int nodes) {

    /** A node alone: the whole limits. */
    public static final ClusterShare ALONE = new ClusterShare(0, 1);

    public ClusterShare {
        if (nodes < 1 || index < 0 || index >= nodes) {
            throw new IllegalArgumentException("member " + index + " of " + nodes);
        }
    }

    /** The share of a per-minute rate this node may use. */
    public double fraction() {
        return 1.0 / nodes;
    }

    /**
     * Requests this node may have in flight out of a cluster-wide {@code total}: the members' shares add up to the
     * total, except that every member keeps at least one (a cluster with more nodes than the limit allows then
     * exceeds it by up to one request per extra node, which the log says when the share is applied).
     */
    public int concurrency(int total) {
        int share = total / nodes + (index < total % nodes ? 1 : 0);
        return Math.max(1, share);
    }
}
