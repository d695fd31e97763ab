/**
 * The Cassandra session's helpers and the schema: versioned, idempotent migrations the node applies at start.
 * Nothing here knows about workspaces or the pipeline.
 */
package io.syncline.cassandra;
