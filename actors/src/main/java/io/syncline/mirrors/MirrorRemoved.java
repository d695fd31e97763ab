package io.syncline.mirrors;

import io.syncline.serialization.CborSerializable;

/** Published to every node when a source leaves its workspace: each deletes its local copy of it. */
public record MirrorRemoved(String workspace, String source) implements CborSerializable {
}
