/**
 * Files on any Hadoop filesystem, with no Spark: outputs committed whole ({@link io.dunkclip.jobs.fs.Outputs}) or
 * refused when the target is not a dunkclip output ({@link io.dunkclip.jobs.fs.OutputGuard}), the lock of a dataset
 * ({@link io.dunkclip.jobs.fs.DatasetLock}), the journaled commit that replaces parts of a directory so that a crash
 * at any step is finished by the next run ({@link io.dunkclip.jobs.fs.JournaledCommit}), the CSV contracts read and
 * written anywhere ({@link io.dunkclip.jobs.fs.CsvFiles}) and a run's local scratch folder
 * ({@link io.dunkclip.jobs.fs.ScratchFiles}).
 */
package io.dunkclip.jobs.fs;
