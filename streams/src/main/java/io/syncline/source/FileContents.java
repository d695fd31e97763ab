package io.syncline.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rules both sources apply to a file's bytes: too large, binary, or UTF-8 text with the hash of its bytes. It
 * never reads anything itself, so a caller checks the size with {@link #tooLarge} before loading the bytes.
 */
final class FileContents {

    /** C git looks this far for a NUL byte to call a file binary. */
    static final int BINARY_PROBE_BYTES = 8000;

    private FileContents() {
    }

    /** A skip when {@code size} exceeds the spec's limit. */
    static Optional<ReadResult> tooLarge(String path, long size, long maxFileBytes) {
        if (size <= maxFileBytes) {
            return Optional.empty();
        }
        return Optional.of(new ReadResult.Skipped(path, ReadResult.Reason.TOO_LARGE,
                size + " bytes > limit " + maxFileBytes));
    }

    static ReadResult classify(String path, byte[] bytes) {
        int nul = firstNul(bytes);
        if (nul >= 0) {
            return new ReadResult.Skipped(path, ReadResult.Reason.BINARY, "NUL byte at offset " + nul);
        }
        // new String(..., UTF_8) replaces malformed input with U+FFFD instead of failing.
        return new ReadResult.Text(path, new String(bytes, StandardCharsets.UTF_8), sha256Hex(bytes));
    }

    // Git's own heuristic (JGit's RawText.isBinary also calls a lone CR binary, which would drop old Mac text files).
    private static int firstNul(byte[] bytes) {
        int end = Math.min(bytes.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
