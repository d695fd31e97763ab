package io.syncline.node;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what, on a real node, as a client would meet it: no key or a wrong one is a 401 that says what to
 * send; a reader changes nothing; an editor of one workspace learns nothing of another; a revoked key stops at once;
 * what a browser could send is refused; sources outside the operator's roots are refused; admin actions are audited;
 * the API speaks TLS when given a keystore; and no secret reaches a log line, an answer or the journal.
 */
class AccessIT {

    private static final String PROVIDER_SECRET = "sk-provider-" + UUID.randomUUID();
    private static final String GIT_PASSWORD = "git-password-" + UUID.randomUUID();
    private static final String TLS_PASSWORD = "test-keystore-password";

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Api admin;
    private static ActorTestKit testKit;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        keyspace = TestKeyspace.create(AccessIT.class);
        testKit = ActorTestKit.create();
        node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
        admin = node.api();
        assertThat(admin.post("/v1/workspaces", "{\"id\":\"alpha\"}").status()).isEqualTo(201);
        assertThat(admin.post("/v1/workspaces", "{\"id\":\"beta\"}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
        testKit.shutdownTestKit();
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
                reader.delete("/v1/workspaces/alpha"),
                reader.post("/v1/keys", "{\"name\":\"mine\",\"role\":\"admin\",\"workspaces\":[\"*\"]}"),
                reader.put("/v1/endpoints/mine", "{\"kind\":\"ollama\",\"baseUrl\":\"http://127.0.0.1:1\","
                        + "\"models\":{\"m\":[8]}}")}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.message()).contains("has role 'reader'");
        }
        JsonNode alpha = admin.get("/v1/workspaces/alpha").json();
        assertThat(alpha.get("state").asText()).isEqualTo("active");
        assertThat(alpha.get("sources")).isEmpty();
        assertThat(alpha.get("chunking").get("maxTokens").asInt()).isNotEqualTo(64);
        assertThat(admin.get("/v1/workspaces/gamma").status()).isEqualTo(404);
    }

    @Test
    void aWorkspaceNamesItsEndpointAndOnlyAKeyThatMayDefineEndpointsSeesWhereItIs() {
        assertThat(admin.put("/v1/endpoints/gateway", "{\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:9/v1\","
                + "\"apiKeyEnv\":\"HOME\",\"models\":{\"m\":[8]}}").status()).isEqualTo(200);
        Api.Response created = admin.post("/v1/workspaces", "{\"id\":\"remote\",\"embedding\":{\"endpoint\":"
                + "\"gateway\",\"model\":\"m\"},\"chunking\":{\"maxTokens\":200}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api reader = admin.withKey(newKey("reader of remote", "reader", "[\"remote\"]"));

        JsonNode asAdmin = admin.get("/v1/workspaces/remote").json();
        JsonNode asReader = reader.get("/v1/workspaces/remote").json();

        for (JsonNode embedding : List.of(asAdmin.get("embedding"), asReader.get("embedding"),
                asReader.at("/index/activeConfig/embedding"))) {
            assertThat(embedding.get("endpoint").asText()).as(embedding.toString()).isEqualTo("gateway");
            assertThat(embedding.get("dimensions").asInt()).isEqualTo(8);
        }
        assertThat(asAdmin.at("/embedding/baseUrl").asText()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(asAdmin.at("/embedding/apiKeyEnv").asText()).isEqualTo("HOME");
        assertThat(asReader.toString()).as("what a reader is shown").doesNotContain("http://127.0.0.1:9/v1");
        for (String place : List.of("/embedding/baseUrl", "/embedding/apiKeyEnv",
                "/index/activeConfig/embedding/baseUrl", "/index/activeConfig/embedding/apiKeyEnv")) {
            assertThat(asReader.at(place).isNull()).as(place + " as a reader is shown it").isTrue();
        }
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
    void aKeyOverItsRateIsA429WithRetryAfterWhileOtherKeysGoOnAndAKeyMakesNoMoreWorkspacesThanItsQuota() {
        node.close();
        TestNode limited = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of(
                "syncline.auth.requests-per-second", 1, "syncline.auth.burst", 5,
                "syncline.auth.max-workspaces-per-key", 1));
        try {
            Api.Response maker = limited.api().post("/v1/keys",
                    "{\"name\":\"maker\",\"role\":\"admin\",\"workspaces\":[\"*\"]}");
            Api makerApi = limited.api().withKey(maker.json().get("secret").asText());
            assertThat(makerApi.post("/v1/workspaces", "{\"id\":\"quota-1\"}").status()).isEqualTo(201);
            Api.Response second = makerApi.post("/v1/workspaces", "{\"id\":\"quota-2\"}");
            assertThat(second.status()).as(second.body()).isEqualTo(409);
            assertThat(second.message()).contains("has created 1 workspaces")
                    .contains("syncline.auth.max-workspaces-per-key");
            assertThat(limited.api().get("/v1/workspaces/quota-2").status()).isEqualTo(404);

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

    @Test
    void theApiAnswersOverTlsWithACertificateTheTestMakesAndNotInPlainHttp() throws Exception {
        Path keystore = tmp.resolve("api.p12");
        Process keytool = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", TLS_PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        Path passwordFile = Files.writeString(tmp.resolve("api.p12.password"), TLS_PASSWORD + "\n");
        node.close();
        TestNode tlsNode = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of(
                "syncline.http.tls.keystore", keystore.toString(),
                "syncline.http.tls.password-file", passwordFile.toString()));
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("https://127.0.0.1:" + tlsNode.node().httpPort() + "/v1/workspaces/none");

            HttpResponse<String> withKey = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + Api.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> without = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(withKey.statusCode()).as(withKey.body()).isEqualTo(404);
            assertThat(without.statusCode()).isEqualTo(401);
            assertThatThrownBy(() -> tlsNode.api().get("/v1/workspaces/none")).as("plain HTTP to the TLS port")
                    .isInstanceOf(UncheckedIOException.class);
        } finally {
            tlsNode.close();
            node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                    Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
            admin = node.api();
        }
    }

    /** Trusts the one certificate of the keystore the test made. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, TLS_PASSWORD.toCharArray());
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

    @Test
    void noSecretAppearsInTheLogTheAnswersOrTheJournalOfANodeOfItsOwn() throws Exception {
        Path keyFile = Files.writeString(tmp.resolve("provider.key"), PROVIDER_SECRET + "\n");
        TestRepo repo = TestRepo.bare(tmp.resolve("secret-docs.git"));
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < 5; i++) {
            files.file("docs/page-" + i + ".md", TestCorpus.markdown(7000 + i, 2));
        }
        files.commit();
        node.close();
        NodeProcess process = new NodeProcess(keyspace.name(), Files.createDirectories(tmp.resolve("process-home")),
                Map.of());
        Api api = new Api(process.httpPort());
        List<Api.Response> answers = new ArrayList<>();
        String newKey;
        try (FakeEmbeddingServer provider = FakeEmbeddingServer.start()) {
            process.start();
            await(Duration.ofMinutes(2), () -> {
                assertThat(process.alive()).as("node process (log %s)", process.log()).isTrue();
                assertThat(process.ready()).isTrue();
                return null;
            });
            Api.Response created = api.post("/v1/keys",
                    "{\"name\":\"tool\",\"role\":\"editor\",\"workspaces\":[\"*\"]}");
            assertThat(created.status()).isEqualTo(201);
            newKey = created.json().get("secret").asText();
            Api tool = api.withKey(newKey);

            answers.add(expect(tool.post("/v1/workspaces", "{\"id\":\"secret\"}"), 403));
            answers.add(expect(api.put("/v1/endpoints/fake", "{\"kind\":\"openai\",\"baseUrl\":"
                    + Api.quote(provider.openAiBaseUrl()) + ",\"apiKeyFile\":" + Api.quote(keyFile.toString())
                    + ",\"models\":{\"text-embedding-3-small\":[384]}}"), 200));
            answers.add(expect(api.post("/v1/workspaces", "{\"id\":\"secret\",\"embedding\":{\"endpoint\":\"fake\","
                    + "\"model\":\"text-embedding-3-small\"}}"), 201));
            answers.add(expect(tool.post("/v1/workspaces/secret/sources", "{\"id\":\"private\",\"type\":\"git\","
                    + "\"uri\":\"https://someone:" + GIT_PASSWORD + "@127.0.0.1:9/private.git\"}"), 400));
            answers.add(expect(tool.post("/v1/workspaces/secret/sources", "{\"id\":\"repo\",\"type\":\"git\","
                    + "\"uri\":" + Api.quote(repo.location().toString()) + ",\"branch\":\"main\"}"), 201));
            String job = expect(tool.post("/v1/workspaces/secret/syncs", "{\"source\":\"repo\",\"mode\":\"full\"}"),
                    202).json().get("job").asText();
            JsonNode done = await(Duration.ofMinutes(2), () -> {
                Api.Response view = tool.get("/v1/workspaces/secret/syncs/" + job);
                assertThat(view.json().get("state").asText()).isEqualTo("completed");
                answers.add(view);
                return view.json();
            });
            assertThat(done.get("chunks").get("embedded").asInt()).as("the provider was used").isPositive();
            answers.add(expect(tool.post("/v1/workspaces/secret/search", "{\"query\":\"anything\"}"), 200));
            answers.add(expect(api.withKey(newKey + "x").get("/v1/workspaces/secret"), 401));
            answers.add(expect(api.withKey(Api.ADMIN_KEY.substring(1)).get("/v1/workspaces/secret"), 401));
            for (String path : new String[]{"/v1/workspaces/secret", "/v1/workspaces/secret/manifest",
                    "/v1/workspaces/secret/dead-letters", "/v1/providers", "/v1/keys", "/v1/audit", "/v1/endpoints"}) {
                answers.add(expect(api.get(path), 200));
            }
        } finally {
            process.stop();
            node = TestNode.start(keyspace.name(), tmp.resolve("home"),
                    Map.of("syncline.http.allowed-hosts", "127.0.0.1,localhost"));
            admin = node.api();
        }

        String log = Files.readString(process.log());
        assertThat(log).as("the node's log").contains("Syncline node serving");
        String journal = journalText();
        assertThat(journal).as("the journal").contains("text-embedding-3-small");
        for (String secret : List.of(PROVIDER_SECRET, GIT_PASSWORD, newKey, Api.ADMIN_KEY)) {
            String tail = secret.substring(secret.length() - 20);
            assertThat(log).as("the node's log").doesNotContain(tail);
            assertThat(journal).as("the journal").doesNotContain(tail);
            for (Api.Response answer : answers) {
                assertThat(answer.body()).as("an answer").doesNotContain(tail);
            }
        }
    }

    /** Every event and snapshot of the keyspace as text (the payloads are JSON). */
    private static String journalText() {
        StringBuilder text = new StringBuilder();
        for (Row row : keyspace.session().execute("SELECT event FROM " + keyspace.name() + ".messages")) {
            text.append(utf8(row.getByteBuffer("event"))).append('\n');
        }
        for (Row row : keyspace.session().execute("SELECT snapshot_data FROM " + keyspace.name() + ".snapshots")) {
            text.append(utf8(row.getByteBuffer("snapshot_data"))).append('\n');
        }
        return text.toString();
    }

    private static String utf8(ByteBuffer bytes) {
        if (bytes == null) {
            return "";
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.duplicate().get(array);
        return new String(array, StandardCharsets.UTF_8);
    }

    private static Api.Response expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static <T> T await(Duration max, Supplier<T> assertion) {
        return testKit.createTestProbe().awaitAssert(max, assertion::get);
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
