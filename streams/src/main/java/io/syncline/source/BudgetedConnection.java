package io.syncline.source;

import org.eclipse.jgit.transport.http.HttpConnection;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URL;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * A JGit HTTP connection that counts what it reads against its fetch's byte budget and stops at its deadline, so
 * that a server which sends without end, or a trickle that never ends, cannot fill the disk or hold a job forever.
 */
final class BudgetedConnection implements HttpConnection {

    private final HttpConnection delegate;
    private final GitHttpGuard.Fetch fetch;
    private final GitHttpGuard.Rules rules;

    BudgetedConnection(HttpConnection delegate, GitHttpGuard.Fetch fetch, GitHttpGuard.Rules rules) {
        this.delegate = delegate;
        this.fetch = fetch;
        this.rules = rules;
    }

    private void checkDeadline() throws IOException {
        if (System.nanoTime() - fetch.deadlineNanos() > 0) {
            throw new GitHttpGuard.Refused("the fetch from " + fetch.host() + " took longer than "
                    + rules.fetchDeadline().toMinutes() + " min (syncline.sources.fetch-deadline)");
        }
    }

    private void count(long read) throws IOException {
        if (read > 0 && fetch.bytes().addAndGet(read) > rules.maxFetchBytes()) {
            throw new GitHttpGuard.Refused("the fetch from " + fetch.host() + " read more than " + rules.maxFetchBytes()
                    + " bytes (syncline.sources.max-fetch-bytes)");
        }
        checkDeadline();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        checkDeadline();
        return new FilterInputStream(delegate.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }
        };
    }

    @Override
    public void connect() throws IOException {
        checkDeadline();
        delegate.connect();
    }

    @Override
    public int getResponseCode() throws IOException {
        return delegate.getResponseCode();
    }

    @Override
    public URL getURL() {
        return delegate.getURL();
    }

    @Override
    public String getResponseMessage() throws IOException {
        return delegate.getResponseMessage();
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
        return delegate.getHeaderFields();
    }

    @Override
    public void setRequestProperty(String key, String value) {
        delegate.setRequestProperty(key, value);
    }

    @Override
    public void setRequestMethod(String method) throws ProtocolException {
        delegate.setRequestMethod(method);
    }

    @Override
    public void setUseCaches(boolean useCaches) {
        delegate.setUseCaches(useCaches);
    }

    @Override
    public void setConnectTimeout(int timeout) {
        delegate.setConnectTimeout(timeout);
    }

    @Override
    public void setReadTimeout(int timeout) {
        delegate.setReadTimeout(timeout);
    }

    @Override
    public String getContentType() {
        return delegate.getContentType();
    }

    @Override
    public String getHeaderField(String name) {
        return delegate.getHeaderField(name);
    }

    @Override
    public List<String> getHeaderFields(String name) {
        return delegate.getHeaderFields(name);
    }

    @Override
    public int getContentLength() {
        return delegate.getContentLength();
    }

    @Override
    public void setInstanceFollowRedirects(boolean follow) {
        // JGit follows redirects itself, through new connections that pass the guard; never the JDK behind it.
        delegate.setInstanceFollowRedirects(false);
    }

    @Override
    public void setDoOutput(boolean doOutput) {
        delegate.setDoOutput(doOutput);
    }

    @Override
    public void setFixedLengthStreamingMode(int length) {
        delegate.setFixedLengthStreamingMode(length);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkDeadline();
        return delegate.getOutputStream();
    }

    @Override
    public void setChunkedStreamingMode(int chunkLength) {
        delegate.setChunkedStreamingMode(chunkLength);
    }

    @Override
    public String getRequestMethod() {
        return delegate.getRequestMethod();
    }

    @Override
    public boolean usingProxy() {
        return delegate.usingProxy();
    }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
            throws NoSuchAlgorithmException, KeyManagementException {
        delegate.configure(km, tm, random);
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier verifier)
            throws NoSuchAlgorithmException, KeyManagementException {
        delegate.setHostnameVerifier(verifier);
    }
}
