/**
 * Files on any Hadoop filesystem, with no Spark: outputs committed whole or refused, and the journaled commit that
 * replaces parts of a directory so that a crash at any step is finished by the next run.
 */
package io.dunkclip.jobs.fs;
