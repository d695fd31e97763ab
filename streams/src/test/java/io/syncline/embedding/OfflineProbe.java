package io.syncline.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.syncline.chunking.ModelTokenizer;
import io.syncline.testing.Vectors;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link EmbeddingStaysOfflineTest}: prints "attempt URL" for every http(s) URL
 * connection the JVM opens while it loads and uses a model, then "done". The connections are made by a stream
 * handler of ours that fails them before any socket opens, so nothing leaves the JVM, even in the control run
 * (DJL opens its connections with Proxy.NO_PROXY, which a ProxySelector would never see).
 *
 * <p>{@code syncline}: the way the node loads models. {@code bare}: DJL's tokenizer loaded directly with no
 * precaution, the control that shows DJL does try to phone home.
 */
public final class OfflineProbe {

    private OfflineProbe() {
    }

    public static void main(String[] args) throws IOException {
        URL.setURLStreamHandlerFactory(protocol -> protocol.equals("http") || protocol.equals("https")
                ? new RecordingHandler() : null);
        if (args[0].equals("syncline")) {
            try (Embedders embedders = new Embedders(2)) {
                Embedder embedder = embedders.forSpec(EmbeddingSpec.defaultSpec());
                Vectors.of(embedder, List.of("a few words to embed"));
                embedder.embedQuery("a query").toCompletableFuture().join();
                ModelTokenizer.of(LocalModel.DEFAULT).countTokens("a few words to count");
            }
        } else {
            try (var in = LocalModel.DEFAULT.openTokenizerJson()) {
                HuggingFaceTokenizer.newInstance(in, Map.of()).encode("a few words");
            }
        }
        System.out.println("done");
        System.exit(0);
    }

    /** Records a connection and fails it: no socket is ever opened. */
    private static final class RecordingHandler extends URLStreamHandler {

        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            System.out.println("attempt " + url);
            throw new IOException("connections are blocked in this probe");
        }

        @Override
        protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
            return openConnection(url);
        }
    }
}
