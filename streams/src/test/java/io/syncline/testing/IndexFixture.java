package io.syncline.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.syncline.embedding.Embedders;
import io.syncline.embedding.remote.ProviderEndpoints;
import io.syncline.embedding.remote.ProviderRuntime;
import io.syncline.embedding.remote.ProviderSettings;
import io.syncline.source.SourcePolicy;
import io.syncline.store.DocumentRecord;
import io.syncline.sync.IndexServices;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test of the pipeline needs, all real: a keyspace of its own on the test Cassandra, an actor system, the
 * in-process models (each wrapped in a {@link RecordingEmbedder}) and {@link IndexServices} over them.
 */
public final class IndexFixture implements AutoCloseable {

    private final TestKeyspace keyspace;
    private final ActorSystem<Void> system;
    private final Embedders embedders;
    private final IndexServices services;
    private final Path home;
    private final Map<String, RecordingEmbedder> recorders = new ConcurrentHashMap<>();

    private IndexFixture(Class<?> testClass, Config config) {
        this.keyspace = TestKeyspace.create(testClass);
        this.system = ActorSystem.create(Behaviors.empty(), testClass.getSimpleName(),
                config.withFallback(ConfigFactory.load()));
        try {
            this.home = Files.createTempDirectory(testClass.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Config settings = system.settings().config();
        ProviderEndpoints providers = new ProviderEndpoints(ProviderRuntime.of(system.classicSystem(),
                system.dispatchers().lookup(DispatcherSelector.fromConfig("syncline.dispatchers.provider")),
                ProviderSettings.fromConfig(settings)), environment());
        this.embedders = new Embedders(2,
                system.dispatchers().lookup(DispatcherSelector.fromConfig("syncline.dispatchers.embedding")),
                providers, embedder -> recorders.computeIfAbsent(embedder.modelKey(),
                key -> new RecordingEmbedder(embedder)));
        this.services = new IndexServices(system, keyspace.session(), keyspace.name(), embedders,
                home.resolve("sources"), tmpdirPolicy(home));
    }

    /** Local sources anywhere under the JVM's tmpdir, where the tests make their repositories; not in the home. */
    public static SourcePolicy tmpdirPolicy(Path home) {
        return new SourcePolicy(List.of(Path.of(System.getProperty("java.io.tmpdir"))), home);
    }

    /** The key tests give remote providers: {@code "apiKeyEnv": "FAKE_PROVIDER_KEY"}. */
    public static final String FAKE_KEY_VARIABLE = "FAKE_PROVIDER_KEY";

    private static Map<String, String> environment() {
        Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put(FAKE_KEY_VARIABLE, "test-key");
        return environment;
    }

    public static IndexFixture create(Class<?> testClass) {
        return create(testClass, ConfigFactory.empty());
    }

    /** @param config overrides, for example {@code syncline.pipeline.checkpoint-every} */
    public static IndexFixture create(Class<?> testClass, Config config) {
        return new IndexFixture(testClass, config);
    }

    public IndexServices services() {
        return services;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public TestKeyspace keyspace() {
        return keyspace;
    }

    public Embedders embedders() {
        return embedders;
    }

    /** The recorder of a model's calls, once the model is loaded ("local:all-minilm-l6-v2-q"). */
    public RecordingEmbedder recorder(String modelKey) {
        return recorders.get(modelKey);
    }

    /** The complete documents the index holds for a source in a generation, in path order. */
    public List<DocumentRecord> documents(String workspace, String generation, String source) {
        return services.documents().list(workspace, generation, source).filter(DocumentRecord::complete)
                .runWith(Sink.seq(), system).toCompletableFuture().join();
    }

    /**
     * Every chunk row the index holds for a workspace's generation, as text hashes in ordinal order by
     * "source/path": read straight from the table, to find rows that no document accounts for.
     */
    public Map<String, List<String>> storedChunks(String workspace, String generation) {
        Map<String, List<String>> byDocument = new java.util.TreeMap<>();
        keyspace.session().execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                        "SELECT source, path, ordinal, text_hash FROM " + keyspace.name() + ".chunks_d384"
                                + " WHERE workspace = ? AND generation = ? ALLOW FILTERING", workspace, generation)
                        .setTimeout(java.time.Duration.ofSeconds(30)))
                .forEach(row -> byDocument.computeIfAbsent(row.getString("source") + "/" + row.getString("path"),
                        key -> new java.util.ArrayList<>()).add(row.getInt("ordinal") + ":" + row.getString("text_hash")));
        byDocument.replaceAll((doc, chunks) -> chunks.stream()
                .sorted(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.substring(0, c.indexOf(':')))))
                .map(c -> c.substring(c.indexOf(':') + 1)).toList());
        return byDocument;
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        embedders.close();
        keyspace.close();
    }
}
