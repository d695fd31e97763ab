package io.syncline.membership;

import org.apache.pekko.actor.Address;

/** A node as the API and the nodes' reports name it: the host and port of its cluster (Artery) address. */
public final class NodeAddress {

    private NodeAddress() {
    }

    public static String of(Address address) {
        return address.getHost().orElse("?") + ":" + address.getPort().orElse(0);
    }
}
