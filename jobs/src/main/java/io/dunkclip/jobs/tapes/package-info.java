/**
 * The tapes of a run: resolving paths and globs on any Hadoop filesystem ({@link io.dunkclip.jobs.tapes.TapeInputs}
 * into {@link io.dunkclip.jobs.tapes.TapeRef}s), probing them on the executors
 * ({@link io.dunkclip.jobs.tapes.ProbedTapes}), cutting them into segments, giving a task a tape to decode (streamed,
 * or copied to local disk once per executor for FFmpeg), and the record of a tape that failed
 * ({@link io.dunkclip.jobs.tapes.TapeError}).
 */
package io.dunkclip.jobs.tapes;
