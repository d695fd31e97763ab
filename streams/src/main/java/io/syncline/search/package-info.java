/**
 * Semantic search over a workspace's active index generation: embeds the query with the workspace's model and asks
 * Cassandra for the nearest chunks. Reads only; never writes.
 */
package io.syncline.search;
