package io.syncline.node;

import com.typesafe.config.Config;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Explains, in the log of a node the cluster refused to let join, what the cluster compared: the seed that refused
 * it answers only "incompatible" (Pekko's message on this side names no setting, and only the cluster's nodes log
 * which one differs), so this node logs its own values of the settings {@link SynclineJoinCheck} compares. Logs
 * nothing on any other shutdown.
 */
final class RefusedJoinLog {

    private static final Logger log = LoggerFactory.getLogger(RefusedJoinLog.class);

    private RefusedJoinLog() {
    }

    /** Registers the explanation with the system's coordinated shutdown, before the system can be refused. */
    static void register(ActorSystem<?> system) {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "explain-refused-join", () -> {
            if (shutdown.getShutdownReason().map(CoordinatedShutdown.incompatibleConfigurationDetectedReason()::equals)
                    .orElse(false)) {
                log.error(explanation(system.settings().config()));
            }
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    static String explanation(Config config) {
        return "the cluster refused this node: it runs with " + SynclineJoinCheck.KEYS.stream()
                .map(key -> key + " = " + (config.hasPath(key) ? config.getValue(key).unwrapped() : "(unset)"))
                .collect(Collectors.joining(", "))
                + ", and the cluster's nodes have another value of one of them (each of them logs which: \"Found"
                + " incompatible settings when [this node] tried to join\"). Start this node with the cluster's"
                + " values; changing one for the whole cluster needs the whole cluster stopped.";
    }
}
