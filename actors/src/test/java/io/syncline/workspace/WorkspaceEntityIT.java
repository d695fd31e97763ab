package io.syncline.workspace;

import com.typesafe.config.ConfigFactory;
import io.syncline.embedding.Embedders;
import io.syncline.embedding.NamedEndpoint;
import io.syncline.membership.WriteFence;
import io.syncline.mirrors.SourceMirrors;
import io.syncline.providers.MigratedEndpointListing;
import io.syncline.source.SourceSpec;
import io.syncline.store.EndpointStore;
import io.syncline.sync.IndexConfig;
import io.syncline.sync.IndexServices;
import io.syncline.testing.IndexFixture;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import io.syncline.workspace.journal.MigratedEndpoints;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workspace entity with the persistence test kit (which also checks that every command, event and state
 * serializes) and the real pipeline on the test Cassandra behind it.
 */
class WorkspaceEntityIT {

    private static TestKeyspace keyspace;
    private static ActorTestKit testKit;
    private static Embedders embedders;
    private static IndexWork work;

    @TempDir
    static Path tmp;

    private EventSourcedBehaviorTestKit<WorkspaceCommand, WorkspaceEvent, WorkspaceState> entity;
    private TestProbe<ClusterSharding.ShardCommand> shard;
    private final List<String> purged = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() {
        keyspace = TestKeyspace.create(WorkspaceEntityIT.class);
        testKit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
                .withFallback(ConfigFactory.parseString("syncline.workspace.idle-timeout = 1h"))
                .withFallback(ConfigFactory.load()));
        embedders = new Embedders(2);
        IndexServices services = new IndexServices(testKit.system(), keyspace.session(), keyspace.name(), embedders,
                tmp.resolve("sources"), IndexFixture.tmpdirPolicy(tmp.resolve("home")));
        work = new PipelineIndexWork(services, SourceMirrors.start(testKit.system(), services.sourceCaches(),
                services.blocking()), new MigratedEndpointListing(new EndpointStore(keyspace.session(),
                keyspace.name())));
    }

    @AfterAll
    static void tearDown() {
        testKit.shutdownTestKit();
        embedders.close();
        keyspace.close();
    }

    @BeforeEach
    void freshEntity() {
        shard = testKit.createTestProbe();
        entity = EventSourcedBehaviorTestKit.create(testKit.system(), WorkspaceEntity.create("ws", shard.ref(), work,
                WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                new EntityHost("127.0.0.1:0", WriteFence.NONE, Journals.UNTOUCHED)));
    }

    @Test
    void aWorkspaceIsCreatedOnceAndRejectionsPersistNothing() {
        var created = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        assertThat(created.reply().isSuccess()).isTrue();
        assertThat(created.event()).isInstanceOf(WorkspaceEvent.WorkspaceCreated.class);

        var again = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        var unknownSource = entity.<StatusReply<JobView>>runCommand(
                replyTo -> new WorkspaceCommand.RequestSync("nope", JobMode.FULL, null, replyTo));
        var unknownJob = entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.GetJob("job-9",
                replyTo));
        var removeUnknown = entity.<StatusReply<Done>>runCommand(
                replyTo -> new WorkspaceCommand.RemoveSource("nope", replyTo));

        assertThat(again.hasNoEvents()).isTrue();
        assertThat(again.reply().getError().getMessage()).isEqualTo("conflict: workspace 'ws' already exists");
        assertThat(unknownSource.hasNoEvents()).isTrue();
        assertThat(unknownSource.reply().getError().getMessage()).startsWith("not_found: source 'nope'");
        assertThat(unknownJob.reply().getError().getMessage()).startsWith("not_found: job 'job-9'");
        assertThat(removeUnknown.hasNoEvents()).isTrue();
    }

    @Test
    void aRequestedSyncStartsAtOnceRunsToTheEndAndSurvivesARestartOfTheEntity() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(tree.resolve("page-" + i + ".md"), TestCorpus.markdown(7000 + i, 2));
        }
        entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        var added = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.AddSource(
                        SourceDefinition.of(SourceSpec.filesystem("tree", tree.toString())), replyTo));
        assertThat(added.event()).isInstanceOf(WorkspaceEvent.SourceAdded.class);

        var requested = entity.<StatusReply<JobView>>runCommand(
                replyTo -> new WorkspaceCommand.RequestSync("tree", JobMode.INCREMENTAL, null, replyTo));

        // The runner may already have reported more by the time the test kit collects the events.
        assertThat(requested.events().subList(0, 2)).hasExactlyElementsOfTypes(WorkspaceEvent.SyncQueued.class,
                WorkspaceEvent.SyncStarted.class);
        String job = requested.reply().getValue().job();
        JobView done = testKit.createTestProbe().awaitAssert(Duration.ofMinutes(2), () -> {
            JobView view = entity.<StatusReply<JobView>>runCommand(
                    replyTo -> new WorkspaceCommand.GetJob(job, replyTo)).reply().getValue();
            assertThat(view.state()).isEqualTo("completed");
            return view;
        });
        assertThat(done.effectiveMode()).isEqualTo(JobMode.FULL);
        assertThat(done.documents().added()).isEqualTo(3);
        assertThat(done.toRevision()).startsWith("fs-");

        WorkspaceState beforeRestart = entity.getState();
        var restarted = entity.restart();
        assertThat(restarted.state()).isEqualTo(beforeRestart);
        assertThat(restarted.state().sources().get("tree").syncedRevision(IndexConfig.defaults().generation()))
                .isEqualTo(done.toRevision());
    }

    @Test
    void aDeletedWorkspaceCancelsItsJobRefusesChangesLosesItsRowsThenItsJournalAndCanBeCreatedAgain()
            throws Exception {
        // An id of its own: the test kit's journal is shared by the tests, and this entity stays up at the end.
        var entity = EventSourcedBehaviorTestKit.<WorkspaceCommand, WorkspaceEvent, WorkspaceState>create(
                testKit.system(), WorkspaceEntity.create("doomed", shard.ref(), work,
                        WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                        new EntityHost("127.0.0.1:0", WriteFence.NONE, recordingPurge())));
        Path tree = Files.createDirectories(tmp.resolve("doomed"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(tree.resolve("page-" + i + ".md"), TestCorpus.markdown(8000 + i, 3));
        }
        Path synced = Files.createDirectories(tmp.resolve("synced"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(synced.resolve("page-" + i + ".md"), TestCorpus.markdown(8100 + i, 2));
        }
        entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.filesystem("synced", synced.toString())), replyTo));
        String first = entity.<StatusReply<JobView>>runCommand(
                        replyTo -> new WorkspaceCommand.RequestSync("synced", JobMode.FULL, null, replyTo))
                .reply().getValue().job();
        testKit.createTestProbe().awaitAssert(Duration.ofMinutes(2), () -> {
            assertThat(entity.<StatusReply<JobView>>runCommand(replyTo -> new WorkspaceCommand.GetJob(first,
                    replyTo)).reply().getValue().state()).isEqualTo("completed");
            return null;
        });
        assertThat(documentRows("synced")).as("documents written before the deletion").isEqualTo(3);
        entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.filesystem("doomed", tree.toString())), replyTo));
        String job = entity.<StatusReply<JobView>>runCommand(
                        replyTo -> new WorkspaceCommand.RequestSync("doomed", JobMode.FULL, null, replyTo))
                .reply().getValue().job();

        var deleted = entity.<StatusReply<WorkspaceView>>runCommand(WorkspaceCommand.Delete::new);

        assertThat(deleted.reply().isSuccess()).isTrue();
        assertThat(deleted.reply().getValue().deletingSince()).isNotNull();
        // the test kit also collects what the running job reported meanwhile
        assertThat(deleted.events()).hasAtLeastOneElementOfType(WorkspaceEvent.WorkspaceDeletionStarted.class);
        JobView cancelled = entity.<StatusReply<JobView>>runCommand(
                replyTo -> new WorkspaceCommand.GetJob(job, replyTo)).reply().getValue();
        assertThat(cancelled.state()).isEqualTo("failed");
        assertThat(cancelled.error()).isEqualTo("cancelled: workspace 'doomed' is being deleted");

        var addSource = entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.AddSource(
                SourceDefinition.of(SourceSpec.filesystem("other", tree.toString())), replyTo));
        var sync = entity.<StatusReply<JobView>>runCommand(
                replyTo -> new WorkspaceCommand.RequestSync("doomed", JobMode.FULL, null, replyTo));
        var create = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        for (var refused : List.of(addSource, sync, create)) {
            // the cleanup persists SourceRemoved meanwhile, which the test kit collects with the command
            assertThat(refused.events()).as("what the refused command wrote").noneMatch(e ->
                    e instanceof WorkspaceEvent.SourceAdded || e instanceof WorkspaceEvent.SyncQueued
                            || e instanceof WorkspaceEvent.WorkspaceCreated);
            assertThat(refused.reply().getError().getMessage())
                    .startsWith("conflict: workspace 'doomed' is being deleted (since ");
        }

        testKit.createTestProbe().awaitAssert(Duration.ofMinutes(1), () -> {
            assertThat(purged).containsExactly("Workspace|doomed");
            return null;
        });
        WorkspaceState last = entity.getState();
        assertThat(last.removingSources()).isEmpty();
        assertThat(last.sources()).isEmpty();
        // The cancelled job's runner stopped only after its writes had ended, so none landed after the cleanup.
        assertThat(documentRows("synced")).isZero();
        assertThat(documentRows("doomed")).isZero();

        // What the purge did to the real journal: nothing of the workspace is left, so it can be made again.
        entity.clear();
        var again = entity.<StatusReply<WorkspaceView>>runCommand(
                replyTo -> new WorkspaceCommand.Create(IndexSettings.of(IndexConfig.defaults()), replyTo));
        assertThat(again.reply().isSuccess()).isTrue();
        assertThat(again.reply().getValue().sources()).isEmpty();
        assertThat(again.reply().getValue().deletingSince()).isNull();
    }

    @Test
    void aWorkspaceOf01ListsTheEndpointItGaveItselfAmongTheEndpointsWhenItStarts() {
        EndpointStore endpoints = new EndpointStore(keyspace.session(), keyspace.name());
        String url = "http://127.0.0.1:9/v1";
        String name = MigratedEndpoints.name("openai", url, "OPENAI_API_KEY", null);
        String defined = MigratedEndpoints.name("openai", url, "ADMINS_KEY", null);
        endpoints.put(new EndpointStore.Stored(defined, new NamedEndpoint("openai", url, "ADMINS_KEY", null,
                Map.of("text-embedding-3-large", List.of(3072))).toJson(), Instant.now(), "key-of-an-admin"))
                .toCompletableFuture().join();

        // As 0.2.0 reads what 0.1 wrote: a URL and a key's place of the workspace's own, under the migrated name.
        startedAgain("migrated-small", remote(url, "OPENAI_API_KEY", "text-embedding-3-small", 512, name));
        startedAgain("migrated-large", remote(url, "OPENAI_API_KEY", "text-embedding-3-large", 1024, name));
        startedAgain("migrated-defined", remote(url, "ADMINS_KEY", "text-embedding-3-small", 512, defined));

        NamedEndpoint listed = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
            NamedEndpoint endpoint = endpoints.get(name).toCompletableFuture().join().map(NamedEndpoint::of)
                    .orElseThrow(() -> new AssertionError(name + " is not listed"));
            assertThat(endpoint.models()).as("the models of both workspaces").containsOnlyKeys(
                    "text-embedding-3-small", "text-embedding-3-large");
            return endpoint;
        });
        assertThat(listed).isEqualTo(new NamedEndpoint("openai", url, "OPENAI_API_KEY", null, Map.of(
                "text-embedding-3-small", List.of(512), "text-embedding-3-large", List.of(1024))));
        assertThat(endpoints.get(name).toCompletableFuture().join().orElseThrow().updatedBy())
                .isEqualTo(MigratedEndpointListing.LISTED_BY);
        // Listing it again, as every start of the entity does, changes nothing; an admin's row is left alone.
        String before = endpoints.get(name).toCompletableFuture().join().orElseThrow().definition();
        work.listMigratedEndpoint(name, remote(url, "OPENAI_API_KEY", "text-embedding-3-small", 512, name)
                .toConfig().embedding()).toCompletableFuture().join();
        assertThat(endpoints.get(name).toCompletableFuture().join().orElseThrow().definition()).isEqualTo(before);
        work.listMigratedEndpoint(defined, remote(url, "ADMINS_KEY", "text-embedding-3-small", 512, defined)
                .toConfig().embedding()).toCompletableFuture().join();
        EndpointStore.Stored admins = endpoints.get(defined).toCompletableFuture().join().orElseThrow();
        assertThat(admins.updatedBy()).isEqualTo("key-of-an-admin");
        assertThat(NamedEndpoint.of(admins).models()).containsOnlyKeys("text-embedding-3-large");
    }

    /** Creates the workspace, then restarts its entity, as a node of 0.2.0 starts one that 0.1 wrote. */
    private void startedAgain(String id, IndexSettings settings) {
        var entity = EventSourcedBehaviorTestKit.<WorkspaceCommand, WorkspaceEvent, WorkspaceState>create(
                testKit.system(), WorkspaceEntity.create(id, shard.ref(), work,
                        WorkspaceSettings.fromConfig(testKit.system().settings().config()),
                        new EntityHost("127.0.0.1:0", WriteFence.NONE, Journals.UNTOUCHED)));
        assertThat(entity.<StatusReply<WorkspaceView>>runCommand(replyTo -> new WorkspaceCommand.Create(settings,
                replyTo)).reply().isSuccess()).isTrue();
        assertThat(entity.restart().state().config()).isEqualTo(settings);
    }

    private static IndexSettings remote(String url, String keyEnv, String model, int dimensions, String endpoint) {
        return new IndexSettings(new IndexSettings.Embedding("openai", model, url, dimensions, keyEnv, null, "5s",
                8, 0, 0, 1, endpoint), new IndexSettings.Chunking(400, 40));
    }

    private JournalPurge recordingPurge() {
        return persistenceId -> {
            purged.add(persistenceId);
            return CompletableFuture.completedFuture(Done.getInstance());
        };
    }

    private static long documentRows(String source) {
        return keyspace.session().execute("SELECT COUNT(*) FROM " + keyspace.name()
                + ".documents WHERE workspace = 'doomed' AND source = ? ALLOW FILTERING", source).one().getLong(0);
    }
}
