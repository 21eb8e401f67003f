/**
 * The extract job: tapes in, upright frames out, resized by stretching or padding — a Parquet dataset (one row per
 * frame, what train reads) or one JPEG file per frame.
 */
package io.dunkclip.jobs.extract;
