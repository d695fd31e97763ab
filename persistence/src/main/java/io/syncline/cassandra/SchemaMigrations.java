package io.syncline.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a keyspace's schema up to the version this build needs by applying the scripts
 * {@code db/migrations/V001.cql}, {@code V002.cql}, ... that are not yet recorded in its {@code schema_migrations}
 * table. Every statement is idempotent ({@code IF NOT EXISTS}), so two nodes starting at once, or a node that died
 * half way through a script, end with the same schema. It never drops or alters what a script created before.
 */
public final class SchemaMigrations {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final String SCRIPT_PATTERN = "db/migrations/V%03d.cql";
    /**
     * The driver profile for schema statements, where the node's config defines one: Cassandra 5.0 warns on every
     * SAI index it creates that vector indexes are experimental, which says nothing to an operator at each start.
     */
    static final String DDL_PROFILE = "syncline-ddl";

    /** A migration the keyspace has, with when it was applied. */
    public record Applied(int version, String description, Instant appliedAt) {
    }

    private final CqlSession session;
    private final String keyspace;
    private final String replication;

    /**
     * @param replication the keyspace's replication map in CQL, for example
     *                    {@code {'class': 'SimpleStrategy', 'replication_factor': 1}}; used only when the keyspace
     *                    does not exist yet
     */
    public SchemaMigrations(CqlSession session, String keyspace, String replication) {
        this.session = session;
        this.keyspace = keyspace;
        this.replication = replication;
    }

    /** Applies the missing migrations in order and returns every migration the keyspace now has. */
    public List<Applied> migrate() {
        ddl("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        ddl("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "version int PRIMARY KEY, description text, checksum text, applied_at timestamp)");
        Map<Integer, Row> applied = appliedRows();
        for (int version = 1; ; version++) {
            var script = CqlScript.load(String.format(SCRIPT_PATTERN, version));
            if (script.isEmpty()) {
                break;
            }
            Row row = applied.get(version);
            if (row == null) {
                apply(version, script.get());
            } else if (!script.get().checksum().equals(row.getString("checksum"))) {
                log.warn("migration V{} of keyspace {} was applied from a different text than this build's; "
                        + "scripts must not change once released", version, keyspace);
            }
        }
        return appliedRows().values().stream()
                .map(r -> new Applied(r.getInt("version"), r.getString("description"), r.getInstant("applied_at")))
                .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                .toList();
    }

    /**
     * Applies a template of idempotent statements outside the versioned sequence (a table per vector dimension):
     * {@code ${keyspace}} and the given variables are filled in.
     */
    public void applyTemplate(String resource, java.util.Map<String, String> variables) {
        CqlScript script = CqlScript.load(resource)
                .orElseThrow(() -> new IllegalStateException("missing schema template " + resource));
        for (String statement : script.statements(keyspace)) {
            String filled = statement;
            for (var variable : variables.entrySet()) {
                filled = filled.replace("${" + variable.getKey() + "}", variable.getValue());
            }
            ddl(filled);
        }
    }

    private void apply(int version, CqlScript script) {
        log.info("applying migration V{} to keyspace {}: {}", version, keyspace, script.description());
        for (String statement : script.statements(keyspace)) {
            ddl(statement);
        }
        session.execute(SimpleStatement.newInstance(
                "INSERT INTO " + keyspace + ".schema_migrations (version, description, checksum, applied_at) "
                        + "VALUES (?, ?, ?, ?)", version, script.description(), script.checksum(), Instant.now()));
    }

    private Map<Integer, Row> appliedRows() {
        Map<Integer, Row> rows = new HashMap<>();
        List<Row> all = new ArrayList<>(session.execute(
                "SELECT version, description, checksum, applied_at FROM " + keyspace + ".schema_migrations").all());
        all.forEach(r -> rows.put(r.getInt("version"), r));
        return rows;
    }

    private void ddl(String statement) {
        // Schema changes wait for agreement between nodes; the default request timeout is too short for that.
        SimpleStatement ddl = SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT);
        if (session.getContext().getConfig().getProfiles().containsKey(DDL_PROFILE)) {
            ddl = ddl.setExecutionProfileName(DDL_PROFILE);
        }
        session.execute(ddl);
    }
}
