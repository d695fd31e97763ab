package io.syncline.node;

import org.apache.pekko.actor.ActorSystem;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Readiness check of pekko-management: ready once the node has applied its schema migrations, registered sharding
 * and bound its HTTP API, and no longer once coordinated shutdown begins. Kept per actor system, so that tests can
 * run several nodes in one JVM.
 */
public final class NodeStartedReadiness implements Supplier<CompletionStage<Boolean>> {

    private static final Set<ActorSystem> STARTED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final ActorSystem system;

    public NodeStartedReadiness(ActorSystem system) {
        this.system = system;
    }

    static void started(ActorSystem system, boolean value) {
        if (value) {
            STARTED.add(system);
        } else {
            STARTED.remove(system);
        }
    }

    @Override
    public CompletionStage<Boolean> get() {
        return CompletableFuture.completedFuture(STARTED.contains(system));
    }
}
