package io.syncline.node;

import com.typesafe.config.Config;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * TLS for the API, when the operator gives a PKCS#12 keystore and a file holding its password
 * ({@code syncline.http.tls.keystore} and {@code .password-file}, both paths, so that no secret sits in the config or
 * the environment). Either both or neither; a keystore that cannot be opened stops the node at start with the reason.
 */
final class ApiTls {

    private ApiTls() {
    }

    static Optional<HttpsConnectionContext> fromConfig(Config config) {
        String keystore = config.getString("syncline.http.tls.keystore");
        String passwordFile = config.getString("syncline.http.tls.password-file");
        if (keystore.isEmpty() && passwordFile.isEmpty()) {
            return Optional.empty();
        }
        if (keystore.isEmpty() || passwordFile.isEmpty()) {
            throw new IllegalArgumentException("TLS for the API needs both syncline.http.tls.keystore"
                    + " (SYNCLINE_HTTP_TLS_KEYSTORE) and syncline.http.tls.password-file"
                    + " (SYNCLINE_HTTP_TLS_PASSWORD_FILE); one of them is empty");
        }
        return Optional.of(ConnectionContext.httpsServer(sslContext(Path.of(keystore), Path.of(passwordFile))));
    }

    private static SSLContext sslContext(Path keystore, Path passwordFile) {
        char[] password;
        try {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API's TLS password file " + passwordFile + ": "
                    + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open the API's TLS keystore " + keystore
                    + " (PKCS#12, with the password in " + passwordFile + "): " + e.getMessage(), e);
        }
    }
}
