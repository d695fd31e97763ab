package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.LocalModel;
import io.syncline.sync.TextHash;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The texts a sync has to embed: the distinct chunk texts its index holds afterwards that the embedding cache did not
 * have before it. Syncline embeds each of them exactly once and nothing else, so a benchmark holds a sync's count of
 * embedded chunks to this number: a difference is a bug, not noise.
 */
final class NewTexts {

    private final Set<String> cachedBefore;

    private NewTexts(Set<String> cachedBefore) {
        this.cachedBefore = cachedBefore;
    }

    /** What the cache holds for the model now: taken before the sync, outside its timed span. */
    static NewTexts before(CqlSession session, String keyspace, LocalModel model) {
        String modelKey = new EmbeddingSpec(EmbeddingSpec.LOCAL, model.id()).modelKey();
        SimpleStatement query = SimpleStatement.newInstance("SELECT model_key, text_hash FROM " + keyspace
                + ".embedding_cache").setPageSize(5000).setTimeout(Duration.ofSeconds(30));
        Set<String> hashes = new HashSet<>();
        for (Row row : session.execute(query)) {
            if (modelKey.equals(row.getString("model_key"))) {
                hashes.add(row.getString("text_hash"));
            }
        }
        return new NewTexts(hashes);
    }

    /** How many of the index's distinct texts after the sync the cache did not have before it. */
    int count(Collection<String> distinctTexts) {
        return (int) distinctTexts.stream().map(TextHash::of).filter(hash -> !cachedBefore.contains(hash)).count();
    }

    /** Fails unless the sync embedded exactly the new texts among those its index now holds. */
    int check(String sync, Collection<String> distinctTexts, int embedded) {
        int expected = count(distinctTexts);
        if (embedded != expected) {
            throw new IllegalStateException(sync + " embedded " + embedded + " chunk texts, but the index gained "
                    + expected + " texts the cache did not have: each new text must be embedded exactly once");
        }
        return expected;
    }
}
