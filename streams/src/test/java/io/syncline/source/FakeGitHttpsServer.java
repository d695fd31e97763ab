package io.syncline.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A private git repository over https on loopback, as a git host serves one: git's smart HTTP protocol (stateless
 * RPC of upload-pack), behind Basic authentication, with a certificate keytool makes for 127.0.0.1. It records the
 * Authorization header of every request, so that a test can tell whether, and what, the node sent.
 */
final class FakeGitHttpsServer implements AutoCloseable {

    private static final String PASSWORD = "changeit";

    private final HttpsServer server;
    private final Repository repository;
    private final String expectedAuthorization;
    private final SSLContext clientContext;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private FakeGitHttpsServer(HttpsServer server, Repository repository, String user, String password,
                               SSLContext clientContext) {
        this.server = server;
        this.repository = repository;
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.clientContext = clientContext;
        server.createContext("/repo.git/", this::handle);
        server.start();
    }

    /** Serves {@code repository} at {@code /repo.git} to whoever authenticates as {@code user}/{@code password}. */
    static FakeGitHttpsServer start(Repository repository, String user, String password, Path dir)
            throws Exception {
        Path keystore = dir.resolve("git-host.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "git", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        return new FakeGitHttpsServer(server, repository, user, password, clientContext);
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/repo.git";
    }

    /** A client context that trusts this server's certificate (and nothing else). */
    SSLContext clientContext() {
        return clientContext;
    }

    /** The Authorization header of each request so far, "" for a request without one. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            if (!expectedAuthorization.equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (path.endsWith("/info/refs") && "service=git-upload-pack".equals(query)) {
                advertise(exchange);
            } else if (path.endsWith("/git-upload-pack") && exchange.getRequestMethod().equals("POST")) {
                uploadPack(exchange);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void advertise(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PacketLineOut out = new PacketLineOut(body);
        out.writeString("# service=git-upload-pack\n");
        out.end();
        UploadPack pack = new UploadPack(repository);
        pack.setBiDirectionalPipe(false);
        pack.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
        exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-advertisement");
        exchange.sendResponseHeaders(200, body.size());
        exchange.getResponseBody().write(body.toByteArray());
    }

    private void uploadPack(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        UploadPack pack = new UploadPack(repository);
        pack.setBiDirectionalPipe(false);
        pack.upload(in, body, null);
        exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.toByteArray());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
