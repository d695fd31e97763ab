package io.syncline.providers;

import io.syncline.embedding.remote.ClusterShare;
import io.syncline.embedding.remote.EndpointState;
import io.syncline.embedding.remote.ProviderEndpoints;
import io.syncline.membership.NodeAddress;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes this node's endpoint governors act as one with those of the other nodes. On every membership change it
 * gives the governors this node's {@link ClusterShare} of each endpoint's limits (members Up or Leaving count, an
 * unreachable one too until it is downed: its share stays reserved rather than risk the limit). It publishes each
 * pause and circuit change of an endpoint here at once, and every report interval while it lasts, on a cluster
 * topic, and hands what the other nodes publish to the governors.
 */
public final class ProviderCoordinator extends AbstractBehavior<Object> {

    static final String TOPIC = "syncline-provider-endpoints";

    /** Local only: the coordinator's own notices to itself. */
    private interface Notice extends NoSerializationVerificationNeeded {
    }

    private record MembersChanged() implements Notice {
    }

    private record Announce(EndpointState state) implements Notice {
    }

    private enum Tick implements Notice {
        INSTANCE
    }

    private final ProviderEndpoints endpoints;
    private final Cluster cluster;
    private final String self;
    private final ActorRef<Topic.Command<EndpointReport>> topic;
    private ClusterShare share;

    public static Behavior<Object> create(ProviderEndpoints endpoints, Duration reportInterval) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            // The read view of the membership may trail its events a little: the tick looks again.
            timers.startTimerWithFixedDelay(Tick.INSTANCE, reportInterval);
            return new ProviderCoordinator(context, endpoints);
        }));
    }

    private ProviderCoordinator(ActorContext<Object> context, ProviderEndpoints endpoints) {
        super(context);
        this.endpoints = endpoints;
        this.cluster = Cluster.get(context.getSystem());
        this.self = NodeAddress.of(cluster.selfMember().address());
        this.topic = context.spawn(Topic.create(EndpointReport.class, TOPIC), "topic");
        topic.tell(Topic.subscribe(context.getSelf().narrow()));
        ActorRef<ClusterEvent.MemberEvent> members =
                context.messageAdapter(ClusterEvent.MemberEvent.class, event -> new MembersChanged());
        cluster.subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
        ActorRef<Object> me = context.getSelf();
        endpoints.announceTo(state -> me.tell(new Announce(state)));
        updateShare();
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(MembersChanged.class, changed -> {
                    updateShare();
                    return this;
                })
                .onMessage(Announce.class, announce -> {
                    publish(announce.state());
                    return this;
                })
                .onMessage(Tick.class, tick -> {
                    updateShare();
                    // Trouble is repeated while it lasts, so that it expires where nobody repeats it any more.
                    endpoints.states().stream().filter(s -> s.troubled() || s.pausedUntil() != null)
                            .forEach(this::publish);
                    return this;
                })
                .onMessage(EndpointReport.class, report -> {
                    if (!report.node().equals(self)) {
                        endpoints.reported(report.node(), report.toState());
                    }
                    return this;
                })
                .build();
    }

    private void publish(EndpointState state) {
        topic.tell(Topic.publish(EndpointReport.of(self, state)));
    }

    private void updateShare() {
        ClusterShare next = share(cluster);
        if (!next.equals(share)) {
            share = next;
            getContext().getLog().info("this node takes share {} of {} of every embedding endpoint's limits",
                    next.index() + 1, next.nodes());
            endpoints.share(next);
        }
    }

    /** This node's place among the members that share the limits, by address. */
    static ClusterShare share(Cluster cluster) {
        List<Address> sharing = new ArrayList<>();
        for (Member member : cluster.state().getMembers()) { // sorted by address
            if (member.status() == MemberStatus.up() || member.status() == MemberStatus.leaving()) {
                sharing.add(member.address());
            }
        }
        int index = sharing.indexOf(cluster.selfMember().address());
        if (index < 0) {
            // Not Up yet, or leaving already: count this node beside the others.
            return new ClusterShare(sharing.size(), sharing.size() + 1);
        }
        return new ClusterShare(index, sharing.size());
    }
}
