/**
 * A small Java API for spark-shell and notebooks: frames, per-frame scores and clips of tapes as Spark Datasets, and
 * rendering of chosen clips. It runs the jobs' own code paths (extract's decoding, detect's scoring and clip policy,
 * render), so what a notebook finds is what the commands find.
 */
package io.dunkclip.api;
