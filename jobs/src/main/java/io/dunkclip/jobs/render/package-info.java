/** The render job: one playable, upright, frame-accurate video with audio per clip, plus a manifest. */
package io.dunkclip.jobs.render;
