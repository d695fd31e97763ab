package io.syncline.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Three (or more) Syncline nodes of one cluster, each in a host of its own on the test network, sharing one
 * keyspace of the chaos Cassandra and one ordered seed list. Nodes start one at a time, the first seed first, so that
 * the cluster forms the way a rolling deployment forms it.
 */
public final class ChaosCluster implements AutoCloseable {

    private final Map<String, ChaosNode> nodes = new LinkedHashMap<>();
    private final List<ChaosNode> outsiders = new ArrayList<>();
    private final TestNetwork network;
    private final Path runDir;
    private final ChaosNode.Config config;

    /**
     * @param names       the nodes' host names, seeds in this order
     * @param settings    extra -D settings for every node
     * @param environment extra environment variables for every node
     */
    public ChaosCluster(TestNetwork network, ChaosCassandra cassandra, Path runDir, String keyspace,
                        List<String> names, Map<String, String> settings, Map<String, String> environment) {
        this.network = network;
        this.runDir = runDir;
        List<TestNetwork.Host> hosts = names.stream().map(network::addHost).toList();
        this.config = new ChaosNode.Config(keyspace, cassandra.contactPoint(),
                hosts.stream().map(ChaosNode::seedNode).toList(), settings, environment);
        for (TestNetwork.Host host : hosts) {
            nodes.put(host.name(), new ChaosNode(network, host, runDir.resolve(host.name()), config));
        }
    }

    /** Starts each node and waits for it to be ready before the next; returns how long each took. */
    public Map<String, Duration> startOneByOne(Duration eachWithin) {
        return startEach(ChaosNode::start, eachWithin);
    }

    /** Starts each node with {@code launch}, one at a time as above. */
    public Map<String, Duration> startOneByOne(ChaosNode.Launch launch, Duration eachWithin) {
        return startEach(node -> node.start(launch), eachWithin);
    }

    private Map<String, Duration> startEach(Consumer<ChaosNode> start, Duration eachWithin) {
        Map<String, Duration> took = new LinkedHashMap<>();
        for (ChaosNode node : nodes.values()) {
            Instant begin = Instant.now();
            start.accept(node);
            node.awaitReady(eachWithin);
            took.put(node.name(), Duration.between(begin, Instant.now()));
        }
        return took;
    }

    /**
     * Replaces one node in place ({@link ChaosNode#replace}) and waits until every node sees all of them Up again;
     * returns how long it took.
     */
    public Duration replace(ChaosNode node, ChaosNode.Launch launch, Duration within) {
        Instant begin = Instant.now();
        node.replace(launch, within);
        ClusterView.awaitMembersUp(nodes(), within);
        return Duration.between(begin, Instant.now());
    }

    /** The order of a rolling upgrade: every node but the oldest (as {@code via} sees it), then the oldest. */
    public List<ChaosNode> rollingOrder(ChaosNode via) {
        String oldest = ClusterView.oldest(via);
        List<ChaosNode> order = new ArrayList<>(nodes.values().stream()
                .filter(n -> !n.clusterAddress().equals(oldest)).toList());
        order.add(nodes.values().stream().filter(n -> n.clusterAddress().equals(oldest)).findFirst()
                .orElseThrow(() -> new AssertionError("no node of the cluster is the oldest, " + oldest)));
        return order;
    }

    /**
     * A node in a new host of the network with the cluster's configuration and seed list, which is not one of
     * {@link #nodes()}: it tries to join, and the cluster's checks and waits do not count it. Closed with the
     * cluster.
     */
    public ChaosNode outsider(String name) {
        if (nodes.containsKey(name)) {
            throw new IllegalArgumentException(name + " is a node of the cluster");
        }
        ChaosNode node = new ChaosNode(network, network.addHost(name), runDir.resolve(name), config);
        outsiders.add(node);
        return node;
    }

    public List<ChaosNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public ChaosNode node(String name) {
        ChaosNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name + " in " + nodes.keySet());
        }
        return node;
    }

    /** Every node but {@code node}. */
    public List<ChaosNode> others(ChaosNode node) {
        List<ChaosNode> others = new ArrayList<>(nodes.values());
        others.remove(node);
        return others;
    }

    /** Stops every outsider, then every node ({@link #stopAll}). */
    @Override
    public void close() {
        RuntimeException failure = closeAll(outsiders);
        try {
            stopAll();
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Stops every running node: the others first, all at once, then the oldest alone. When the oldest leaves
     * together with the rest, its own exit waits out a 10 s timeout of coordinated shutdown (cluster-exiting).
     * A node that does not stop in time is killed.
     */
    public void stopAll() {
        List<ChaosNode> running = nodes.values().stream().filter(ChaosNode::alive).toList();
        ChaosNode oldest = oldestOf(running);
        List<ChaosNode> first = running.stream().filter(n -> n != oldest).toList();
        first.forEach(ChaosNode::requestStop);
        RuntimeException failure = closeAll(first);
        if (oldest != null) {
            failure = failure != null ? failure : closeAll(List.of(oldest));
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The running node that a running node names oldest; null if none answers. */
    private static ChaosNode oldestOf(List<ChaosNode> running) {
        for (ChaosNode node : running) {
            try {
                String oldest = ClusterView.oldest(node);
                return running.stream().filter(n -> n.clusterAddress().equals(oldest)).findFirst().orElse(null);
            } catch (RuntimeException e) {
                // paused, partitioned or starting: ask the next one
            }
        }
        return null;
    }

    private static RuntimeException closeAll(List<ChaosNode> nodes) {
        RuntimeException failure = null;
        for (ChaosNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        return failure;
    }
}
