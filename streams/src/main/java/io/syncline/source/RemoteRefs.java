package io.syncline.source;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The branch and tag names a remote repository advertises, read with {@code git ls-remote}: enough to check a spec and
 * a ref without cloning. It never downloads objects.
 */
record RemoteRefs(List<String> branches, List<String> tags) {

    private static final int LS_REMOTE_TIMEOUT_SECONDS = 20;

    static RemoteRefs of(SourceSpec spec, GitLocation location) {
        try {
            Collection<Ref> refs = GitHttpGuard.during(location, () -> Git.lsRemoteRepository()
                    .setRemote(location.transportUri()).setHeads(true).setTags(true)
                    .setCredentialsProvider(GitCredentials.forFetch(spec, location))
                    .setTimeout(LS_REMOTE_TIMEOUT_SECONDS).call());
            return new RemoteRefs(names(refs, Constants.R_HEADS), names(refs, Constants.R_TAGS));
        } catch (GitAPIException | JGitInternalException e) {
            throw GitErrors.fromTransport(spec, location, "list the refs of", e);
        } catch (IOException e) {
            throw GitErrors.fromTransport(spec, location, "list the refs of", e);
        }
    }

    private static List<String> names(Collection<Ref> refs, String prefix) {
        return refs.stream().map(Ref::getName).filter(name -> name.startsWith(prefix))
                .filter(name -> !name.endsWith("^{}")) // the peeled entry of an annotated tag
                .map(name -> name.substring(prefix.length())).sorted().toList();
    }

    boolean has(String ref) {
        return branches.contains(ref) || tags.contains(ref)
                || ref.startsWith(Constants.R_HEADS) && branches.contains(ref.substring(Constants.R_HEADS.length()))
                || ref.startsWith(Constants.R_TAGS) && tags.contains(ref.substring(Constants.R_TAGS.length()));
    }
}
