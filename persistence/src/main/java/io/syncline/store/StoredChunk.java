package io.syncline.store;

/** One chunk as written: its place in the document, the SHA-256 of its text, the text and its vector. */
public record StoredChunk(int ordinal, String textHash, String text, float[] vector) {
}
