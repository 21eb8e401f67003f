/**
 * What every job shares on Spark: building the session from options, resolving tape paths and globs on any Hadoop
 * filesystem, getting a tape onto local disk for FFmpeg once per executor, and committing outputs atomically.
 */
package io.dunkclip.jobs.spark;
