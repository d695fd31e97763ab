package io.syncline.source;

import org.eclipse.jgit.transport.http.HttpConnection;
import org.junit.jupiter.api.Test;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetedConnectionTest {

    private static final GitHttpGuard.Rules RULES = new GitHttpGuard.Rules(Set.of(), Duration.ofMinutes(1), 1000);

    @Test
    void aFetchStopsOnceItsConnectionsTogetherReadMoreThanTheBudget() throws IOException {
        GitHttpGuard.Fetch fetch = new GitHttpGuard.Fetch("git.example", System.nanoTime()
                + Duration.ofMinutes(1).toNanos(), new AtomicLong());

        byte[] first = new BudgetedConnection(serving(600), fetch, RULES).getInputStream().readAllBytes();
        InputStream second = new BudgetedConnection(serving(600), fetch, RULES).getInputStream();

        assertThat(first).hasSize(600);
        assertThatThrownBy(second::readAllBytes).isInstanceOf(GitHttpGuard.Refused.class)
                .hasMessageContaining("read more than 1000 bytes").hasMessageContaining("max-fetch-bytes");
    }

    @Test
    void aFetchPastItsDeadlineStops() {
        GitHttpGuard.Fetch late = new GitHttpGuard.Fetch("git.example", System.nanoTime() - 1, new AtomicLong());

        assertThatThrownBy(() -> new BudgetedConnection(serving(10), late, RULES).getInputStream())
                .isInstanceOf(GitHttpGuard.Refused.class).hasMessageContaining("fetch-deadline");
    }

    /** A connection that answers {@code bytes} bytes and supports nothing else. */
    private static HttpConnection serving(int bytes) {
        return new HttpConnection() {
            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(new byte[bytes]);
            }

            @Override
            public int getResponseCode() {
                return 200;
            }

            @Override
            public URL getURL() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String getResponseMessage() {
                return "OK";
            }

            @Override
            public Map<String, List<String>> getHeaderFields() {
                return Map.of();
            }

            @Override
            public void setRequestProperty(String key, String value) {
            }

            @Override
            public void setRequestMethod(String method) {
            }

            @Override
            public void setUseCaches(boolean useCaches) {
            }

            @Override
            public void setConnectTimeout(int timeout) {
            }

            @Override
            public void setReadTimeout(int timeout) {
            }

            @Override
            public String getContentType() {
                return "application/x-git-upload-pack-result";
            }

            @Override
            public String getHeaderField(String name) {
                return null;
            }

            @Override
            public List<String> getHeaderFields(String name) {
                return List.of();
            }

            @Override
            public int getContentLength() {
                return bytes;
            }

            @Override
            public void setInstanceFollowRedirects(boolean follow) {
            }

            @Override
            public void setDoOutput(boolean doOutput) {
            }

            @Override
            public void setFixedLengthStreamingMode(int length) {
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void setChunkedStreamingMode(int chunkLength) {
            }

            @Override
            public String getRequestMethod() {
                return "POST";
            }

            @Override
            public boolean usingProxy() {
                return false;
            }

            @Override
            public void connect() {
            }

            @Override
            public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            }

            @Override
            public void setHostnameVerifier(HostnameVerifier verifier) {
            }
        };
    }
}
