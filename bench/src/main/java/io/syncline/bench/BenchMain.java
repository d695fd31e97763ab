package io.syncline.bench;

import java.util.Arrays;

/** {@code bin/syncline bench NAME [--option value ...]}: runs one benchmark and prints its RESULT line. */
public final class BenchMain {

    private static final String USAGE = """
            usage: bin/syncline bench NAME [--option value ...]
              ingest  [--docs 2000] [--model all-minilm-l6-v2-q] [--repo PATH] [--seed 42] [--rounds 3]
              resync  [--docs 500] [--model all-minilm-l6-v2-q] [--repo PATH] [--seed 42] [--rounds 3]
              search  [--chunks 100000] [--clients 8] [--queries 2000] [--k 10] [--keep yes|no]
              remote  [--docs 2000] [--rpm 600] [--latency-ms 20] [--batch 4] [--concurrency 4]
              write   [--rows 10000] [--rounds 3] [--layouts table,vector,...,syncline]
              memory  [--docs 10000] [--heap 1g]
              cluster [--workspaces 6] [--docs 200] [--latency-ms 2000] [--batch 8] [--node-calls 4]
                      [--heap 384] [--failover-docs 400] [--failover-latency-ms 200]
            docs/benchmarks.md describes each benchmark and holds the latest figures.""";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Result result;
        try {
            result = run(args[0], Options.parse(Arrays.copyOfRange(args, 1, args.length)));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        System.out.println(result.line());
        System.exit(0); // the node's and the models' non-daemon threads would keep the JVM alive
    }

    static Result run(String name, Options options) throws Exception {
        BenchCassandra.sweepLeftovers();
        return switch (name) {
            case "ingest" -> new IngestBenchmark(options).run();
            case "resync" -> new ResyncBenchmark(options).run();
            case "search" -> new SearchBenchmark(options).run();
            case "remote" -> new RemoteBenchmark(options).run();
            case "write" -> new WriteBenchmark(options).run();
            case "memory" -> new MemoryBenchmark(options).run();
            case "cluster" -> new ClusterBenchmark(options).run();
            default -> throw new IllegalArgumentException("no benchmark '" + name + "'");
        };
    }
}
