package io.syncline.node;

import io.syncline.serialization.CborSerializable;

/** What a node tells the others every few seconds: whether it reaches Cassandra. */
public record StorageReport(String node, boolean reachable) implements CborSerializable {
}
