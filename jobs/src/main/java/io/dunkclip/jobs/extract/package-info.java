/** The extract job: tapes in, a Parquet dataset of upright, resized frames out (one row per frame). */
package io.dunkclip.jobs.extract;
