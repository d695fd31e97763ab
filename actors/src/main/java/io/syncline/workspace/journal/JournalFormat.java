package io.syncline.workspace.journal;

import com.typesafe.config.Config;

/**
 * Which shape of the changed persisted types this node writes, {@code syncline.journal.format}:
 * <ul>
 *     <li>1 (the default of 0.2): writes what 0.1.1 and every 0.2 node read, and reads format 2 too;</li>
 *     <li>2: writes the richer checkpoint ({@code SyncProgressed} and the snapshot's jobs carry when the job last
 *     progressed). Only for a cluster whose every node runs 0.2 or later: a node of 0.1.1 cannot be rolled back to
 *     once format 2 was written.</li>
 * </ul>
 * Pekko creates its serializers' migrations by class name, without a way to hand them settings, so the format is
 * held here, once per JVM, set from the config when the workspace entity is registered, before any event is
 * written.
 */
public final class JournalFormat {

    public static final int OLDEST = 1;
    public static final int NEWEST = 2;

    private static volatile int writes = OLDEST;

    private JournalFormat() {
    }

    /** The format this node writes. */
    public static int writes() {
        return writes;
    }

    public static void configure(Config config) {
        use(config.getInt("syncline.journal.format"));
    }

    public static void use(int format) {
        if (format < OLDEST || format > NEWEST) {
            throw new IllegalArgumentException("syncline.journal.format must be " + OLDEST + " or " + NEWEST
                    + " (SYNCLINE_JOURNAL_FORMAT), was " + format);
        }
        writes = format;
    }
}
