package io.syncline.source;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every HTTP connection JGit opens, checked before it is made: https only, to the host the source names (a redirect
 * elsewhere is refused), for git's smart protocol only (the dumb protocol and its alternates, which can name any
 * URL, are refused), and never to a loopback, private, link-local, multicast or unspecified address unless the
 * operator lists the host ({@code syncline.sources.allowed-git-hosts}). A fetch also has a deadline and a byte budget,
 * counted across its connections. Installed once per JVM, since JGit has one connection factory.
 */
public final class GitHttpGuard implements HttpConnectionFactory {

    /** The rules a node's fetches follow. */
    public record Rules(Set<String> allowedHosts, Duration fetchDeadline, long maxFetchBytes) {

        public Rules {
            allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    /** A connection the rules do not allow: the source's mistake, which trying again will not mend. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One fetch in progress on this thread: its origin, when it must end and how many bytes it read. */
    record Fetch(String host, long deadlineNanos, AtomicLong bytes) {
    }

    private static final ThreadLocal<Fetch> CURRENT = new ThreadLocal<>();
    private static volatile Rules rules = new Rules(Set.of(), Duration.ofMinutes(30), 2L << 30);

    private final HttpConnectionFactory delegate = new JDKHttpConnectionFactory();

    private GitHttpGuard() {
    }

    /** Makes every JGit HTTP connection of this JVM pass the guard, with these rules. */
    public static synchronized void install(Rules newRules) {
        rules = newRules;
        if (!(HttpTransport.getConnectionFactory() instanceof GitHttpGuard)) {
            HttpTransport.setConnectionFactory(new GitHttpGuard());
        }
    }

    /** A clone, fetch or ls-remote. */
    interface GitCall<T> {
        T call() throws GitAPIException, IOException;
    }

    /** Runs a clone, fetch or ls-remote of {@code location} under the guard's deadline and byte budget. */
    static <T> T during(GitLocation location, GitCall<T> work) throws GitAPIException, IOException {
        if (location.isLocal()) {
            return work.call();
        }
        Fetch previous = CURRENT.get();
        CURRENT.set(new Fetch(hostOf(new URL(location.transportUri())), System.nanoTime()
                + rules.fetchDeadline().toNanos(), new AtomicLong()));
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        Fetch fetch = CURRENT.get();
        check(url, fetch, rules);
        HttpConnection connection = proxy == null ? delegate.create(url) : delegate.create(url, proxy);
        return fetch == null ? connection : new BudgetedConnection(connection, fetch, rules);
    }

    /** Throws, saying why, if the connection may not be made. */
    static void check(URL url, Fetch fetch, Rules rules) throws IOException {
        String host = hostOf(url);
        if (!"https".equalsIgnoreCase(url.getProtocol())) {
            throw new Refused("only https is used to fetch git sources, not " + url.getProtocol());
        }
        if (fetch != null && !host.equals(fetch.host())) {
            throw new Refused("the server sent the fetch to another host (" + host + "); a fetch stays on "
                    + fetch.host());
        }
        String path = url.getPath();
        boolean smart = path.endsWith("/git-upload-pack")
                || (path.endsWith("/info/refs") && "service=git-upload-pack".equals(url.getQuery()));
        if (!smart) {
            throw new Refused("only git's smart HTTP protocol is used; the server asked for " + path
                    + " (the dumb protocol, or alternates), which is refused");
        }
        if (rules.allowedHosts().contains(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("the host " + host + " is not known (now)", e);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new Refused("the host " + host + " is an internal address, where sources may not be"
                        + " fetched from unless the operator lists the host in syncline.sources.allowed-git-hosts");
            }
        }
    }

    /** Loopback, private (and IPv6 unique local), link-local, multicast, unspecified, or carrier-grade NAT. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64 // 100.64.0.0/10
                || (bytes[0] & 0xff) == 0; // 0.0.0.0/8
    }

    private static String hostOf(URL url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
