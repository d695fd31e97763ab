package io.syncline.mirrors;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Deletes this node's copies of sources other nodes announce removed, and sweeps copies left idle (once at start,
 * then every sweep interval). File work runs on the blocking dispatcher; a failure is logged and tried again at the
 * next sweep.
 */
final class MirrorJanitor {

    private enum Sweep implements NoSerializationVerificationNeeded {
        INSTANCE
    }

    private MirrorJanitor() {
    }

    static Behavior<Object> create(SourceMirrors mirrors, ActorRef<Topic.Command<MirrorRemoved>> topic,
                                   Executor blocking, MirrorSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            topic.tell(Topic.subscribe(context.getSelf().narrow()));
            timers.startTimerWithFixedDelay(Sweep.INSTANCE, Duration.ZERO, settings.sweepInterval());
            return Behaviors.receive(Object.class)
                    .onMessage(MirrorRemoved.class, removed -> {
                        run(blocking, context.getLog(), "deleting the copy of " + removed,
                                () -> mirrors.deleteLocal(removed.workspace(), removed.source()));
                        return Behaviors.same();
                    })
                    .onMessage(Sweep.class, sweep -> {
                        run(blocking, context.getLog(), "sweeping idle source copies",
                                () -> mirrors.sweepIdle(settings.idleTtl(), Instant.now()));
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    private static void run(Executor blocking, org.slf4j.Logger log, String what, Runnable work) {
        CompletableFuture.runAsync(work, blocking).whenComplete((done, error) -> {
            if (error != null) {
                log.warn("{} failed (tried again at the next sweep): {}", what, error.toString());
            }
        });
    }
}
