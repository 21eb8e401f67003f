/**
 * The detect job: tapes (or a frames dataset written by extract) and a model in, clips out. Frames are decoded and
 * scored per segment in one pass, reduced to runs per partition and stitched exactly across partition boundaries. The
 * fast mode scores the keyframes first and then every frame only in the windows around high keyframes. Its output
 * layout has one home ({@link io.dunkclip.jobs.detect.DetectOutput}); its result carries what the run's report needs
 * (the run's record, the tapes as found and probed), and the caller builds the report from it. Nothing here knows
 * the report.
 */
package io.dunkclip.jobs.detect;
