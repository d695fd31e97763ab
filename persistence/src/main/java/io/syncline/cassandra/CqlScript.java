package io.syncline.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A CQL file on the classpath: statements separated by a semicolon at the end of a line, {@code --} comment lines,
 * and {@code ${keyspace}} standing for the keyspace it is applied to.
 */
record CqlScript(String name, String text) {

    static Optional<CqlScript> load(String resource) {
        try (InputStream in = CqlScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new CqlScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** The first comment line, which says what the script is for. */
    String description() {
        return text.lines().filter(l -> l.startsWith("--")).findFirst().map(l -> l.substring(2).trim()).orElse(name);
    }

    List<String> statements(String keyspace) {
        String withoutComments = String.join("\n", text.lines().filter(l -> !l.trim().startsWith("--")).toList());
        return Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.replace("${keyspace}", keyspace))
                .toList();
    }

    String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
