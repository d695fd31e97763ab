package io.syncline.chaos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a workspace's rows in Cassandra against its manifest: every chunk row and document row belongs to a
 * document the manifest lists, in the active generation, with the chunk hash the manifest gives for its ordinal; and
 * every chunk the manifest lists has its row. A crash must leave neither orphans (rows nothing accounts for, which
 * searches would find) nor holes (listed chunks without vectors).
 */
final class IndexAudit {

    /** A row of a {@code chunks_dN} table, without its text and vector. */
    record ChunkRow(String generation, String source, String path, int ordinal, String textHash) {
    }

    /** A row of {@code documents}. */
    record DocumentRow(String generation, String source, String path, boolean complete) {
    }

    private IndexAudit() {
    }

    /** Every problem, one sentence each (the first 20, then how many more); empty when consistent. */
    static List<String> problems(Manifest manifest, String activeGeneration, List<ChunkRow> chunks,
                                 List<DocumentRow> documents) {
        Map<String, Manifest.Line> listed = manifest.byKey();
        Problems problems = new Problems();
        Set<String> present = new HashSet<>();
        for (ChunkRow row : chunks) {
            String key = row.source() + ":" + row.path();
            Manifest.Line line = listed.get(key);
            if (!row.generation().equals(activeGeneration)) {
                problems.add("chunk " + key + "#" + row.ordinal() + " of generation " + row.generation()
                        + ", not the active " + activeGeneration);
            } else if (line == null) {
                problems.add("chunk " + key + "#" + row.ordinal() + " of a document the manifest does not list");
            } else if (row.ordinal() >= line.chunks().size()) {
                problems.add("chunk " + key + "#" + row.ordinal() + " beyond the " + line.chunks().size()
                        + " chunks the manifest lists");
            } else if (!line.chunks().get(row.ordinal()).equals(row.textHash())) {
                problems.add("chunk " + key + "#" + row.ordinal() + " has hash " + row.textHash()
                        + ", the manifest says " + line.chunks().get(row.ordinal()));
            } else {
                present.add(key + "#" + row.ordinal());
            }
        }
        for (Manifest.Line line : listed.values()) {
            for (int ordinal = 0; ordinal < line.chunks().size(); ordinal++) {
                if (!present.contains(line.key() + "#" + ordinal)) {
                    problems.add("chunk " + line.key() + "#" + ordinal + " is in the manifest but has no row");
                }
            }
        }
        for (DocumentRow row : documents) {
            String key = row.source() + ":" + row.path();
            if (!row.generation().equals(activeGeneration)) {
                problems.add("document " + key + " of generation " + row.generation() + ", not the active "
                        + activeGeneration);
            } else if (!row.complete()) {
                problems.add("document " + key + " left incomplete");
            } else if (!listed.containsKey(key)) {
                problems.add("document " + key + " is stored but the manifest does not list it");
            }
        }
        return problems.list();
    }

    /** Problems, the first few in full: a broken index can have thousands. */
    private static final class Problems {
        private static final int SHOWN = 20;
        private final List<String> shown = new ArrayList<>();
        private int count;

        void add(String problem) {
            if (count++ < SHOWN) {
                shown.add(problem);
            }
        }

        List<String> list() {
            List<String> all = new ArrayList<>(shown);
            if (count > SHOWN) {
                all.add("and " + (count - SHOWN) + " more");
            }
            return all;
        }
    }
}
