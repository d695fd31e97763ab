package io.syncline.source;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Credentials for private https repositories, defined by the operator under a name
 * ({@code syncline.sources.git-credentials.<name> { host, username, password-env | password-file }}) and named by
 * sources ({@code "credentials": "<name>"}). A source never holds the secret, only the name, so the journal, the API
 * and the logs never see it; and a name is bound to one host, so that no client can have the node send it to a
 * server of the client's choosing. The secret is read on the node that fetches, at each fetch, so that a rotated
 * token is used without a restart. Installed once per JVM, like {@link GitHttpGuard}.
 */
public final class GitCredentials {

    /**
     * @param host         the only host they are sent to
     * @param username     the user name (for a token, whatever the host expects: {@code x-access-token} on GitHub,
     *                     {@code oauth2} on GitLab)
     * @param passwordEnv  the environment variable that holds the password or token, or null
     * @param passwordFile the file that holds it, or null
     */
    public record Named(String name, String host, String username, String passwordEnv, String passwordFile) {

        public Named {
            host = host.toLowerCase(Locale.ROOT);
        }
    }

    private static volatile Map<String, Named> defined = Map.of();

    private GitCredentials() {
    }

    public static void install(Map<String, Named> credentials) {
        defined = Map.copyOf(credentials);
    }

    /** {@code syncline.sources.git-credentials}: a name per entry; a malformed one stops the node, saying why. */
    public static Map<String, Named> fromConfig(Config config) {
        Map<String, Named> named = new LinkedHashMap<>();
        Config all = config.getConfig("syncline.sources.git-credentials");
        for (String name : all.root().keySet()) {
            String where = "syncline.sources.git-credentials." + name;
            try {
                Config entry = all.getConfig(name);
                String env = entry.hasPath("password-env") ? entry.getString("password-env") : null;
                String file = entry.hasPath("password-file") ? entry.getString("password-file") : null;
                if ((env == null) == (file == null)) {
                    throw new IllegalArgumentException(where + " needs exactly one of password-env and password-file");
                }
                named.put(name, new Named(name, entry.getString("host"), entry.getString("username"), env, file));
            } catch (ConfigException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return named;
    }

    /** Checks, without reading the secret, that the source may use the credentials it names. */
    static void check(SourceSpec spec, GitLocation location) {
        if (spec.credentials() != null) {
            named(spec, location);
        }
    }

    /** What a clone, fetch or ls-remote of the source authenticates with; null for a source without credentials. */
    static CredentialsProvider forFetch(SourceSpec spec, GitLocation location) {
        if (spec.credentials() == null) {
            return null;
        }
        Named named = named(spec, location);
        return new UsernamePasswordCredentialsProvider(named.username(), secret(named));
    }

    private static Named named(SourceSpec spec, GitLocation location) {
        Named named = defined.get(spec.credentials());
        if (named == null) {
            throw new SourceException(SourceException.Kind.INVALID, "source '" + spec.id() + "' names credentials '"
                    + spec.credentials() + "', which this node does not define (syncline.sources.git-credentials;"
                    + " defined: " + (defined.isEmpty() ? "none" : String.join(", ", new TreeSet<>(defined.keySet()))) + ")");
        }
        if (location.isLocal()) {
            throw new SourceException(SourceException.Kind.INVALID, "source '" + spec.id() + "' names credentials,"
                    + " which only an https repository uses");
        }
        String host = URI.create(location.transportUri()).getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(named.host())) {
            throw new SourceException(SourceException.Kind.INVALID, "credentials '" + named.name() + "' are for host "
                    + named.host() + ", not " + host + ": they are sent nowhere else");
        }
        return named;
    }

    /** The secret as this node holds it now; missing here is this node's trouble, and the job is tried again. */
    private static String secret(Named named) {
        if (named.passwordEnv() != null) {
            String value = System.getenv(named.passwordEnv());
            if (value == null || value.isBlank()) {
                throw new SourceException(SourceException.Kind.UNAVAILABLE, "credentials '" + named.name()
                        + "' read the environment variable " + named.passwordEnv() + ", which is not set on this node");
            }
            return value;
        }
        try {
            return Files.readString(Path.of(named.passwordFile())).strip();
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNAVAILABLE, "credentials '" + named.name()
                    + "' read the file " + named.passwordFile() + ", which this node cannot read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
