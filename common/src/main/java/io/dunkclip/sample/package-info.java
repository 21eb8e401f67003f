/**
 * Sample tapes: a deterministic, seeded generator of half-court tripod recordings (H.264 + AAC in
 * mp4, optionally with a phone-style rotation tag) together with the exact frame ranges in which a
 * player is in the picture.
 *
 * <p>It owns the drawn scene (court, hoop, player figure with motion blur, distractors that are not
 * a player: a ball rolling alone, a passing shadow, a light flicker, a cloud dimming and cooling the
 * light for seconds, camera shake, someone walking far behind in a gallery), the camera that differs
 * a little from tape to tape, the synthetic sound track, and the encoding (some tapes much harder
 * compressed). A tape can also have no player at all. Frame ranges are closed ({@code [first, last]}, both inclusive),
 * frames numbered from 0 in presentation order. Entry points: {@link io.dunkclip.sample.SampleTapeGenerator}.
 */
package io.dunkclip.sample;
