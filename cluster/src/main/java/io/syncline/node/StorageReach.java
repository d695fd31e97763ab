package io.syncline.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether this node should leave the cluster for want of Cassandra: it has failed to reach it for {@code leaveAfter},
 * while another node, reporting recently, has reached it all that time. Pure bookkeeping on times in nanoseconds
 * given by the caller (the {@link StorageWatch}).
 */
final class StorageReach {

    private record Reach(long reachableSince, long reportedAt) {
    }

    private final long leaveAfter;
    private final long recent;
    private final Map<String, Reach> others = new HashMap<>();
    private long unreachableSince = -1;

    /** @param recent how old another node's last report may be to count (a few probe intervals) */
    StorageReach(Duration leaveAfter, Duration recent) {
        this.leaveAfter = leaveAfter.toNanos();
        this.recent = recent.toNanos();
    }

    /** Another node reported whether it reaches Cassandra. */
    void reported(String node, boolean reachable, long now) {
        Reach before = others.get(node);
        long since = !reachable ? -1 : before != null && before.reachableSince() >= 0 ? before.reachableSince() : now;
        others.put(node, new Reach(since, now));
    }

    /** This node's own probe came back; answers whether it should leave now. */
    boolean probed(boolean reachable, long now) {
        if (reachable) {
            unreachableSince = -1;
            return false;
        }
        if (unreachableSince < 0) {
            unreachableSince = now;
        }
        boolean othersReachedAllAlong = others.values().stream().anyMatch(reach -> now - reach.reportedAt() < recent
                && reach.reachableSince() >= 0 && now - reach.reachableSince() >= leaveAfter);
        return othersReachedAllAlong && now - unreachableSince >= leaveAfter;
    }

    /** How long this node has failed to reach Cassandra, for the log. */
    Duration unreachableFor(long now) {
        return unreachableSince < 0 ? Duration.ZERO : Duration.ofNanos(now - unreachableSince);
    }
}
