package io.syncline.bench;

import java.util.Arrays;
import java.util.Map;

/** {@code bin/syncline bench NAME [--option value ...]}: runs one benchmark. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "remote" -> new RemoteBenchmark(options).run();
            default -> usage();
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: bin/syncline bench remote [--docs N] [--rpm R] [--latency-ms L] [--batch B]"
                + " [--concurrency C]");
        System.exit(2);
    }

    /** {@code --name value} pairs. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args) {
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                values.put(args[i].substring(2), args[i + 1]);
            }
            return new Options(values);
        }

        int integer(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }
    }
}
