package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestKeyspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, on a real node, as a client would meet it: no key or a wrong one is a 401 that says what to
 * send; a reader changes nothing; an editor of one workspace learns nothing of another; a revoked key stops at once;
 * what a browser could send is refused; sources outside the operator's roots are refused; admin actions are audited.
 */
class AccessIT {

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Api admin;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        keyspace = TestKeyspace.create(AccessIT.class);
        node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
        admin = node.api();
        assertThat(admin.post("/v1/workspaces", "{\"id\":\"alpha\"}").status()).isEqualTo(201);
        assertThat(admin.post("/v1/workspaces", "{\"id\":\"beta\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
        keyspace.close();
    }

    private static String newKey(String name, String role, String workspaces) {
        Api.Response created = admin.post("/v1/keys", "{\"name\":" + Api.quote(name) + ",\"role\":\"" + role
                + "\",\"workspaces\":" + workspaces + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    @Test
    void withoutAValidKeyEveryApiRouteIsA401ThatSaysWhatToSend() {
        Api anonymous = admin.withKey(null);
        for (Api.Response response : new Api.Response[]{
                anonymous.get("/v1/workspaces/alpha"),
                anonymous.post("/v1/workspaces", "{\"id\":\"sneaky\"}"),
                anonymous.post("/v1/workspaces/alpha/search", "{\"query\":\"x\"}"),
                anonymous.get("/v1/keys"),
                anonymous.get("/v1/nowhere")}) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("unauthorized");
            assertThat(response.message()).contains("Authorization: Bearer <key>");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"syncline\"");
        }
        Api.Response wrong = admin.withKey("syn_admin_" + "x".repeat(32)).get("/v1/workspaces/alpha");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).contains("not valid");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("error=\"invalid_token\""));
        assertThat(admin.get("/v1/workspaces/sneaky").status()).isEqualTo(404);
    }

    @Test
    void aNewKeysSecretIsShownOnceAndTheListHoldsNoSecret() {
        Api.Response created = admin.post("/v1/keys", "{\"name\":\"ci\",\"role\":\"reader\",\"workspaces\":[\"*\"]}");
        String secret = created.json().get("secret").asText();
        String id = created.json().get("id").asText();

        assertThat(secret).startsWith("syn_" + id + "_");
        Api.Response list = admin.get("/v1/keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":\"" + id + "\"").doesNotContain(secret)
                .doesNotContain(secret.substring(secret.length() - 32));
        assertThat(admin.withKey(secret).get("/v1/workspaces/alpha").status()).isEqualTo(200);
    }

    @Test
    void aReaderReadsAndSearchesButChangesNothing() {
        Api reader = admin.withKey(newKey("reader", "reader", "[\"alpha\"]"));

        assertThat(reader.get("/v1/workspaces/alpha").status()).isEqualTo(200);
        assertThat(reader.post("/v1/workspaces/alpha/search", "{\"query\":\"anything\"}").status()).isEqualTo(200);
        for (Api.Response refused : new Api.Response[]{
                reader.post("/v1/workspaces/alpha/sources", "{\"id\":\"s\",\"type\":\"filesystem\",\"path\":"
                        + Api.quote(tmp.toString()) + "}"),
                reader.post("/v1/workspaces/alpha/syncs", "{\"source\":\"s\"}"),
                reader.put("/v1/workspaces/alpha/config", "{\"chunking\":{\"maxTokens\":64}}"),
                reader.post("/v1/workspaces", "{\"id\":\"gamma\"}"),
                reader.post("/v1/keys", "{\"name\":\"mine\",\"role\":\"admin\",\"workspaces\":[\"*\"]}"),
                reader.put("/v1/endpoints/mine", "{\"kind\":\"ollama\",\"baseUrl\":\"http://127.0.0.1:1\","
                        + "\"models\":{\"m\":[8]}}")}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.message()).contains("has role 'reader'");
        }
        JsonNode alpha = admin.get("/v1/workspaces/alpha").json();
        assertThat(alpha.get("sources")).isEmpty();
        assertThat(alpha.get("chunking").get("maxTokens").asInt()).isNotEqualTo(64);
        assertThat(admin.get("/v1/workspaces/gamma").status()).isEqualTo(404);
    }

    @Test
    void anEditorOfOneWorkspaceLearnsNothingOfAnother() {
        Api editor = admin.withKey(newKey("editor of alpha", "editor", "[\"alpha\"]"));

        Api.Response other = editor.get("/v1/workspaces/beta");
        Api.Response missing = editor.get("/v1/workspaces/nowhere");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(missing.body().replace("nowhere", "beta"));
        for (String path : new String[]{"/v1/workspaces/beta/manifest", "/v1/workspaces/beta/dead-letters",
                "/v1/workspaces/beta/syncs/job-1"}) {
            assertThat(editor.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(editor.post("/v1/workspaces/beta/search", "{\"query\":\"x\"}").status()).isEqualTo(404);
        assertThat(editor.post("/v1/workspaces/beta/syncs", "{\"source\":\"s\"}").status()).isEqualTo(404);
        assertThat(editor.get("/v1/workspaces/alpha").status()).isEqualTo(200);
        assertThat(editor.get("/v1/providers").status()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Api.Response created = admin.post("/v1/keys",
                "{\"name\":\"leaked\",\"role\":\"admin\",\"workspaces\":[\"*\"]}");
        Api leaked = admin.withKey(created.json().get("secret").asText());
        assertThat(leaked.get("/v1/workspaces/alpha").status()).isEqualTo(200);

        Api.Response revoked = admin.delete("/v1/keys/" + created.json().get("id").asText());

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(leaked.get("/v1/workspaces/alpha").status()).isEqualTo(401);
        assertThat(admin.delete("/v1/keys/" + created.json().get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void bodiesABrowserCouldSendWithoutAskingAreRefusedAndCreateNothing() {
        Api.Response form = admin.send("POST", "/v1/workspaces", "id=formed", "application/x-www-form-urlencoded");
        Api.Response text = admin.send("POST", "/v1/workspaces", "{\"id\":\"texted\"}", "text/plain");

        assertThat(form.status()).isEqualTo(415);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.message()).contains("Content-Type: application/json").contains("text/plain");
        assertThat(admin.get("/v1/workspaces/texted").status()).isEqualTo(404);
        Api.Response large = admin.post("/v1/workspaces", "{\"id\":\"large\",\"pad\":\"" + "x".repeat(70_000)
                + "\"}");
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.message()).contains("65536");
        assertThat(admin.get("/v1/workspaces/large").status()).isEqualTo(404);
    }

    @Test
    void aHostTheOperatorDidNotListIsA421() throws IOException {
        String answer = rawGet("/v1/workspaces/alpha", "rebound.example");

        assertThat(answer).startsWith("HTTP/1.1 421").contains("syncline.http.allowed-hosts");
        assertThat(rawGet("/v1/workspaces/alpha", "localhost")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aSourceOutsideTheOperatorsRootsOrInsideTheHomeIsRefusedAndNotRecorded() throws IOException {
        node.close();
        TestNode strict = TestNode.start(keyspace.name(), tmp.resolve("home"),
                Map.of("syncline.sources.allowed-roots", tmp.resolve("allowed").toString()));
        try {
            Api api = strict.api();
            Path repo = TestRepo.bare(tmp.resolve("outside.git")).location();
            Files.createDirectories(tmp.resolve("allowed"));
            Path link = Files.createSymbolicLink(tmp.resolve("allowed/etc"), Path.of("/etc"));
            for (String source : new String[]{
                    "{\"id\":\"etc\",\"type\":\"filesystem\",\"path\":\"/etc\"}",
                    "{\"id\":\"etc\",\"type\":\"filesystem\",\"path\":" + Api.quote(link.toString()) + "}",
                    "{\"id\":\"home\",\"type\":\"filesystem\",\"path\":" + Api.quote(tmp.resolve("home").toString())
                            + "}",
                    "{\"id\":\"repo\",\"type\":\"git\",\"uri\":" + Api.quote(repo.toString()) + "}"}) {
                Api.Response refused = api.post("/v1/workspaces/alpha/sources", source);
                assertThat(refused.status()).as(refused.body()).isEqualTo(400);
                assertThat(refused.message()).containsAnyOf("outside the directories this node may index",
                        "inside this node's own home");
            }
            assertThat(api.get("/v1/workspaces/alpha").json().get("sources")).isEmpty();
        } finally {
            strict.close();
            node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                    Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
            admin = node.api();
        }
    }

    @Test
    void aKeyOverItsRateIsA429WithRetryAfterWhileOtherKeysGoOn() {
        node.close();
        TestNode limited = TestNode.start(keyspace.name(), tmp.resolve("home"),
                Map.of("syncline.auth.requests-per-second", 1, "syncline.auth.burst", 5));
        try {
            Api reader = limited.api().withKey(newKeyOn(limited.api(), "busy"));
            Api.Response over = null;
            for (int i = 0; i < 20 && over == null; i++) {
                Api.Response response = reader.get("/v1/workspaces/alpha");
                if (response.status() == 429) {
                    over = response;
                }
            }

            assertThat(over).as("a 429 within 20 requests").isNotNull();
            assertThat(over.code()).isEqualTo("rate_limited");
            assertThat(over.message()).contains("syncline.auth.requests-per-second");
            assertThat(over.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Integer.parseInt(v)).isPositive());
            assertThat(limited.api().withKey(newKeyOn(limited.api(), "calm")).get("/v1/workspaces/alpha").status())
                    .isEqualTo(200);
        } finally {
            limited.close();
            node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                    Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
            admin = node.api();
        }
    }

    private static String newKeyOn(Api api, String name) {
        Api.Response created = api.post("/v1/keys", "{\"name\":" + Api.quote(name)
                + ",\"role\":\"reader\",\"workspaces\":[\"*\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("secret").asText();
    }

    @Test
    void anHttpsSourceOnAnInternalAddressIsRefusedAndNeverContacted() throws IOException {
        try (ServerSocket internal = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger contacted = new AtomicInteger();
            Thread listener = new Thread(() -> {
                while (!internal.isClosed()) {
                    try (Socket ignored = internal.accept()) {
                        contacted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            listener.start();
            String source = "{\"id\":\"internal\",\"type\":\"git\",\"uri\":\"https://127.0.0.1:"
                    + internal.getLocalPort() + "/admin/secrets.git\"}";

            Api.Response refused = admin.post("/v1/workspaces/alpha/sources", source);

            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.message()).contains("internal address").contains("syncline.sources.allowed-git-hosts");
            assertThat(contacted).as("connections to the internal service").hasValue(0);
            assertThat(admin.get("/v1/workspaces/alpha").json().get("sources")).isEmpty();

            // the same source on a node whose operator allows the host: the node does connect (and fails, since
            // the listener speaks no TLS), which shows it was the rule that kept it away before
            node.close();
            TestNode allowing = TestNode.start(keyspace.name(), tmp.resolve("home"),
                    Map.of("syncline.sources.allowed-git-hosts", "127.0.0.1"));
            try {
                Api.Response failed = allowing.api().post("/v1/workspaces/alpha/sources", source);
                assertThat(failed.status()).as(failed.body()).isIn(400, 503);
                assertThat(contacted.get()).as("connections to the listener").isPositive();
            } finally {
                allowing.close();
                node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                        Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
                admin = node.api();
            }
        }
    }

    @Test
    void adminActionsAreAuditedWithTheKeyThatAsked() {
        assertThat(admin.post("/v1/workspaces", "{\"id\":\"audited\"}").status()).isEqualTo(201);
        Api reader = admin.withKey(newKey("audit reader", "reader", "[\"*\"]"));
        assertThat(reader.post("/v1/workspaces", "{\"id\":\"refused\"}").status()).isEqualTo(403);

        String entries = node.await(java.time.Duration.ofSeconds(10), () -> {
            String body = admin.get("/v1/audit").body();
            assertThat(body).contains("\"action\":\"workspace.create\",\"target\":\"refused\",\"status\":403");
            return body;
        });

        assertThat(entries).contains("\"keyId\":\"operator\",\"action\":\"workspace.create\",\"target\":\"audited\","
                + "\"status\":201");
        assertThat(entries).contains("\"action\":\"key.create\"");
        assertThat(reader.get("/v1/audit").status()).isEqualTo(403);
    }

    /** A request with a Host of our choosing, which java.net.http does not let a client set. */
    private static String rawGet(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.node().httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + Api.ADMIN_KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
