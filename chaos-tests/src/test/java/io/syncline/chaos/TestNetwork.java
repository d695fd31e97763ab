package io.syncline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A private network on this machine for one chaos run: a bridge in the host's namespace holding the first address of
 * a /24, and per host a network namespace with a veth pair (one end on the bridge, the other up with the host's
 * address) and its own loopback. Faults are blackhole routes inside a namespace.
 *
 * <p>No namespace gets a default route and nothing is forwarded off the machine (the host keeps ip_forward=0), so a
 * host reaches only its own loopback, the other hosts and the bridge's address, where the test JVM answers. Every
 * name starts with {@value #PREFIX}, so that creation can sweep what a killed earlier run left behind: runs must not
 * overlap (the build takes /tmp/syncline-heavy.lock around them). Root only; it never skips.
 */
public final class TestNetwork implements AutoCloseable {

    /** The start of every namespace, link and bridge name; interface names must stay within 15 characters. */
    public static final String PREFIX = "slc-";
    /** The subnet chaos runs use unless told otherwise. */
    public static final String DEFAULT_SUBNET = "10.213.0.0/24";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final String BRIDGE = PREFIX + "br";
    private static final int MAX_HOSTS = 20;
    private static final Duration LEFTOVER_TIMEOUT = Duration.ofSeconds(10);

    /** One host of the network: a namespace and its address on the bridge. */
    public record Host(String name, String namespace, String address) {
    }

    private record Cut(Host from, String address) {
    }

    private final String ip;
    private final Ipv4Prefix subnet;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Set<Cut> cuts = new LinkedHashSet<>();

    private TestNetwork(String ip, Ipv4Prefix subnet) {
        this.ip = ip;
        this.subnet = subnet;
    }

    public static TestNetwork create() {
        return create(DEFAULT_SUBNET);
    }

    /** Sweeps leftovers, checks the subnet is free, and makes the bridge. */
    public static TestNetwork create(String subnet) {
        Ipv4Prefix prefix = Ipv4Prefix.parse(subnet);
        if (prefix.length() != 24) {
            throw new IllegalArgumentException("the test network is a /24, not " + subnet);
        }
        requireRoot();
        TestNetwork network = new TestNetwork(Commands.which("ip").toString(), prefix);
        network.sweep();
        network.requireUnused();
        network.ip("link", "add", BRIDGE, "type", "bridge");
        network.ip("addr", "add", network.bridgeAddress() + "/24", "dev", BRIDGE);
        network.ip("link", "set", BRIDGE, "up");
        return network;
    }

    /** The host side's address on the bridge: where servers of the test JVM (the fake provider) listen. */
    public String bridgeAddress() {
        return subnet.host(1);
    }

    /**
     * A new host: namespace {@code slc-<name>}, the next address of the subnet (from .2 on), loopback up.
     *
     * @param name 1 to 6 characters of a-z and 0-9, so that {@code slc-<name>-h} fits an interface name
     */
    public Host addHost(String name) {
        if (!name.matches("[a-z0-9]{1,6}")) {
            throw new IllegalArgumentException("a host name is 1 to 6 characters of a-z and 0-9, not '" + name + "'");
        }
        if (hosts.containsKey(name) || hosts.size() >= MAX_HOSTS) {
            throw new IllegalArgumentException("host " + name + " exists, or the network is full");
        }
        Host host = new Host(name, PREFIX + name, subnet.host(hosts.size() + 2));
        String outside = PREFIX + name + "-h";
        String inside = PREFIX + name + "-n";
        hosts.put(name, host);
        ip("netns", "add", host.namespace());
        ip("link", "add", outside, "type", "veth", "peer", "name", inside);
        ip("link", "set", inside, "netns", host.namespace());
        ip("link", "set", outside, "master", BRIDGE);
        ip("link", "set", outside, "up");
        ip("-n", host.namespace(), "addr", "add", host.address() + "/24", "dev", inside);
        ip("-n", host.namespace(), "link", "set", inside, "up");
        ip("-n", host.namespace(), "link", "set", "lo", "up");
        return host;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The command line that runs {@code command} inside the host's namespace ({@code ip netns exec} execs it). */
    public List<String> inNamespace(Host host, List<String> command) {
        List<String> line = new ArrayList<>(List.of(ip, "netns", "exec", host.namespace()));
        line.addAll(command);
        return line;
    }

    /**
     * Drops every packet the host sends to {@code address}: new connections fail at once, established ones stall
     * until {@link #heal}. Cutting the bridge's address also cuts the test JVM off from that host.
     */
    public void cut(Host from, String address) {
        if (cuts.add(new Cut(from, address))) {
            ip("-n", from.namespace(), "route", "add", "blackhole", address + "/32");
        }
    }

    public void heal(Host from, String address) {
        if (cuts.remove(new Cut(from, address))) {
            ip("-n", from.namespace(), "route", "del", "blackhole", address + "/32");
        }
    }

    /** Cuts {@code host} off from each of {@code others}, in both directions. */
    public void partition(Host host, Host... others) {
        for (Host other : others) {
            cut(host, other.address());
            cut(other, host.address());
        }
    }

    /** Undoes {@link #partition} of the same hosts. */
    public void healPartition(Host host, Host... others) {
        for (Host other : others) {
            heal(host, other.address());
            heal(other, host.address());
        }
    }

    public void healAll() {
        for (Cut cut : List.copyOf(cuts)) {
            heal(cut.from(), cut.address());
        }
    }

    /**
     * Removes every link, namespace and bridge this network made, and fails if any is still there after a while (a
     * process left running inside a namespace keeps it, and its veth, alive).
     */
    @Override
    public void close() {
        cuts.clear();
        for (Host host : hosts.values()) {
            // deleting a veth end removes its peer at once; a deleted namespace takes its links away only later
            ipAllowingFailure("link", "del", PREFIX + host.name() + "-h");
            ipAllowingFailure("netns", "del", host.namespace());
        }
        hosts.clear();
        ipAllowingFailure("link", "del", BRIDGE);
        awaitNoLeftovers("the test network could not remove");
    }

    /**
     * Deletes what a killed earlier run left: the processes still inside its namespaces (a node or Cassandra whose
     * test JVM died; only chaos runs make namespaces with this prefix, one run at a time), host links (a veth's peer
     * goes with it), then the namespaces.
     */
    private void sweep() {
        for (String namespace : namespaces()) {
            for (String pid : ip("netns", "pids", namespace).lines().map(String::strip).filter(p -> !p.isEmpty())
                    .toList()) {
                if (Pids.alive(Long.parseLong(pid))) {
                    Pids.kill(Long.parseLong(pid), "a process left in namespace " + namespace);
                }
            }
        }
        for (String link : links()) {
            // the peer of a veth deleted just before is gone already
            ipAllowingFailure("link", "del", link);
        }
        for (String namespace : namespaces()) {
            ip("netns", "del", namespace);
        }
        awaitNoLeftovers("cannot sweep the leftovers of an earlier chaos run:");
    }

    private void awaitNoLeftovers(String failure) {
        long deadline = System.nanoTime() + LEFTOVER_TIMEOUT.toNanos();
        List<String> left = leftovers();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Await.pause();
            left = leftovers();
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException(failure + " " + left + " within " + LEFTOVER_TIMEOUT.toSeconds()
                    + " s (is a process of an earlier run still inside a namespace? ip netns pids NAME)");
        }
    }

    private List<String> leftovers() {
        List<String> left = new ArrayList<>(namespaces());
        left.addAll(links());
        return left;
    }

    private List<String> namespaces() {
        return ip("netns", "list").lines().map(line -> line.split("\\s+")[0])
                .filter(name -> name.startsWith(PREFIX)).toList();
    }

    /** Links of the host's namespace: "7: slc-n1-h@if6: <BROADCAST,...". */
    private List<String> links() {
        return ip("-o", "link", "show").lines().map(line -> line.split(":\\s+")[1].split("@")[0])
                .filter(name -> name.startsWith(PREFIX)).toList();
    }

    /** Fails when any route or address of the host lies in the subnet: the network would shadow or clash with it. */
    private void requireUnused() {
        List<String> clashes = new ArrayList<>();
        for (String route : ip("-4", "route", "show", "table", "all").lines().toList()) {
            for (String token : route.split("\\s+")) {
                if (Ipv4Prefix.looksLikeOne(token) && Ipv4Prefix.parse(token).overlaps(subnet)) {
                    clashes.add("route '" + route.strip() + "'");
                    break;
                }
            }
        }
        for (String address : ip("-4", "-o", "addr", "show").lines().toList()) {
            String[] tokens = address.split("\\s+");
            for (int i = 0; i + 1 < tokens.length; i++) {
                if (tokens[i].equals("inet") && Ipv4Prefix.parse(tokens[i + 1]).overlaps(subnet)) {
                    clashes.add("address '" + address.strip() + "'");
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("the chaos test network's subnet " + subnet + " is in use on this machine ("
                    + String.join(", ", clashes) + "): free it or give TestNetwork.create another subnet");
        }
    }

    private static void requireRoot() {
        try {
            String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElse("Uid: ?").split("\\s+")[1];
            if (!uid.equals("0")) {
                throw new IllegalStateException("the chaos tests make network namespaces and must run as root (uid 0),"
                        + " not as uid " + uid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status to check for root", e);
        }
    }

    private String ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ip));
        command.addAll(List.of(args));
        return Commands.exec(COMMAND_TIMEOUT, Map.of(), command).orThrow().output();
    }

    private void ipAllowingFailure(String... args) {
        List<String> command = new ArrayList<>(List.of(ip));
        command.addAll(List.of(args));
        Commands.exec(COMMAND_TIMEOUT, Map.of(), command);
    }
}
