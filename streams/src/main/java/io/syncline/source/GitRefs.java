package io.syncline.source;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves a ref to a commit id in one repository (a source's mirror or a local origin), trying in order a branch, a
 * tag (peeled to its commit) and a full or abbreviated commit id. It only reads; it never fetches.
 */
final class GitRefs {

    /** Git's own shortest abbreviation is 4 hex digits. */
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{4,40}");
    private static final int NAMES_SHOWN = 10;

    private GitRefs() {
    }

    static ObjectId resolve(Repository repository, String ref, String sourceId) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId candidate = lookup(repository, walk.getObjectReader(), ref, sourceId);
            if (candidate != null) {
                return walk.parseCommit(candidate).copy();
            }
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException(SourceException.Kind.REF_NOT_FOUND,
                    "ref '" + ref + "' of source '" + sourceId + "' does not point to a commit", e);
        } catch (MissingObjectException e) {
            // A ref whose commit is missing cannot be read: report it like an unknown ref.
        } catch (IOException e) {
            throw unreadable(sourceId, e);
        }
        throw notFound(ref, sourceId, names(repository, Constants.R_HEADS, sourceId),
                names(repository, Constants.R_TAGS, sourceId));
    }

    private static SourceException unreadable(String sourceId, IOException e) {
        return new SourceException(SourceException.Kind.UNAVAILABLE,
                "cannot read the refs of git source '" + sourceId + "': " + e.getMessage(), e);
    }

    private static ObjectId lookup(Repository repository, ObjectReader reader, String ref, String sourceId)
            throws IOException {
        if (!Repository.isValidRefName(Constants.R_HEADS + ref)) {
            return null; // also keeps a name like "../../config" from being looked up as a file of the git directory
        }
        for (String name : List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref, ref)) {
            Ref found = name.startsWith(Constants.R_REFS) ? repository.getRefDatabase().exactRef(name) : null;
            if (found != null && found.getObjectId() != null) {
                return found.getObjectId(); // parseCommit peels an annotated tag
            }
        }
        if (!COMMIT_ID.matcher(ref).matches()) {
            return null;
        }
        if (ref.length() == Constants.OBJECT_ID_STRING_LENGTH) {
            ObjectId id = ObjectId.fromString(ref);
            return reader.has(id) ? id : null;
        }
        List<ObjectId> commits = new ArrayList<>();
        for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(ref))) {
            if (reader.open(id).getType() == Constants.OBJ_COMMIT) {
                commits.add(id);
            }
        }
        if (commits.size() > 1) {
            throw new SourceException(SourceException.Kind.REF_NOT_FOUND, "ref '" + ref + "' of source '" + sourceId
                    + "' is ambiguous: it abbreviates " + commits.size() + " commits; give more digits");
        }
        return commits.isEmpty() ? null : commits.get(0);
    }

    private static List<String> names(Repository repository, String prefix, String sourceId) {
        try {
            return repository.getRefDatabase().getRefsByPrefix(prefix).stream()
                    .map(r -> r.getName().substring(prefix.length())).sorted().toList();
        } catch (IOException e) {
            throw unreadable(sourceId, e);
        }
    }

    /** The error for an unknown ref, listing a few branches and tags so the user can spot a typo. */
    static SourceException notFound(String ref, String sourceId, Collection<String> branches, Collection<String> tags) {
        return new SourceException(SourceException.Kind.REF_NOT_FOUND, "ref '" + ref + "' does not exist in source '"
                + sourceId + "' (branches: " + some(branches) + "; tags: " + some(tags) + ")");
    }

    private static String some(Collection<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> sorted = names.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(NAMES_SHOWN, sorted.size())));
        return sorted.size() <= NAMES_SHOWN ? shown : shown + " and " + (sorted.size() - NAMES_SHOWN) + " more";
    }
}
