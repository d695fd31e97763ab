package io.syncline.workspace;

import io.syncline.sync.SyncCounts;

/** A job's running totals, as events and state hold them (see {@link SyncCounts}). The JSON names are 0.1's. */
public record JobCounts(Documents documents, Chunks chunks) {

    public record Documents(long seen, long added, long changed, long deleted, long unchanged, long skipped,
                            long failed) {
    }

    public record Chunks(long embedded, long reused, long deleted) {
    }

    public static final JobCounts ZERO = new JobCounts(new Documents(0, 0, 0, 0, 0, 0, 0), new Chunks(0, 0, 0));

    public static JobCounts of(SyncCounts counts) {
        SyncCounts.Documents d = counts.documents();
        SyncCounts.Chunks c = counts.chunks();
        return new JobCounts(new Documents(d.seen(), d.added(), d.changed(), d.deleted(), d.unchanged(), d.skipped(),
                d.failed()), new Chunks(c.embedded(), c.reused(), c.deleted()));
    }

    public SyncCounts toCounts() {
        Documents d = documents;
        return new SyncCounts(new SyncCounts.Documents(d.seen(), d.added(), d.changed(), d.deleted(), d.unchanged(),
                d.skipped(), d.failed()), new SyncCounts.Chunks(chunks.embedded(), chunks.reused(), chunks.deleted()));
    }
}
