package io.syncline.sync;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.Embedders;
import io.syncline.source.Change;
import io.syncline.store.DocumentRef;
import io.syncline.store.EmbeddingCache;
import io.syncline.testing.TestKeyspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Groups of documents embedded at the same time on one node, against the in-process model (held by the test, so that
 * it decides which calls are in flight together) and the embedding cache on the test Cassandra: the model sees each
 * new text once, a group that looked a text up too early finds it anyway, and failures reach every group waiting.
 */
class SingleFlightEmbedderIT {

    private static TestKeyspace keyspace;
    private static EmbeddingCache cache;
    private static Embedders embedders;

    private HeldEmbedder model;
    private InFlightEmbeddings inFlight;
    private GroupEmbedder groups;

    @BeforeAll
    static void setUp() {
        keyspace = TestKeyspace.create(SingleFlightEmbedderIT.class);
        cache = new EmbeddingCache(keyspace.session(), keyspace.name());
        embedders = new Embedders(2);
    }

    @AfterAll
    static void tearDown() {
        embedders.close();
        keyspace.close();
    }

    @BeforeEach
    void newNode() {
        model = new HeldEmbedder(embedders.forSpec(EmbeddingSpec.defaultSpec()));
        inFlight = new InFlightEmbeddings();
        groups = new GroupEmbedder(new SingleFlightEmbedder(model, cache, inFlight));
    }

    @Test
    void twoGroupsInFlightAtOnceSendEachTextTheyShareToTheModelOnce() throws Exception {
        List<String> texts = texts("overlap", 6);
        List<DocumentWork> first = List.of(doc("a.md", texts.get(0), texts.get(1)),
                doc("b.md", texts.get(2), texts.get(1)));
        List<DocumentWork> second = List.of(doc("c.md", texts.get(2), texts.get(3)),
                doc("d.md", texts.get(0), texts.get(4), texts.get(5)));

        CompletableFuture<List<DocumentWork>> one = groups.embed(first).toCompletableFuture();
        model.callSeen(0).get(60, TimeUnit.SECONDS); // the first group's call is with the model, held there
        // the second group's lookups ran before the first group's vectors were written: they found none
        CompletableFuture<List<DocumentWork>> two = groups.embed(second).toCompletableFuture();
        model.release();
        List<DocumentWork> done = new ArrayList<>(one.get(60, TimeUnit.SECONDS));
        done.addAll(two.get(60, TimeUnit.SECONDS));

        assertThat(model.texts()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(texts);
        assertThat(done.stream().mapToInt(work -> work.embedded().size()).sum()).isEqualTo(texts.size());
        Map<String, float[]> byHash = new HashMap<>();
        for (DocumentWork work : done) {
            assertThat(work.action()).isEqualTo(DocumentWork.Action.WRITE);
            for (DocumentWork.PendingChunk chunk : work.chunks()) {
                float[] vector = work.vectors().get(chunk.textHash());
                assertThat(vector).as(work.path() + " " + chunk.text()).isNotNull();
                assertThat(byHash.computeIfAbsent(chunk.textHash(), h -> vector)).isEqualTo(vector);
            }
        }
        assertThat(cache.getAll(model.modelKey(), byHash.keySet()).toCompletableFuture().join())
                .containsOnlyKeys(byHash.keySet());
        assertThat(inFlight.size()).as("texts still in flight").isZero();
    }

    @Test
    void aGroupThatLookedUpBeforeAnotherGroupWroteTheVectorFindsItInTheCacheOnceThatFlightLanded()
            throws Exception {
        List<String> texts = texts("late", 2);
        model.release();
        groups.embed(List.of(doc("first.md", texts.toArray(String[]::new)))).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertThat(inFlight.size()).isZero();

        // its lookup found nothing: it ran while the first group was still embedding
        List<DocumentWork> late = groups.embed(List.of(doc("late.md", texts.toArray(String[]::new))))
                .toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(model.texts()).containsExactlyInAnyOrderElementsOf(texts);
        assertThat(late.get(0).embedded()).isEmpty();
        assertThat(late.get(0).vectors()).hasSize(2);
    }

    @Test
    void aFailedCallFailsEveryGroupWaitingForItsTextsAndALaterTryEmbedsThemAgain() throws Exception {
        List<String> texts = texts("failed", 2);
        CompletableFuture<List<DocumentWork>> owner = groups.embed(List.of(doc("a.md", texts.get(0),
                texts.get(1)))).toCompletableFuture();
        model.callSeen(0).get(60, TimeUnit.SECONDS);
        CompletableFuture<List<DocumentWork>> waiter = groups.embed(List.of(doc("b.md", texts.get(1))))
                .toCompletableFuture();

        model.fail(new IllegalStateException("the provider is down"));

        for (CompletableFuture<List<DocumentWork>> group : List.of(owner, waiter)) {
            assertThatThrownBy(() -> group.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("the provider is down");
        }
        assertThat(model.texts()).as("the waiting group made no call of its own").hasSize(2);
        assertThat(inFlight.size()).isZero();

        model.hold();
        model.release();
        List<DocumentWork> again = groups.embed(List.of(doc("b.md", texts.get(1)))).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertThat(again.get(0).embedded()).containsOnlyKeys(TextHash.of(texts.get(1)));
        assertThat(model.texts()).containsExactly(texts.get(0), texts.get(1), texts.get(1));
    }

    @Test
    void aRefusedTextDeadLettersEveryDocumentWaitingForItIsNotCachedAndCostsNoOtherDocumentItsCount()
            throws Exception {
        String refused = "A text the provider will not embed, whoever asks " + HeldEmbedder.REFUSED;
        String shared = texts("refused", 1).get(0);
        CompletableFuture<List<DocumentWork>> owner = groups.embed(List.of(doc("a.md", refused, shared),
                doc("b.md", shared))).toCompletableFuture();
        model.callSeen(0).get(60, TimeUnit.SECONDS);
        CompletableFuture<List<DocumentWork>> waiter = groups.embed(List.of(doc("c.md", refused)))
                .toCompletableFuture();
        model.release();
        List<DocumentWork> first = owner.get(60, TimeUnit.SECONDS);
        List<DocumentWork> second = waiter.get(60, TimeUnit.SECONDS);

        assertThat(List.of(first.get(0), second.get(0))).allSatisfy(work -> {
            assertThat(work.action()).isEqualTo(DocumentWork.Action.DEAD_LETTER);
            assertThat(work.failure().reason()).contains("refuses this input");
        });
        assertThat(first.get(1).action()).isEqualTo(DocumentWork.Action.WRITE);
        assertThat(first.get(1).embedded()).as("the text a dead letter needed first counts for the document written")
                .containsOnlyKeys(TextHash.of(shared));
        assertThat(model.texts()).containsExactlyInAnyOrder(refused, shared);
        assertThat(cache.getAll(model.modelKey(), List.of(TextHash.of(refused), TextHash.of(shared)))
                .toCompletableFuture().join()).containsOnlyKeys(TextHash.of(shared));
        assertThat(inFlight.size()).isZero();
    }

    /** Distinct texts of a few words, their own to each test (the cache is the class's). */
    private static List<String> texts(String test, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("Paragraph " + i + " of the " + test + " test, about checkpoints, shards and retries.");
        }
        return texts;
    }

    /** A document about to be embedded whose lookups found none of its texts in the cache. */
    private static DocumentWork doc(String path, String... texts) {
        List<DocumentWork.PendingChunk> chunks = new ArrayList<>();
        for (String text : texts) {
            chunks.add(new DocumentWork.PendingChunk(chunks.size(), text, TextHash.of(text),
                    text.split(" ").length));
        }
        return DocumentWork.start(Change.upsert(path), new DocumentRef("ws", "generation", "source", path))
                .toWrite("added", chunks);
    }
}
