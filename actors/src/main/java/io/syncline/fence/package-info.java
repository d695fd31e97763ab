/**
 * Whether this node may write: it may not once it has lost sight of the cluster's majority, or after a pause long
 * enough that the others may have downed it. Entities check before they persist. Nothing here writes or reads
 * storage.
 */
package io.syncline.fence;
