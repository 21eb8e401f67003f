/**
 * The extract job: tapes in, upright frames out, resized by stretching or padding — a Parquet dataset (one row per
 * frame, what train reads) or one JPEG file per frame — committed as a whole, or with {@code --update} one tape at a
 * time inside an existing dataset ({@link io.dunkclip.jobs.extract.ExtractUpdate}).
 */
package io.dunkclip.jobs.extract;
