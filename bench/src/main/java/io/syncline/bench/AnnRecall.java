package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.syncline.store.ChunkStore;
import io.syncline.store.StoredChunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * How many of the true 10 nearest chunks an ANN query of a table finds (recall at 10), over queries near stored
 * chunks: the price of a cheaper vector index is paid here, so that is where it is measured. The truth is a brute
 * force over the rows as generated.
 */
final class AnnRecall {

    static final int K = 10;
    private static final int QUERIES = 100;

    private AnnRecall() {
    }

    /** The mean recall at 10 of {@link #QUERIES} queries; the table holds exactly {@code documents}' rows. */
    static double measure(CqlSession session, String table, List<WrittenDocument> documents) {
        List<String> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (WrittenDocument document : documents) {
            for (StoredChunk chunk : document.chunks()) {
                keys.add(document.ref().path() + "#" + chunk.ordinal());
                vectors.add(chunk.vector());
            }
        }
        PreparedStatement ann = session.prepare("SELECT path, ordinal FROM " + table
                + " ORDER BY embedding ANN OF ? LIMIT " + K);
        Random random = new Random(7);
        double found = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = NearVectors.near(vectors.get(random.nextInt(vectors.size())), random);
            Set<String> truth = nearest(query, keys, vectors);
            for (Row row : session.execute(ann.bind(ChunkStore.toVector(query)))) {
                if (truth.contains(row.getString("path") + "#" + row.getInt("ordinal"))) {
                    found++;
                }
            }
        }
        return found / (QUERIES * K);
    }

    private static Set<String> nearest(float[] query, List<String> keys, List<float[]> vectors) {
        record Scored(int index, double score) {
        }
        List<Scored> scored = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            double dot = 0;
            float[] v = vectors.get(i);
            for (int d = 0; d < v.length; d++) {
                dot += query[d] * v[d];
            }
            scored.add(new Scored(i, dot)); // unit vectors: the dot product is the cosine
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        Set<String> nearest = new HashSet<>();
        for (int i = 0; i < K; i++) {
            nearest.add(keys.get(scored.get(i).index()));
        }
        return nearest;
    }
}
