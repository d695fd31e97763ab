package io.syncline.api;

import com.typesafe.config.Config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code syncline.http}'s rules on who may send requests: the {@code Host} values the API answers (empty: any, for
 * a node reached by IP or many names; set it where a browser could be tricked into calling the node under another
 * name) and the web origins allowed to call it from a browser (CORS; none unless listed).
 */
public record HttpSettings(List<String> allowedHosts, List<String> corsOrigins) {

    public HttpSettings {
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("syncline.http.cors-allowed-origins must hold origins like"
                        + " 'https://tools.example.com' (scheme and host, no path), was '" + origin + "'");
            }
        }
    }

    public static HttpSettings fromConfig(Config config) {
        Config http = config.getConfig("syncline.http");
        return new HttpSettings(list(http.getString("allowed-hosts")), list(http.getString("cors-allowed-origins")));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
