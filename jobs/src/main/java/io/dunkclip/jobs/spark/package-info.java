/**
 * What every job shares on Spark: building the session from options, the Hadoop configuration for executors, the
 * model pool of an executor, and the tapes: resolving paths and globs on any Hadoop filesystem, probing them, and
 * getting a tape onto local disk for FFmpeg once per executor. Files and outputs without Spark are in
 * {@code io.dunkclip.jobs.fs}.
 */
package io.dunkclip.jobs.spark;
