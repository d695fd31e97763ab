package io.syncline.serialization;

/**
 * Marks the messages, events and snapshots that Pekko serializes with Jackson CBOR (bound in serialization.conf).
 * Java serialization stays off; a type that crosses the wire or reaches the journal must carry this marker.
 */
public interface CborSerializable {
}
