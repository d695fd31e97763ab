package io.syncline.membership;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The write fence of a cluster node. Open only while this node is Up (or Leaving) and sees a majority of the
 * members that count (Up or Leaving), by the split brain resolver's own rule: more than half, or exactly half
 * including the member with the lowest address. A node on the minority side of a partition therefore stops
 * writing as soon as its failure detector sees the others go, well before the majority's resolver downs it and
 * starts its workspaces elsewhere.
 *
 * <p>A frozen process (SIGSTOP, a stalled VM, a very long GC) sees nothing while frozen; when it runs again its view
 * of the cluster is stale. A watchdog thread ticks every {@code tick}; a gap between ticks longer than
 * {@code max-pause} (by default the resolver's stable-after, the shortest time after which others may have downed
 * this node) closes the fence for good and, unless configured otherwise, halts the JVM at once, before anything
 * else it resumes can write. The gap is also checked on every question, so a writer that resumes before the
 * watchdog is refused too.
 */
public final class MajorityFence implements WriteFence, Extension {

    private static final Logger log = LoggerFactory.getLogger(MajorityFence.class);

    /** The exit code of a JVM halted after a pause: the supervisor restarts it, as after a crash. */
    public static final int HALT_EXIT_CODE = 70;

    private final Cluster cluster;
    private final FenceSettings settings;
    private final Thread watchdog;
    private volatile long lastTick = System.nanoTime();
    private volatile String pausedBecause;

    private MajorityFence(ActorSystem<?> system) {
        this.cluster = Cluster.get(Adapter.toClassic(system));
        this.settings = FenceSettings.fromConfig(system.settings().config());
        this.watchdog = new Thread(this::watch, "syncline-write-fence");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MAX_PRIORITY);
        watchdog.start();
        system.getWhenTerminated().thenRun(watchdog::interrupt);
    }

    public static MajorityFence get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    @Override
    public Optional<String> closedBecause() {
        checkPause(System.nanoTime());
        if (pausedBecause != null) {
            return Optional.of(pausedBecause);
        }
        return majorityProblem(cluster.selfMember(), cluster.state());
    }

    /** Why a node with this view may not write, by the resolver's keep-majority rule; empty if it may. */
    private static Optional<String> majorityProblem(Member self, ClusterEvent.CurrentClusterState state) {
        if (self.status() != MemberStatus.up() && self.status() != MemberStatus.leaving()) {
            return Optional.of("this node is " + self.status() + " in the cluster, not Up");
        }
        List<Address> counted = new ArrayList<>();
        for (Member member : state.getMembers()) {
            if (member.status() == MemberStatus.up() || member.status() == MemberStatus.leaving()) {
                counted.add(member.address());
            }
        }
        Set<Address> unreachable = new HashSet<>();
        state.getUnreachable().forEach(member -> unreachable.add(member.address()));
        return KeepMajority.problem(counted, unreachable);
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            if (checkPause(now)) {
                return;
            }
            lastTick = now;
            try {
                Thread.sleep(settings.tick().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** True, with the fence closed for good, if the process was frozen for longer than max-pause. */
    private boolean checkPause(long now) {
        if (pausedBecause != null) {
            return true;
        }
        long gap = now - lastTick;
        if (gap <= settings.maxPause().toNanos()) {
            return false;
        }
        synchronized (this) {
            if (pausedBecause == null) {
                pausedBecause = "this node was frozen for " + Duration.ofNanos(gap).toMillis()
                        + " ms, longer than the " + settings.maxPause().toMillis()
                        + " ms after which the cluster may have downed it";
                String message = "Syncline: " + pausedBecause + "; it may no longer own its workspaces and "
                        + (settings.haltAfterPause() ? "exits now, without writing" : "stops writing");
                System.err.println(message);
                log.error(message);
                if (settings.haltAfterPause()) {
                    Runtime.getRuntime().halt(HALT_EXIT_CODE);
                }
            }
        }
        return true;
    }

    private static final class Id extends ExtensionId<MajorityFence> {

        static final Id INSTANCE = new Id();

        @Override
        public MajorityFence createExtension(ActorSystem<?> system) {
            return new MajorityFence(system);
        }
    }
}
