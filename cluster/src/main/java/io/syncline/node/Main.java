package io.syncline.node;

import java.nio.file.Path;

/**
 * The node's entry point, run by bin/syncline: {@code serve} runs a node until it is stopped; {@code demo SOURCE}
 * runs a node, indexes the git repository at SOURCE into workspace "demo", shows a few searches and keeps serving.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (!command.equals("serve") && !command.equals("demo")) {
            System.err.println("usage: Main serve | Main demo <git repository>");
            System.exit(2);
        }
        SynclineNode node;
        try {
            node = SynclineNode.start(NodeConfig.load());
        } catch (RuntimeException e) {
            System.err.println("Syncline could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (command.equals("demo")) {
            Path source = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
            try {
                Demo.on(node, System.out).run(source);
            } catch (Exception e) {
                System.err.println("the demo failed: " + e.getMessage() + " (the node keeps serving)");
            }
        }
        // Serve until coordinated shutdown (Ctrl-C, SIGTERM, or a cluster leave) terminates the actor system.
        node.system().getWhenTerminated().toCompletableFuture().join();
    }
}
