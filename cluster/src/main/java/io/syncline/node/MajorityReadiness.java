package io.syncline.node;

import io.syncline.membership.MajorityFence;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Readiness check of pekko-management: not ready while this node may not write (it sees no majority of the cluster,
 * or was frozen long enough to have been downed): its workspaces would only answer "unavailable".
 */
public final class MajorityReadiness implements Supplier<CompletionStage<Boolean>> {

    private final MajorityFence fence;

    public MajorityReadiness(ActorSystem system) {
        this.fence = MajorityFence.get(Adapter.toTyped(system));
    }

    @Override
    public CompletionStage<Boolean> get() {
        return CompletableFuture.completedFuture(fence.closedBecause().isEmpty());
    }
}
