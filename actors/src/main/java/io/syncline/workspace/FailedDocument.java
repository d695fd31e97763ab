package io.syncline.workspace;

/** A document a job could not index, and why. */
public record FailedDocument(String path, String error) {
}
