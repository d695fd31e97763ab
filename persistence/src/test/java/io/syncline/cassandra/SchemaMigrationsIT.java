package io.syncline.cassandra;

import io.syncline.testing.TestKeyspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationsIT {

    private static TestKeyspace keyspace;

    @BeforeAll
    static void createKeyspace() {
        keyspace = TestKeyspace.create(SchemaMigrationsIT.class);
    }

    @AfterAll
    static void dropKeyspace() {
        keyspace.close();
    }

    @Test
    void migratingAgainChangesNothingAndKeepsTheRecordedVersions() {
        var first = new SchemaMigrations(keyspace.session(), keyspace.name(), "{'class': 'SimpleStrategy', 'replication_factor': 1}")
                .migrate();
        var second = new SchemaMigrations(keyspace.session(), keyspace.name(), "{'class': 'SimpleStrategy', 'replication_factor': 1}")
                .migrate();

        assertThat(first).extracting(SchemaMigrations.Applied::version).containsExactly(1, 2, 3, 4);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void createsTheJournalAndIndexTables() {
        var tables = keyspace.session().execute(
                        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace.name())
                .all().stream().map(r -> r.getString("table_name")).toList();

        assertThat(tables).contains("messages", "snapshots", "all_persistence_ids", "documents", "chunks_d384",
                "embedding_cache", "dead_letters", "schema_migrations", "api_keys", "audit_log",
                "provider_endpoints", "key_workspaces", "workspace_creators");
    }
}
