package io.syncline.node;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.syncline.api.ApiAccess;
import io.syncline.api.ApiRoutes;
import io.syncline.api.Endpoints;
import io.syncline.api.WorkspaceDirectory;
import io.syncline.api.Workspaces;
import io.syncline.auth.FirstAdminKey;
import io.syncline.cassandra.SchemaMigrations;
import io.syncline.embedding.Embedders;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.remote.ProviderEndpoints;
import io.syncline.embedding.remote.ProviderRuntime;
import io.syncline.embedding.remote.ProviderSettings;
import io.syncline.membership.MajorityFence;
import io.syncline.mirrors.SourceMirrors;
import io.syncline.providers.MigratedEndpointListing;
import io.syncline.providers.ProviderCoordinator;
import io.syncline.search.SearchService;
import io.syncline.source.GitCredentials;
import io.syncline.source.GitHttpGuard;
import io.syncline.source.SourcePolicy;
import io.syncline.store.ApiKeyStore;
import io.syncline.store.EndpointStore;
import io.syncline.store.JournalIds;
import io.syncline.sync.IndexServices;
import io.syncline.workspace.PipelineIndexWork;
import io.syncline.workspace.WorkspaceEntity;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One Syncline node, started in order: actor system and cluster, the Cassandra session (waiting for Cassandra),
 * schema migrations, the embedding model, sharding of workspaces, the HTTP API, pekko-management. Coordinated
 * shutdown unbinds the API first, so that a stopping node takes no new requests, and stops the rest.
 */
public final class SynclineNode {

    /** The config path of the driver session shared by the journal and the index tables. */
    static final String SESSION_CONFIG_PATH = "pekko.persistence.cassandra";

    private static final Logger log = LoggerFactory.getLogger(SynclineNode.class);
    private static final Duration CASSANDRA_WAIT = Duration.ofMinutes(3);

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final NodeSettings settings;
    private final Optional<Path> adminKeyFile;

    private SynclineNode(ActorSystem<Void> system, ServerBinding binding, NodeSettings settings,
                         Optional<Path> adminKeyFile) {
        this.system = system;
        this.binding = binding;
        this.settings = settings;
        this.adminKeyFile = adminKeyFile;
    }

    /** Starts a node and returns once it serves; throws if it cannot start (after stopping what it started). */
    public static SynclineNode start(Config config) {
        Embedders.keepDjlOffline();
        NodeSettings settings = NodeSettings.fromConfig(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "Syncline", config);
        try {
            return startIn(system, settings);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    private static SynclineNode startIn(ActorSystem<Void> system, NodeSettings settings) {
        // From the first moment: its watchdog must be ticking before any entity can write.
        MajorityFence.get(system);
        RefusedJoinLog.register(system);
        log.info("Syncline {} node starting: cluster address {}, home {}, HTTP {}:{}, keyspace {}",
                system.settings().config().getString("pekko.cluster.app-version"),
                Cluster.get(system).selfMember().address(), settings.home(), settings.httpInterface(),
                settings.httpPort(), settings.keyspace());
        CqlSession session = await(CassandraSessionRegistry.get(system).sessionFor(SESSION_CONFIG_PATH).underlying(),
                CASSANDRA_WAIT, "connecting to Cassandra");
        var applied = new SchemaMigrations(session, settings.keyspace(), settings.replication()).migrate();
        log.info("schema of keyspace {} at version {}", settings.keyspace(),
                applied.isEmpty() ? 0 : applied.get(applied.size() - 1).version());

        Executor embeddingCalls = system.dispatchers().lookup(
                DispatcherSelector.fromConfig(Embedders.CALLERS_DISPATCHER));
        Executor providerCalls = system.dispatchers().lookup(
                DispatcherSelector.fromConfig("syncline.dispatchers.provider"));
        ProviderSettings providerSettings = ProviderSettings.fromConfig(system.settings().config());
        ProviderEndpoints providers = new ProviderEndpoints(ProviderRuntime.of(system.classicSystem(), providerCalls,
                providerSettings), System.getenv());
        system.systemActorOf(ProviderCoordinator.create(providers, providerSettings.reportInterval()),
                "provider-coordinator", Props.empty());
        Embedders embedders = new Embedders(settings.onnxThreads(), embeddingCalls, providers,
                UnaryOperator.identity());
        IndexServices services = new IndexServices(system, session, settings.keyspace(), embedders,
                settings.sourcesDir(), SourcePolicy.fromConfig(system.settings().config(), settings.home()));
        GitHttpGuard.install(SourcePolicy.gitRules(system.settings().config()));
        GitCredentials.install(GitCredentials.fromConfig(system.settings().config()));
        log.info("local sources may be read under: {}", services.sourcePolicy().roots().isEmpty()
                ? "nowhere (syncline.sources.allowed-roots is empty)" : services.sourcePolicy().roots());
        if (settings.preloadDefaultModel()) {
            // Load the default model now: the first sync or search should not wait for it.
            CompletableFuture.runAsync(() -> embedders.forSpec(EmbeddingSpec.defaultSpec()), services.blocking());
        }
        EndpointStore endpoints = new EndpointStore(session, settings.keyspace());
        WorkspaceEntity.init(system, new PipelineIndexWork(services,
                SourceMirrors.start(system, services.sourceCaches(), services.blocking()),
                new MigratedEndpointListing(endpoints)));

        ApiKeyStore keyStore = new ApiKeyStore(session, settings.keyspace());
        ApiAccess access = ApiAccess.of(session, settings.keyspace(), keyStore, system.settings().config());
        Optional<Path> adminKeyFile = access.auth().adminKey().isPresent() ? Optional.empty()
                : FirstAdminKey.ensure(keyStore, settings.home());
        ApiRoutes routes = new ApiRoutes(new Workspaces(system, settings.askTimeout(),
                        WorkspaceDirectory.onJournal(new JournalIds(session, settings.keyspace()))),
                new SearchService(services, settings.searchConcurrency()), services,
                new Endpoints(endpoints), access);
        var server = Http.get(system).newServerAt(settings.httpInterface(), settings.httpPort());
        Optional<HttpsConnectionContext> tls = ApiTls.fromConfig(system.settings().config());
        ServerBinding binding = await((tls.isPresent() ? server.enableHttps(tls.get()) : server).bind(routes.route()),
                Duration.ofSeconds(30), "binding the HTTP API");
        binding.addToCoordinatedShutdown(Duration.ofSeconds(10), system);
        await(PekkoManagement.get(system).start(), Duration.ofSeconds(30), "starting pekko-management");
        system.systemActorOf(StorageWatch.create(session,
                StorageWatchSettings.fromConfig(system.settings().config())), "storage-watch", Props.empty());

        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "not-ready-then-drain", () -> {
            NodeStartedReadiness.started(system.classicSystem(), false);
            // A node that was downed is fenced already: nothing to drain, the sooner it is gone the better.
            boolean downed = shutdown.getShutdownReason()
                    .map(CoordinatedShutdown.clusterDowningReason()::equals).orElse(false);
            Duration drain = downed ? Duration.ZERO : settings.drainDelay();
            log.info("stopping: not ready; serving {} ms more before unbinding the API", drain.toMillis());
            return CompletableFuture.supplyAsync(Done::getInstance,
                    CompletableFuture.delayedExecutor(drain.toMillis(), TimeUnit.MILLISECONDS));
        });
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-embedders", () -> {
            embedders.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        NodeStartedReadiness.started(system.classicSystem(), true);
        log.info("Syncline node serving on {}://{}:{} (management on port {})", tls.isPresent() ? "https" : "http",
                binding.localAddress().getHostString(), binding.localAddress().getPort(),
                system.settings().config().getInt("pekko.management.http.port"));
        return new SynclineNode(system, binding, settings, adminKeyFile);
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public int httpPort() {
        return binding.localAddress().getPort();
    }

    public NodeSettings settings() {
        return settings;
    }

    /** The file holding this keyspace's first admin key, when this node made it or found it; empty otherwise. */
    public Optional<Path> adminKeyFile() {
        return adminKeyFile;
    }

    /** Stops the node gracefully and waits until it is down. */
    public void stop() {
        CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
        await(system.getWhenTerminated(), Duration.ofSeconds(60), "stopping");
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("failed " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted " + what, e);
        }
    }
}
