/**
 * The workspace journal as a contract: the schema version of every persisted type, the migrations that read what
 * earlier releases wrote, and the format this node writes ({@link io.syncline.workspace.journal.JournalFormat}).
 * Bound in actors' serialization.conf; every persisted type has a sample of each release's bytes under test
 * resources (JournalCompatibilityTest).
 */
package io.syncline.workspace.journal;
