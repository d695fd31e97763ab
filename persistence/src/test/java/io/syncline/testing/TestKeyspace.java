package io.syncline.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.syncline.cassandra.SchemaMigrations;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A keyspace of its own for one test class, with the production schema applied by the production migrations, and
 * dropped when the class is done: test classes never see each other's rows, whatever order they run in.
 */
public final class TestKeyspace implements AutoCloseable {

    private final String name;

    private TestKeyspace(String name) {
        this.name = name;
    }

    public static TestKeyspace create(Class<?> testClass) {
        String prefix = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = "t_" + prefix.substring(0, Math.min(prefix.length(), 30)) + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        new SchemaMigrations(LocalCassandra.session(), name,
                "{'class': 'SimpleStrategy', 'replication_factor': 1}").migrate();
        return new TestKeyspace(name);
    }

    public String name() {
        return name;
    }

    public CqlSession session() {
        return LocalCassandra.session();
    }

    @Override
    public void close() {
        LocalCassandra.session().execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + name)
                .setTimeout(Duration.ofSeconds(60)));
    }
}
