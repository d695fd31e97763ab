package io.syncline.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three (or more) Syncline nodes of one cluster, each in a host of its own on the test network, sharing one
 * keyspace of the chaos Cassandra and one ordered seed list. Nodes start one at a time, the first seed first, so that
 * the cluster forms the way a rolling deployment forms it.
 */
public final class ChaosCluster implements AutoCloseable {

    private final Map<String, ChaosNode> nodes = new LinkedHashMap<>();

    /**
     * @param names       the nodes' host names, seeds in this order
     * @param settings    extra -D settings for every node
     * @param environment extra environment variables for every node
     */
    public ChaosCluster(TestNetwork network, ChaosCassandra cassandra, Path runDir, String keyspace,
                        List<String> names, Map<String, String> settings, Map<String, String> environment) {
        List<TestNetwork.Host> hosts = names.stream().map(network::addHost).toList();
        ChaosNode.Config config = new ChaosNode.Config(keyspace, cassandra.contactPoint(),
                hosts.stream().map(ChaosNode::seedNode).toList(), settings, environment);
        for (TestNetwork.Host host : hosts) {
            nodes.put(host.name(), new ChaosNode(network, host, runDir.resolve(host.name()), config));
        }
    }

    /** Starts each node and waits for it to be ready before the next; returns how long each took. */
    public Map<String, Duration> startOneByOne(Duration eachWithin) {
        Map<String, Duration> took = new LinkedHashMap<>();
        for (ChaosNode node : nodes.values()) {
            Instant begin = Instant.now();
            node.start();
            node.awaitReady(eachWithin);
            took.put(node.name(), Duration.between(begin, Instant.now()));
        }
        return took;
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

    /** Stops every running node (SIGTERM to all, then waits for each); kills a node that does not stop in time. */
    @Override
    public void close() {
        List<ChaosNode> running = nodes.values().stream().filter(ChaosNode::alive).toList();
        running.forEach(ChaosNode::requestStop);
        RuntimeException failure = null;
        for (ChaosNode node : running) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
