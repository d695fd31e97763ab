package io.syncline.chaos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every chaos scenario ends with, through a node's API and a driver session of the test's own: the job
 * completed, the index equals a fault-free reference index of the same revision, Cassandra holds no row the index
 * does not account for, and each workspace's journal is whole and was written by one incarnation at a time.
 */
public final class NothingLost {

    private final CqlSession session;
    private final String keyspace;

    public NothingLost(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    /** (a) The job ended {@code completed} with no failed document; returns its view. */
    public JsonNode jobCompleted(NodeApi api, String workspace, String job) {
        JsonNode view = api.get("/v1/workspaces/" + workspace + "/syncs/" + job).expect(200).json();
        if (!view.path("state").asText().equals("completed") || view.path("documents").path("failed").asInt() != 0) {
            throw new AssertionError("job " + job + " of workspace " + workspace + " did not complete cleanly: "
                    + view);
        }
        return view;
    }

    /** (b) The workspace's manifest equals the reference workspace's: same documents, revisions and chunk hashes. */
    public Manifest manifestMatches(NodeApi api, String workspace, String reference) {
        Manifest actual = manifest(api, workspace);
        Manifest expected = manifest(api, reference);
        if (expected.lines().isEmpty()) {
            throw new AssertionError("the reference workspace " + reference + " indexed nothing: nothing to compare");
        }
        failIfAny("the manifest of " + workspace + " differs from that of " + reference, actual.differences(expected));
        return actual;
    }

    /** (c) Every chunk and document row of the workspace is one its manifest accounts for, and none is missing. */
    public void noUnaccountedRows(NodeApi api, String workspace) {
        String generation = api.get("/v1/workspaces/" + workspace).expect(200).json().path("index").path("active")
                .asText();
        List<IndexAudit.ChunkRow> chunks = new ArrayList<>();
        for (String table : chunkTables()) {
            for (Row row : session.execute("SELECT generation, source, path, ordinal, text_hash FROM " + keyspace
                    + "." + table + " WHERE workspace = ? ALLOW FILTERING", workspace)) {
                chunks.add(new IndexAudit.ChunkRow(row.getString("generation"), row.getString("source"),
                        row.getString("path"), row.getInt("ordinal"), row.getString("text_hash")));
            }
        }
        List<IndexAudit.DocumentRow> documents = new ArrayList<>();
        for (Row row : session.execute("SELECT generation, source, path, complete FROM " + keyspace
                + ".documents WHERE workspace = ? ALLOW FILTERING", workspace)) {
            documents.add(new IndexAudit.DocumentRow(row.getString("generation"), row.getString("source"),
                    row.getString("path"), row.getBoolean("complete")));
        }
        failIfAny("rows of workspace " + workspace + " in Cassandra that its manifest does not account for",
                IndexAudit.problems(manifest(api, workspace), generation, chunks, documents));
    }

    /**
     * (d) The workspace entity's journal has sequence numbers 1..N without gap or duplicate, and its writers never
     * interleave. Returns the writers in order: more than one means another incarnation took over.
     */
    public List<String> journalIntact(String workspace) {
        String persistenceId = "Workspace|" + workspace;
        List<JournalAudit.Entry> entries = new ArrayList<>();
        for (Row partition : session.execute("SELECT DISTINCT persistence_id, partition_nr FROM " + keyspace
                + ".messages")) {
            if (!partition.getString("persistence_id").equals(persistenceId)) {
                continue;
            }
            long partitionNr = partition.getLong("partition_nr");
            for (Row row : session.execute("SELECT sequence_nr, writer_uuid FROM " + keyspace + ".messages"
                    + " WHERE persistence_id = ? AND partition_nr = ?", persistenceId, partitionNr)) {
                entries.add(new JournalAudit.Entry(partitionNr, row.getLong("sequence_nr"),
                        row.getString("writer_uuid")));
            }
        }
        failIfAny("the journal of " + persistenceId, JournalAudit.problems(persistenceId, entries));
        return JournalAudit.writers(entries);
    }

    /** All four checks, every failure reported together. */
    public void check(NodeApi api, String workspace, String job, String reference) {
        List<String> failures = new ArrayList<>();
        collect(failures, () -> jobCompleted(api, workspace, job));
        collect(failures, () -> manifestMatches(api, workspace, reference));
        collect(failures, () -> noUnaccountedRows(api, workspace));
        collect(failures, () -> noUnaccountedRows(api, reference));
        collect(failures, () -> journalIntact(workspace));
        collect(failures, () -> journalIntact(reference));
        if (!failures.isEmpty()) {
            throw new AssertionError("something was lost:\n" + String.join("\n", failures));
        }
    }

    public Manifest manifest(NodeApi api, String workspace) {
        return Manifest.parse(api.get("/v1/workspaces/" + workspace + "/manifest").expect(200).body());
    }

    private List<String> chunkTables() {
        List<String> tables = new ArrayList<>();
        for (Row row : session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
                keyspace)) {
            String name = row.getString("table_name");
            if (name.matches("chunks_d\\d+")) {
                tables.add(name);
            }
        }
        return tables;
    }

    private static void failIfAny(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + ":\n  " + String.join("\n  ", problems));
        }
    }

    private static void collect(List<String> failures, Runnable check) {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            failures.add(e.getMessage());
        }
    }
}
