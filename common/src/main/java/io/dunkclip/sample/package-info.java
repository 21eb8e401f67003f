/**
 * Sample tapes: a deterministic, seeded generator of half-court tripod recordings (H.264 + AAC in
 * mp4, optionally with a phone-style rotation tag) together with the exact frame ranges in which a
 * player is in the picture.
 *
 * <p>It owns the drawn scene (court, hoop, player figure, distractors that are not a player: a ball
 * rolling alone, a passing shadow, a light flicker, camera shake), the synthetic sound track, and
 * the encoding. Frame ranges are closed ({@code [first, last]}, both inclusive), frames numbered
 * from 0 in presentation order. Entry points: {@link io.dunkclip.sample.SampleTapeGenerator}.
 */
package io.dunkclip.sample;
