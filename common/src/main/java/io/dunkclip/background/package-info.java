/**
 * The empty court of a fixed-camera tape: which frames to sample across the whole tape ({@link BackgroundSamples}),
 * the robust per-pixel estimate made from them and how busy the tape looks against it ({@link Background}). Pure
 * logic on packed RGB arrays: no Spark, no FFmpeg, no model.
 */
package io.dunkclip.background;
