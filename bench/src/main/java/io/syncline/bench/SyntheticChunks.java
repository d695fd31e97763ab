package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import io.syncline.cassandra.Bounded;
import io.syncline.store.ChunkStore;
import io.syncline.store.DocumentRef;
import io.syncline.store.StoredChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Grows a synced index to a given number of chunks without embedding them all: each new chunk copies a real chunk's
 * text and takes its vector moved by Gaussian noise (cosine about 0.8 to the original, renormalized), so the vectors
 * cluster the way a real corpus's do. New chunks go into documents {@code synthetic/NNNNNN.md} of the same source
 * and generation, through the node's own {@link ChunkStore} writes.
 */
final class SyntheticChunks {

    private static final int CHUNKS_PER_DOCUMENT = 16;
    private static final int DOCUMENTS_IN_FLIGHT = 8;

    private record Base(String textHash, String text, float[] vector) {
    }

    private SyntheticChunks() {
    }

    /** Adds chunks to the source's documents in the generation until it holds {@code target}; returns the count. */
    static int grow(CqlSession session, String keyspace, int dimension, String workspace, String generation,
                    String source, int target) {
        List<Base> bases = read(session, keyspace, dimension, DocumentRef.filterIndex(workspace, generation));
        int missing = target - bases.size();
        if (missing <= 0) {
            return bases.size();
        }
        ChunkStore store = new ChunkStore(session, keyspace, dimension);
        int documents = (missing + CHUNKS_PER_DOCUMENT - 1) / CHUNKS_PER_DOCUMENT;
        long started = System.nanoTime();
        Progress progress = new Progress(missing, started);
        Bounded.map(IntStream.range(0, documents).boxed().toList(), DOCUMENTS_IN_FLIGHT, d -> {
            int count = Math.min(CHUNKS_PER_DOCUMENT, missing - d * CHUNKS_PER_DOCUMENT);
            List<StoredChunk> chunks = chunksOf(d, count, bases);
            DocumentRef ref = new DocumentRef(workspace, generation, source, String.format("synthetic/%06d.md", d));
            return store.write(ref, "synthetic", chunks).thenApply(done -> {
                progress.add(count);
                return done;
            });
        }).toCompletableFuture().join();
        System.out.printf(Locale.ROOT, "  %d synthetic chunks written in %.0f s%n", missing,
                (System.nanoTime() - started) / 1e9);
        return target;
    }

    private static List<StoredChunk> chunksOf(int document, int count, List<Base> bases) {
        Random random = new Random(document);
        List<StoredChunk> chunks = new ArrayList<>(count);
        for (int ordinal = 0; ordinal < count; ordinal++) {
            Base base = bases.get(random.nextInt(bases.size()));
            chunks.add(new StoredChunk(ordinal, base.textHash(), base.text(), NearVectors.near(base.vector(), random)));
        }
        return chunks;
    }

    private static List<Base> read(CqlSession session, String keyspace, int dimension, String filterIndex) {
        List<Base> bases = new ArrayList<>();
        SimpleStatement query = SimpleStatement.newInstance("SELECT text_hash, text, embedding FROM " + keyspace
                + ".chunks_d" + dimension + " WHERE filter_index = ?", filterIndex).setPageSize(1000);
        for (Row row : session.execute(query)) {
            CqlVector<Float> vector = row.getVector("embedding", Float.class);
            float[] values = new float[vector.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = vector.get(i);
            }
            bases.add(new Base(row.getString("text_hash"), row.getString("text"), values));
        }
        return bases;
    }

    /** A line every 10 s while chunks are written: 100,000 of them take minutes. */
    private static final class Progress {
        private final int total;
        private final long started;
        private long written;
        private long nextReport;

        Progress(int total, long started) {
            this.total = total;
            this.started = started;
            this.nextReport = started + 10_000_000_000L;
        }

        synchronized void add(int count) {
            written += count;
            long now = System.nanoTime();
            if (now >= nextReport) {
                nextReport += 10_000_000_000L;
                double seconds = (now - started) / 1e9;
                System.out.printf(Locale.ROOT, "  %6.0f s  %d/%d synthetic chunks, %.0f/s%n", seconds, written, total,
                        written / seconds);
            }
        }
    }
}
