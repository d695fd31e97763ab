package io.syncline.node;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.syncline.membership.NodeAddress;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.typed.Cluster;


/**
 * Moves this node's workspaces away when only this node has lost Cassandra. Its entities can neither recover nor
 * persist then, so the workspaces it hosts answer nothing while every other node could serve them. Every probe
 * interval it asks Cassandra a trivial query and tells the other nodes the outcome; when this node has failed for
 * {@code leave-after} while another member has reached Cassandra all that time, it leaves the cluster gracefully (its
 * shards move, the JVM exits, its supervisor starts it again). When Cassandra is down for everyone, nobody leaves:
 * there is nowhere better to go; and as it comes back, a node whose probe succeeds a moment before this one's does
 * not make this one leave.
 */
final class StorageWatch extends AbstractBehavior<Object> {

    static final String TOPIC = "syncline-storage";

    /** The reason of the coordinated shutdown this starts, as the log shows it. */
    static final CoordinatedShutdown.Reason ALONE_WITHOUT_STORAGE = new CoordinatedShutdown.Reason() {
        @Override
        public String toString() {
            return "this node could not reach Cassandra while other nodes could";
        }
    };

    private interface Notice extends NoSerializationVerificationNeeded {
    }

    private enum Probe implements Notice {
        INSTANCE
    }

    private record Probed(boolean reachable) implements Notice {
    }


    private final CqlSession session;
    private final StorageWatchSettings settings;
    private final String self;
    private final ActorRef<Topic.Command<StorageReport>> topic;
    private final StorageReach reach;
    private boolean leaving;

    static Behavior<Object> create(CqlSession session, StorageWatchSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Probe.INSTANCE, settings.probeInterval());
            return new StorageWatch(context, session, settings);
        }));
    }

    private StorageWatch(ActorContext<Object> context, CqlSession session, StorageWatchSettings settings) {
        super(context);
        this.session = session;
        this.settings = settings;
        this.self = NodeAddress.of(Cluster.get(context.getSystem()).selfMember().address());
        this.reach = new StorageReach(settings.leaveAfter(), settings.probeInterval().multipliedBy(3));
        this.topic = context.spawn(Topic.create(StorageReport.class, TOPIC), "topic");
        topic.tell(Topic.subscribe(context.getSelf().narrow()));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(Probe.class, probe -> {
                    getContext().pipeToSelf(session.executeAsync(SimpleStatement
                                    .newInstance("SELECT release_version FROM system.local")
                                    .setTimeout(settings.probeInterval())),
                            (rs, error) -> new Probed(error == null && rs.one() != null));
                    return this;
                })
                .onMessage(Probed.class, this::probed)
                .onMessage(StorageReport.class, report -> {
                    if (!report.node().equals(self)) {
                        reach.reported(report.node(), report.reachable(), System.nanoTime());
                    }
                    return this;
                })
                .build();
    }

    private Behavior<Object> probed(Probed probed) {
        topic.tell(Topic.publish(new StorageReport(self, probed.reachable())));
        long now = System.nanoTime();
        if (reach.probed(probed.reachable(), now) && !leaving) {
            leaving = true;
            getContext().getLog().error("this node has not reached Cassandra for {} s while other nodes do: "
                    + "leaving the cluster so that its workspaces move to them", reach.unreachableFor(now).toSeconds());
            CoordinatedShutdown.get(getContext().getSystem()).runAll(ALONE_WITHOUT_STORAGE);
        }
        return this;
    }
}
