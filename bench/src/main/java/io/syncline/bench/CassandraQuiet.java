package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits until Cassandra runs no compaction, so that the next measurement does not share the cores with the graph
 * rebuilds the last one left behind (a vector index is rebuilt by every compaction of its table).
 */
final class CassandraQuiet {

    private static final Duration LONGEST = Duration.ofMinutes(15);

    private CassandraQuiet() {
    }

    static void await(CqlSession session) throws InterruptedException {
        Instant started = Instant.now();
        int quietPolls = 0;
        boolean told = false;
        while (quietPolls < 3) {
            long running = session.execute("SELECT task_id FROM system_views.sstable_tasks").all().size();
            quietPolls = running == 0 ? quietPolls + 1 : 0;
            if (running > 0 && !told) {
                System.out.printf("  waiting for Cassandra's %d compaction(s) to finish%n", running);
                told = true;
            }
            if (Duration.between(started, Instant.now()).compareTo(LONGEST) > 0) {
                System.out.println("  Cassandra still compacting after " + LONGEST.toMinutes() + " min; going on");
                return;
            }
            Thread.sleep(1000); // polling Cassandra's task list
        }
        if (told) {
            System.out.printf("  Cassandra quiet after %d s%n", Duration.between(started, Instant.now()).toSeconds());
        }
    }
}
