package io.syncline.chaos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chaos Cassandra in its namespace: reached from the host, paused and resumed, killed and started on its data. */
class ChaosCassandraIT {

    @Test
    void aPausedCassandraAnswersNothingUntilResumedAndAKilledOneRestartsWithItsRows() {
        Path run = ChaosRuns.newRun(ChaosCassandraIT.class);
        try (TestNetwork network = TestNetwork.create();
             ChaosCassandra cassandra = new ChaosCassandra(network, network.addHost("cas"), run)) {
            Instant begin = Instant.now();
            cassandra.start();
            System.out.printf("chaos Cassandra: CQL after %d s, %s%n", Duration.between(begin, Instant.now())
                    .toSeconds(), Pids.memory(cassandra.pid()));
            CqlSession session = cassandra.session();
            session.execute("CREATE KEYSPACE chaos_check WITH replication = {'class': 'SimpleStrategy', "
                    + "'replication_factor': 1}");
            session.execute("CREATE TABLE chaos_check.kv (k text PRIMARY KEY, v text)");
            session.execute("INSERT INTO chaos_check.kv (k, v) VALUES ('before', 'kill')");

            cassandra.pause();
            SimpleStatement read = SimpleStatement.newInstance("SELECT v FROM chaos_check.kv WHERE k = 'before'")
                    .setTimeout(Duration.ofSeconds(2));
            assertThatThrownBy(() -> session.execute(read)).isInstanceOf(DriverTimeoutException.class);
            cassandra.resume();
            assertThat(session.execute(read).one().getString("v")).isEqualTo("kill");

            long killed = cassandra.pid();
            cassandra.kill();
            assertThat(Pids.alive(killed)).isFalse();
            begin = Instant.now();
            cassandra.start();
            System.out.printf("chaos Cassandra: CQL again after %d s following a kill%n",
                    Duration.between(begin, Instant.now()).toSeconds());
            assertThat(cassandra.pid()).isNotEqualTo(killed);
            String value = Await.until(Duration.ofSeconds(30), "the test's session reconnected",
                    () -> session.execute(read).one().getString("v"));
            assertThat(value).isEqualTo("kill");
        }
    }
}
