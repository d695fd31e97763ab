package io.syncline.node;

import io.syncline.testing.TestKeyspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API over TLS, with a keystore and a certificate this test makes with the JDK's keytool. */
class ApiTlsIT {

    private static final String PASSWORD = "test-keystore-password";

    private static TestKeyspace keyspace;
    private static TestNode node;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = tmp.resolve("api.p12");
        Process keytool = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        Path passwordFile = Files.writeString(tmp.resolve("api.p12.password"), PASSWORD + "\n");
        keyspace = TestKeyspace.create(ApiTlsIT.class);
        node = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of(
                "syncline.http.tls.keystore", keystore.toString(),
                "syncline.http.tls.password-file", passwordFile.toString()));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        keyspace.close();
    }

    @Test
    void theApiAnswersOverTlsAndNotInPlainHttp() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(tmp.resolve("api.p12")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://127.0.0.1:" + node.node().httpPort() + "/v1/workspaces/none");

        HttpResponse<String> withKey = client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> without = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(404);
        assertThat(without.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> node.api().get("/v1/workspaces/none")).as("plain HTTP to the TLS port")
                .isInstanceOf(java.io.UncheckedIOException.class);
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("api", store.getCertificate("api"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
