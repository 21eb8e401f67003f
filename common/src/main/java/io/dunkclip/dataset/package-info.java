/**
 * Pure rules for replacing part of a dataset in place (no Spark, no filesystem): merging the rows of keyed CSV
 * tables such as {@code _tapes.csv} ({@link io.dunkclip.dataset.KeyedTable}), the journal a per-part commit writes
 * before it changes anything ({@link io.dunkclip.dataset.UpdateJournal}), which renames of one part are still
 * due after a crash ({@link io.dunkclip.dataset.PartCommit}), and who holds a dataset's lock and when a lock counts as
 * left by a killed run ({@link io.dunkclip.dataset.LockOwner}).
 */
package io.dunkclip.dataset;
