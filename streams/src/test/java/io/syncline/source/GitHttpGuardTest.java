package io.syncline.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitHttpGuardTest {

    private static final GitHttpGuard.Rules NONE_ALLOWED = new GitHttpGuard.Rules(Set.of(), Duration.ofMinutes(1),
            1000);
    private static final GitHttpGuard.Fetch OF_PUBLIC_HOST = new GitHttpGuard.Fetch("93.184.215.14",
            System.nanoTime() + Duration.ofMinutes(1).toNanos(), new AtomicLong());

    private static void check(String url, GitHttpGuard.Fetch fetch, GitHttpGuard.Rules rules) throws IOException {
        GitHttpGuard.check(new URL(url), fetch, rules);
    }

    @Test
    void theSmartProtocolOfTheSourcesOwnPublicHostIsAllowed() {
        assertThatCode(() -> check("https://93.184.215.14/r.git/info/refs?service=git-upload-pack", OF_PUBLIC_HOST,
                NONE_ALLOWED)).doesNotThrowAnyException();
        assertThatCode(() -> check("https://93.184.215.14/r.git/git-upload-pack", OF_PUBLIC_HOST, NONE_ALLOWED))
                .doesNotThrowAnyException();
    }

    @Test
    void aRedirectToAnotherHostIsRefused() {
        assertThatThrownBy(() -> check("https://93.184.215.15/r.git/git-upload-pack", OF_PUBLIC_HOST, NONE_ALLOWED))
                .isInstanceOf(GitHttpGuard.Refused.class).hasMessageContaining("a fetch stays on 93.184.215.14");
    }

    @Test
    void theDumbProtocolAndItsAlternatesAreRefused() {
        for (String path : new String[]{"/r.git/info/refs", "/r.git/objects/info/http-alternates",
                "/r.git/objects/info/alternates", "/r.git/objects/pack/pack-1.pack", "/r.git/HEAD"}) {
            assertThatThrownBy(() -> check("https://93.184.215.14" + path, OF_PUBLIC_HOST, NONE_ALLOWED))
                    .as(path).isInstanceOf(GitHttpGuard.Refused.class).hasMessageContaining("smart HTTP protocol");
        }
        assertThatThrownBy(() -> check("http://93.184.215.14/r.git/git-upload-pack", OF_PUBLIC_HOST, NONE_ALLOWED))
                .hasMessageContaining("only https");
    }

    @Test
    void internalAddressesAreRefusedUnlessTheOperatorListsTheHost() {
        for (String host : new String[]{"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "0.0.0.0", "100.64.0.1", "[::1]", "[fd00::1]", "[fe80::1]", "224.0.0.1"}) {
            assertThatThrownBy(() -> check("https://" + host + "/r.git/git-upload-pack", null, NONE_ALLOWED))
                    .as(host).isInstanceOf(GitHttpGuard.Refused.class)
                    .hasMessageContaining("syncline.sources.allowed-git-hosts");
        }
        GitHttpGuard.Rules internalAllowed = new GitHttpGuard.Rules(Set.of("10.1.2.3"), Duration.ofMinutes(1), 1000);
        assertThatCode(() -> check("https://10.1.2.3/r.git/git-upload-pack", null, internalAllowed))
                .doesNotThrowAnyException();
    }

    @Test
    void publicAddressesAreNotInternal() throws IOException {
        assertThat(GitHttpGuard.isInternal(InetAddress.getByName("93.184.215.14"))).isFalse();
        assertThat(GitHttpGuard.isInternal(InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c")))
                .isFalse();
    }
}
