/**
 * The detect job: tapes and a model in, clips out. Frames are decoded and scored per segment in one pass, reduced
 * to runs per partition and stitched exactly across partition boundaries.
 */
package io.dunkclip.jobs.detect;
