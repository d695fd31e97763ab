package io.syncline.source;

import java.util.List;
import java.util.Optional;

/**
 * One source of one workspace, as the sync pipeline reads it: resolve a ref to a revision, list or diff revisions,
 * read files. Implementations block (JGit, file I/O): call them only from a dispatcher meant for blocking work.
 * One job at a time uses a source's local state (its git mirror); reads of one revision may run in parallel.
 */
public interface Source extends AutoCloseable {

    /**
     * Brings the local copy up to date and resolves a ref (a branch, a tag, a commit id or an abbreviation of one;
     * null for the source's own branch) to the revision a sync reads.
     *
     * @throws SourceException {@link SourceException.Kind#REF_NOT_FOUND} when the ref does not exist
     */
    String resolve(String ref);

    /**
     * Makes sure a revision resolved earlier can be read, fetching again if the local copy lacks it (a job resumed
     * on a node with a new home, say).
     *
     * @throws SourceException {@link SourceException.Kind#REVISION_GONE} when the repository no longer has it
     */
    void prepare(String revision);

    /** Every file of the revision that passes the source's filters, sorted by path (String order). */
    List<String> list(String revision);

    /**
     * What changed from one revision to another among the files that pass the filters, sorted by path; a rename is
     * a deletion of the old path and an upsert of the new one. Empty when the change cannot be computed (the old
     * revision is unknown, for example after a force push and a gc): the caller then compares everything.
     */
    Optional<List<Change>> changes(String fromRevision, String toRevision);

    /** Reads one file of a revision; binary and oversized files come back as {@link ReadResult.Skipped}. */
    ReadResult read(String revision, String path);

    @Override
    void close();
}
