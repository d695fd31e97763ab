package io.syncline.membership;

import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Member;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The split brain resolver's keep-majority rule, as one node applies it to its own view: the side that sees more
 * than half of the counted members survives; with exactly half, the side that holds the lowest address does.
 */
final class KeepMajority {

    private KeepMajority() {
    }

    /**
     * @param counted     the members that count (Up or Leaving), this node among them
     * @param unreachable those of them this node cannot reach
     * @return why this node is not on the surviving side, or empty if it is
     */
    static Optional<String> problem(Collection<Address> counted, Set<Address> unreachable) {
        List<Address> reachable = counted.stream().filter(a -> !unreachable.contains(a)).toList();
        int total = counted.size();
        if (reachable.size() * 2 > total) {
            return Optional.empty();
        }
        if (!reachable.isEmpty() && reachable.size() * 2 == total) {
            Address lowest = counted.stream().min(Member.addressOrdering()).orElseThrow();
            if (reachable.contains(lowest)) {
                return Optional.empty();
            }
        }
        return Optional.of("this node sees " + reachable.size() + " of " + total
                + " cluster members: it is not on the majority side");
    }
}
