/**
 * Spark plumbing every job shares: building the session from options, a Hadoop configuration that travels to the
 * executors, and the model pool of an executor. It knows no tapes and no job: the tapes are in
 * {@code io.dunkclip.jobs.tapes}, files and outputs without Spark in {@code io.dunkclip.jobs.fs}.
 */
package io.dunkclip.jobs.spark;
