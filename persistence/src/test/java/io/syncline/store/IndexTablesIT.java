package io.syncline.store;

import io.syncline.testing.TestKeyspace;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IndexTablesIT {

    private static TestKeyspace keyspace;
    private static ActorSystem<Void> system;
    private static DocumentStore documents;
    private static ChunkStore chunks;
    private static EmbeddingCache cache;

    @BeforeAll
    static void setUp() {
        keyspace = TestKeyspace.create(IndexTablesIT.class);
        system = ActorSystem.create(Behaviors.empty(), "IndexTablesIT");
        documents = new DocumentStore(keyspace.session(), keyspace.name());
        chunks = new ChunkStore(keyspace.session(), keyspace.name(), 384);
        cache = new EmbeddingCache(keyspace.session(), keyspace.name());
    }

    @AfterAll
    static void tearDown() {
        system.terminate();
        keyspace.close();
    }

    @Test
    void listingASourceReturnsEveryDocumentSortedByPathAcrossBuckets() {
        List<String> paths = IntStream.range(0, 200).mapToObj(i -> "dir" + (i % 7) + "/file" + i + ".md").toList();
        paths.forEach(p -> await(documents.put("ws", "g1", doc("src", p))));
        await(documents.put("ws", "g1", doc("other", "a.md")));
        await(documents.put("ws", "g2", doc("src", "b.md")));

        List<String> listed = await(documents.list("ws", "g1", "src").runWith(Sink.seq(), system))
                .stream().map(DocumentRecord::path).toList();

        assertThat(listed).isEqualTo(paths.stream().sorted().toList());
    }

    @Test
    void aDocumentRewrittenShorterKeepsNoChunkOfItsLongerVersion() {
        DocumentRef ref = new DocumentRef("ws", "g1", "src", "docs/long.md");
        await(chunks.write(ref, "r1", chunks(40, 1)));
        await(chunks.write(ref, "r2", chunks(3, 2)));

        List<StoredChunk> stored = await(chunks.read(ref));

        assertThat(stored).extracting(StoredChunk::ordinal).containsExactly(0, 1, 2);
        assertThat(stored).extracting(StoredChunk::textHash).containsExactly("h2-0", "h2-1", "h2-2");
    }

    @Test
    void deletingADocumentRemovesAllItsChunks() {
        DocumentRef ref = new DocumentRef("ws", "g1", "src", "gone.md");
        await(chunks.write(ref, "r1", chunks(20, 3)));

        await(chunks.deleteDocument(ref));

        assertThat(await(chunks.read(ref))).isEmpty();
    }

    @Test
    void searchFindsTheNearestChunkOnlyInTheAskedGenerationSourceAndDirectory() {
        float[] target = randomVector(new Random(42));
        DocumentRef inDocs = new DocumentRef("search", "g1", "repo", "docs/guide/intro.md");
        DocumentRef inSrc = new DocumentRef("search", "g1", "repo", "src/Main.java");
        DocumentRef otherSource = new DocumentRef("search", "g1", "wiki", "docs/guide/intro.md");
        DocumentRef otherGeneration = new DocumentRef("search", "g2", "repo", "docs/guide/intro.md");
        DocumentRef otherWorkspace = new DocumentRef("elsewhere", "g1", "repo", "docs/guide/intro.md");
        for (DocumentRef ref : List.of(inDocs, inSrc, otherSource, otherGeneration, otherWorkspace)) {
            await(chunks.write(ref, "r1", List.of(new StoredChunk(0, "t-" + ref.path(), ref.toString(), target))));
        }

        assertThat(await(chunks.search("search", "g1", target, 10, null, null)))
                .extracting(SearchHit::source, SearchHit::path)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("repo", "docs/guide/intro.md"),
                        org.assertj.core.groups.Tuple.tuple("repo", "src/Main.java"),
                        org.assertj.core.groups.Tuple.tuple("wiki", "docs/guide/intro.md"));
        assertThat(await(chunks.search("search", "g1", target, 10, "repo", "docs/")))
                .extracting(SearchHit::path).containsExactly("docs/guide/intro.md");
        assertThat(await(chunks.search("search", "g1", target, 10, null, "docs/guide/")))
                .extracting(SearchHit::source).containsExactlyInAnyOrder("repo", "wiki");
        assertThat(await(chunks.search("search", "g1", target, 1, "repo", "src/")).get(0).score())
                .isCloseTo(1.0f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void cachedVectorsComeBackBitForBitAndMissesAreAbsent() {
        float[] vector = randomVector(new Random(7));
        await(cache.putAll("model-a", Map.of("hash-1", vector)));

        Map<String, float[]> found = await(cache.getAll("model-a", List.of("hash-1", "hash-2")));
        Map<String, float[]> otherModel = await(cache.getAll("model-b", List.of("hash-1")));

        assertThat(found).containsOnlyKeys("hash-1");
        assertThat(found.get("hash-1")).containsExactly(vector);
        assertThat(otherModel).isEmpty();
    }

    private static DocumentRecord doc(String source, String path) {
        return new DocumentRecord(source, path, "c-" + path, "rev", List.of("h1", "h2"), true, "job-1", "added",
                Instant.now());
    }

    private static List<StoredChunk> chunks(int count, int version) {
        Random random = new Random(version);
        List<StoredChunk> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new StoredChunk(i, "h" + version + "-" + i, "text " + version + " " + i, randomVector(random)));
        }
        return list;
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
