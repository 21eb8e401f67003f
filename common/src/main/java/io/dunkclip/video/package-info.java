/**
 * Reading tapes with FFmpeg (through JavaCV): probing a tape's frame table without decoding it, and decoding
 * any closed range of frames, upright and resized (stretched or padded, see {@link io.dunkclip.video.Fit}), with its
 * true presentation-order frame numbers.
 *
 * <p>No Spark here: the jobs decide where a tape is read and which segment a task decodes.
 */
package io.dunkclip.video;
