/**
 * Cutting a video's frames into contiguous segments that can be decoded and scored in parallel.
 *
 * <p>Owns {@link io.dunkclip.segment.SegmentPlanner}. Pure logic: the keyframe positions it uses
 * are read elsewhere.
 */
package io.dunkclip.segment;
