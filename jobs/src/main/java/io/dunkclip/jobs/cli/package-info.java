/**
 * The command line, {@code dunkclip <command> [options]}: parses options into each job's typed config, opens the
 * Spark session, runs the job and prints its result. Command names, options and exit codes are a contract.
 */
package io.dunkclip.jobs.cli;
