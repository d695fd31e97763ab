/**
 * Sources: reading git repositories (through a JGit mirror under SYNCLINE_HOME) and directory trees, resolving refs,
 * listing and diffing revisions. Blocking code: callers run it on a blocking dispatcher. No storage, no embedding.
 */
package io.syncline.source;
