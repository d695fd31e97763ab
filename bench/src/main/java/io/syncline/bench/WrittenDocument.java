package io.syncline.bench;

import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.data.CqlVector;
import io.syncline.bench.corpus.ProseWriter;
import io.syncline.store.DocumentRef;
import io.syncline.store.StoredChunk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
            centres[c] = unit(gaussian(random, dimension, 1));
        }
        double noise = Math.sqrt(0.5625 / dimension); // |noise|^2 = 0.5625: cosine 0.8 to the centre
        List<WrittenDocument> documents = new ArrayList<>();
        int written = 0;
        for (int d = 0; written < rows; d++) {
            int count = Math.min(1 + random.nextInt(6), rows - written);
            List<StoredChunk> chunks = new ArrayList<>(count);
            for (int ordinal = 0; ordinal < count; ordinal++) {
                String text = prose.document(CHUNK_CHARS).substring(0, CHUNK_CHARS);
                float[] centre = centres[random.nextInt(CENTRES)];
                float[] vector = gaussian(random, dimension, noise);
                for (int i = 0; i < dimension; i++) {
                    vector[i] += centre[i];
                }
                chunks.add(new StoredChunk(ordinal, sha256(text), text, unit(vector)));
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
            List<Float> vector = new ArrayList<>(chunk.vector().length);
            for (float v : chunk.vector()) {
                vector.add(v);
            }
            List<Object> values = new ArrayList<>(List.of(ref.workspace(), ref.generation(), ref.source(),
                    ref.path(), chunk.ordinal(), chunk.textHash()));
            if (withText) {
                values.add(chunk.text());
            }
            values.addAll(List.of("r1", ref.filterIndex(), ref.source(), ref.directories(),
                    CqlVector.newInstance(vector)));
            inserts.add(insert.bind(values.toArray()));
        }
        return inserts;
    }

    private static float[] gaussian(Random random, int dimension, double scale) {
        float[] values = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            values[i] = (float) (scale * random.nextGaussian());
        }
        return values;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
