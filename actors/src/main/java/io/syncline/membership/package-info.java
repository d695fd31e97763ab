/**
 * This node's place in the cluster as the rest of the node needs it: whether it may write (it may not once it has
 * lost sight of the majority, or after a freeze long enough to have been downed), and its address as the API shows
 * it. Nothing here reads or writes storage.
 */
package io.syncline.membership;
