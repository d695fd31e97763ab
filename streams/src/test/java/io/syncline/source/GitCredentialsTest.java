package io.syncline.source;

import com.typesafe.config.ConfigFactory;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A private repository over https, read with credentials the operator defined by name: they reach its host only,
 * and their secret appears in no message.
 */
class GitCredentialsTest {

    private static final String SECRET = "token-4f9c2a7e1b";

    @TempDir
    static Path tmp;

    private static FakeGitHttpsServer host;
    private static SSLSocketFactory defaultSockets;
    private static HttpConnectionFactory defaultConnections;
    private static Path secretFile;
    private static Path staleFile;

    @BeforeAll
    static void start() throws Exception {
        TestRepo origin = TestRepo.bare(tmp.resolve("origin.git"));
        origin.on("main").file("guide.md", "# Private guide\n\nOnly for those with the token.\n").commit();
        host = FakeGitHttpsServer.start(origin.repository(), "reader", SECRET, tmp);
        defaultSockets = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(host.clientContext().getSocketFactory());
        // the fake host is on loopback, which the guard refuses unless the operator lists it; the guard is JGit's
        // one connection factory, which the other tests of this JVM run without
        defaultConnections = HttpTransport.getConnectionFactory();
        GitHttpGuard.install(new GitHttpGuard.Rules(Set.of("127.0.0.1"), Duration.ofMinutes(1), 1L << 30));
        secretFile = Files.writeString(tmp.resolve("token"), SECRET + "\n");
        staleFile = Files.writeString(tmp.resolve("stale-token"), "token-revoked-0042\n");
    }

    @AfterAll
    static void stop() {
        GitCredentials.install(Map.of());
        HttpTransport.setConnectionFactory(defaultConnections);
        HttpsURLConnection.setDefaultSSLSocketFactory(defaultSockets);
        host.close();
    }

    @BeforeEach
    void defineCredentials() {
        GitCredentials.install(Map.of(
                "private", new GitCredentials.Named("private", "127.0.0.1", "reader", null, secretFile.toString()),
                "github", new GitCredentials.Named("github", "github.com", "x-access-token", null,
                        secretFile.toString()),
                "unset", new GitCredentials.Named("unset", "127.0.0.1", "reader", "SYNCLINE_TEST_UNSET_TOKEN", null),
                "stale", new GitCredentials.Named("stale", "127.0.0.1", "reader", null, staleFile.toString())));
    }

    @Test
    void aSourceNamingTheHostsCredentialsIsCheckedClonedAndRead() {
        SourceSpec spec = SourceSpec.git("private", host.url(), "main").withCredentials("private");

        Sources.validate(spec);
        try (Source source = Sources.open(spec, tmp.resolve("cache-private"))) {
            String revision = source.resolve(null);
            assertThat(source.read(revision, "guide.md")).isInstanceOfSatisfying(ReadResult.Text.class,
                    text -> assertThat(text.text()).contains("Only for those with the token."));
        }
        String sent = "Basic " + Base64.getEncoder().encodeToString(("reader:" + SECRET).getBytes());
        assertThat(host.authorizations()).contains(sent);
    }

    @Test
    void withoutCredentialsThePrivateRepositoryIsRefusedWithAMessageThatSaysWhatToName() {
        assertThatThrownBy(() -> Sources.validate(SourceSpec.git("public", host.url(), "main")))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.INVALID))
                .hasMessageContaining("the host wants credentials")
                .hasMessageContaining("syncline.sources.git-credentials");
    }

    @Test
    void credentialsTheHostRefusesFailTheSourceWithoutShowingTheSecret() {
        assertThatThrownBy(() -> Sources.validate(SourceSpec.git("stale", host.url(), "main")
                .withCredentials("stale")))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.INVALID))
                .hasMessageContaining("refused those given")
                .message().doesNotContain("token-revoked-0042").doesNotContain(SECRET);
    }

    @Test
    void credentialsOfAnotherHostAreRefusedBeforeAnythingIsSent() {
        int before = host.authorizations().size();

        assertThatThrownBy(() -> Sources.validate(SourceSpec.git("stolen", host.url(), "main")
                .withCredentials("github")))
                .isInstanceOf(SourceException.class)
                .hasMessage("credentials 'github' are for host github.com, not 127.0.0.1: they are sent nowhere else");
        assertThat(host.authorizations()).as("requests the host received").hasSize(before);
    }

    @Test
    void aNameTheOperatorDidNotDefineIsInvalidAndTheDefinedOnesAreListed() {
        assertThatThrownBy(() -> Sources.validate(SourceSpec.git("x", host.url(), "main").withCredentials("mine")))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.INVALID))
                .hasMessageContaining("names credentials 'mine', which this node does not define")
                .hasMessageContaining("defined: github, private, stale, unset");
    }

    @Test
    void aSecretMissingOnTheNodeThatFetchesIsThatNodesTroubleAndNamesTheVariable() {
        SourceSpec spec = SourceSpec.git("unset", host.url(), "main").withCredentials("unset");

        try (Source source = Sources.open(spec, tmp.resolve("cache-unset"))) {
            assertThatThrownBy(() -> source.resolve(null))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE))
                    .hasMessageContaining("SYNCLINE_TEST_UNSET_TOKEN, which is not set on this node");
        }
    }

    @Test
    void theOperatorsConfigDefinesThemByNameAndAMalformedOneSaysWhatIsMissing() {
        var config = ConfigFactory.parseString("syncline.sources.git-credentials {\n"
                + " github { host = \"GitHub.com\", username = \"x-access-token\", password-env = \"GITHUB_TOKEN\" }\n"
                + " gitlab { host = \"gitlab.example.com\", username = oauth2,"
                + " password-file = \"/run/secrets/gl\" }\n}");

        assertThat(GitCredentials.fromConfig(config)).containsOnlyKeys("github", "gitlab")
                .containsEntry("github", new GitCredentials.Named("github", "github.com", "x-access-token",
                        "GITHUB_TOKEN", null));
        assertThat(GitCredentials.fromConfig(ConfigFactory.parseString("syncline.sources.git-credentials {}")))
                .isEmpty();
        assertThatThrownBy(() -> GitCredentials.fromConfig(ConfigFactory.parseString(
                "syncline.sources.git-credentials.both { host = h, username = u, password-env = A,"
                        + " password-file = \"/f\" }")))
                .hasMessage("syncline.sources.git-credentials.both needs exactly one of password-env and"
                        + " password-file");
        assertThatThrownBy(() -> GitCredentials.fromConfig(ConfigFactory.parseString(
                "syncline.sources.git-credentials.nohost { username = u, password-env = A }")))
                .hasMessageStartingWith("syncline.sources.git-credentials.nohost: ").hasMessageContaining("host");
    }
}
