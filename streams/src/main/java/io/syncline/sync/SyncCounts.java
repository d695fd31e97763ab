package io.syncline.sync;

/**
 * A job's running totals, as the API shows them. {@code documents.seen} counts every path the job examined;
 * {@code chunks.embedded} counts chunks sent to a model and {@code chunks.reused} chunks whose vector was found.
 */
public record SyncCounts(Documents documents, Chunks chunks) {

    public record Documents(long seen, long added, long changed, long deleted, long unchanged, long skipped,
                            long failed) {
    }

    public record Chunks(long embedded, long reused, long deleted) {
    }

    public static final SyncCounts ZERO = new SyncCounts(new Documents(0, 0, 0, 0, 0, 0, 0), new Chunks(0, 0, 0));

    public SyncCounts plus(DocumentOutcome outcome) {
        Documents d = documents;
        Documents next = new Documents(d.seen() + 1,
                d.added() + is(outcome, DocumentOutcome.Result.ADDED),
                d.changed() + is(outcome, DocumentOutcome.Result.CHANGED),
                d.deleted() + is(outcome, DocumentOutcome.Result.DELETED),
                d.unchanged() + is(outcome, DocumentOutcome.Result.UNCHANGED),
                d.skipped() + is(outcome, DocumentOutcome.Result.SKIPPED),
                d.failed() + is(outcome, DocumentOutcome.Result.FAILED));
        Chunks c = chunks;
        return new SyncCounts(next, new Chunks(c.embedded() + outcome.chunksEmbedded(),
                c.reused() + outcome.chunksReused(), c.deleted() + outcome.chunksDeleted()));
    }

    private static int is(DocumentOutcome outcome, DocumentOutcome.Result result) {
        return outcome.result() == result ? 1 : 0;
    }
}
