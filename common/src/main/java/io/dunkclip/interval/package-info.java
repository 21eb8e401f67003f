/**
 * Frame intervals and the reduction of per-frame detector scores into clips.
 *
 * <p>Owns {@link io.dunkclip.interval.FrameRange} (closed frame ranges), the per-partition run
 * reduction and its exact stitching ({@link io.dunkclip.interval.RunReducer}), the moving median
 * that smooths the scores piece by piece, exact across pieces
 * ({@link io.dunkclip.interval.ScoreSmoothing}), and the policy that turns stitched runs into
 * padded, merged clips ({@link io.dunkclip.interval.ClipBuilder}). Pure logic: no Spark, video or
 * model code.
 */
package io.dunkclip.interval;
