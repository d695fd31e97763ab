package io.syncline.chaos;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The network itself: reach, isolation from everything else, cuts and their healing, and cleanup. */
@Order(1)
class TestNetworkIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void hostsReachTheBridgeUntilCutAndNothingOffTheMachine() throws IOException {
        try (TestNetwork network = TestNetwork.create();
             ServerSocket listener = new ServerSocket(0, 8, InetAddress.getByName(network.bridgeAddress()))) {
            TestNetwork.Host a = network.addHost("a");
            TestNetwork.Host b = network.addHost("b");
            assertThat(a.address()).isEqualTo("10.213.0.2");
            assertThat(b.address()).isEqualTo("10.213.0.3");

            assertThat(connects(network, a, network.bridgeAddress(), listener.getLocalPort())).isTrue();
            assertThat(route(network, a, b.address())).contains("dev slc-a-n");
            // no default route: anything off the subnet is unreachable before a packet leaves
            assertThat(route(network, a, "192.0.2.2")).contains("unreachable");
            assertThat(route(network, a, "127.0.0.1")).contains("dev lo");

            network.cut(a, network.bridgeAddress());
            assertThat(connects(network, a, network.bridgeAddress(), listener.getLocalPort())).isFalse();
            network.heal(a, network.bridgeAddress());
            assertThat(connects(network, a, network.bridgeAddress(), listener.getLocalPort())).isTrue();

            network.partition(a, b);
            assertThat(route(network, a, b.address())).doesNotContain("dev slc-a-n");
            assertThat(route(network, b, a.address())).doesNotContain("dev slc-b-n");
            network.healPartition(a, b);
            assertThat(route(network, a, b.address())).contains("dev slc-a-n");
            assertThat(route(network, b, a.address())).contains("dev slc-b-n");
        }
        assertThat(Commands.run(WAIT, "ip", "netns", "list")).doesNotContain(TestNetwork.PREFIX);
        assertThat(Commands.run(WAIT, "ip", "-o", "link", "show")).doesNotContain(TestNetwork.PREFIX);
    }

    @Test
    void creationSweepsWhatAKilledRunLeftBehindAndEndsItsProcesses() throws IOException {
        Commands.run(WAIT, "ip", "netns", "add", TestNetwork.PREFIX + "old");
        Commands.run(WAIT, "ip", "link", "add", TestNetwork.PREFIX + "oldbr", "type", "bridge");
        // a process of the dead run, still inside its namespace (a bounded one, should the sweep miss it)
        Process orphan = new ProcessBuilder("ip", "netns", "exec", TestNetwork.PREFIX + "old", "sleep", "300").start();
        Await.until(WAIT, "the orphan inside the namespace", () -> {
            assertThat(Commands.run(WAIT, "ip", "netns", "pids", TestNetwork.PREFIX + "old"))
                    .contains(String.valueOf(orphan.pid()));
            return null;
        });
        try (TestNetwork network = TestNetwork.create()) {
            assertThat(network.hosts()).isEmpty();
            assertThat(Commands.run(WAIT, "ip", "netns", "list")).doesNotContain(TestNetwork.PREFIX + "old");
            assertThat(Commands.run(WAIT, "ip", "-o", "link", "show")).doesNotContain(TestNetwork.PREFIX + "oldbr");
            assertThat(Pids.alive(orphan.pid())).isFalse();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void refusesASubnetTheMachineAlreadyRoutes() {
        String loopbackNet = "127.0.0.0/24";
        assertThatThrownBy(() -> TestNetwork.create(loopbackNet)).hasMessageContaining("is in use on this machine");
        assertThat(Commands.run(WAIT, "ip", "-o", "link", "show")).doesNotContain(TestNetwork.PREFIX);
    }

    /** Whether a TCP connection from inside the host's namespace is accepted, tried once with a bound. */
    private static boolean connects(TestNetwork network, TestNetwork.Host from, String address, int port) {
        List<String> probe = List.of("timeout", "3", "bash", "-c", "exec 3<>/dev/tcp/" + address + "/" + port);
        return Commands.exec(WAIT, Map.of(), network.inNamespace(from, probe)).ok();
    }

    /** What the host's routing table says about an address (a lookup: nothing is sent). */
    private static String route(TestNetwork network, TestNetwork.Host from, String address) {
        Commands.Result result = Commands.exec(WAIT, Map.of(), List.of("ip", "-n", from.namespace(), "route", "get",
                address));
        return result.output();
    }
}
