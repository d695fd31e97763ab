package io.syncline.bench;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.syncline.bench.corpus.ProseWriter;
import io.syncline.store.ChunkStore;
import io.syncline.store.DocumentRef;
import io.syncline.store.StoredChunk;
import io.syncline.sync.TextHash;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated document's chunk rows for {@link WriteBenchmark}: 1 to 6 chunks (3.5 on average; a real corpus of
 * this project's benchmarks has 3.3), each about 500 characters of prose, with a unit vector near one of 64 centres
 * (cosine about 0.8), so that the vector index sees clusters as it would from a real corpus.
 */
record WrittenDocument(DocumentRef ref, List<StoredChunk> chunks) {

    private static final int CENTRES = 64;
    private static final int CHUNK_CHARS = 500;

    static List<WrittenDocument> generate(int rows, int dimension) {
        Random random = new Random(42);
        ProseWriter prose = new ProseWriter(random);
        float[][] centres = new float[CENTRES][];
        for (int c = 0; c < CENTRES; c++) {
            centres[c] = NearVectors.random(dimension, random);
        }
        List<WrittenDocument> documents = new ArrayList<>();
        int written = 0;
        for (int d = 0; written < rows; d++) {
            int count = Math.min(1 + random.nextInt(6), rows - written);
            List<StoredChunk> chunks = new ArrayList<>(count);
            for (int ordinal = 0; ordinal < count; ordinal++) {
                String text = prose.document(CHUNK_CHARS).substring(0, CHUNK_CHARS);
                float[] vector = NearVectors.near(centres[random.nextInt(CENTRES)], random);
                chunks.add(new StoredChunk(ordinal, TextHash.of(text), text, vector));
            }
            String path = "dir" + (d % 20) + "/sub" + (d % 7) + "/doc" + d + ".md";
            documents.add(new WrittenDocument(new DocumentRef("write", "g1", "corpus", path), chunks));
            written += count;
        }
        return documents;
    }

    /** The document's rows as bound inserts of {@code insert}, with or without their text. */
    List<BatchableStatement<?>> inserts(PreparedStatement insert, boolean withText) {
        List<BatchableStatement<?>> inserts = new ArrayList<>(chunks.size());
        for (StoredChunk chunk : chunks) {
            List<Object> values = new ArrayList<>(List.of(ref.workspace(), ref.generation(), ref.source(),
                    ref.path(), chunk.ordinal(), chunk.textHash()));
            if (withText) {
                values.add(chunk.text());
            }
            values.addAll(List.of("r1", ref.filterIndex(), ref.source(), ref.directories(),
                    ChunkStore.toVector(chunk.vector())));
            inserts.add(insert.bind(values.toArray()));
        }
        return inserts;
    }
}
