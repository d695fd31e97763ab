package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.syncline.store.DocumentRef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a workspace's index holds, read back from its chunk table: the documents and the distinct chunk texts (the
 * texts Syncline had to embed, since it embeds each distinct text once).
 */
record IndexedChunks(Set<String> paths, List<String> distinctTexts, int rows) {

    static IndexedChunks read(CqlSession session, String keyspace, int dimension, String workspace,
                              String generation) {
        Set<String> paths = new TreeSet<>();
        Set<String> texts = new LinkedHashSet<>();
        int rows = 0;
        SimpleStatement query = SimpleStatement.newInstance("SELECT path, text FROM " + keyspace + ".chunks_d"
                        + dimension + " WHERE filter_index = ?", DocumentRef.filterIndex(workspace, generation))
                .setPageSize(1000);
        for (Row row : session.execute(query)) {
            paths.add(row.getString("path"));
            texts.add(row.getString("text"));
            rows++;
        }
        return new IndexedChunks(paths, new ArrayList<>(texts), rows);
    }
}
