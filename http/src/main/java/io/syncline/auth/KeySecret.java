package io.syncline.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a key's secret: {@code syn_<id>_<32 characters>}, 192 random bits after a prefix that tools which
 * scan for leaked secrets can recognise, and the key's id so that a check reads one row. Only the SHA-256 of the
 * whole secret is stored; checks compare hashes in constant time.
 */
public final class KeySecret {

    public static final String PREFIX = "syn_";
    private static final Pattern SHAPE = Pattern.compile("syn_([a-z0-9]{1,32})_[A-Za-z0-9_-]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecret() {
    }

    /** A new random key id: 12 hex digits. */
    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A new random secret for the key with this id. */
    public static String generate(String id) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key id a secret names, if it has the shape of one. */
    public static Optional<String> idOf(String secret) {
        Matcher matcher = SHAPE.matcher(secret);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Whether a presented secret is the stored hash's, in a time that does not depend on where they differ. */
    public static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
