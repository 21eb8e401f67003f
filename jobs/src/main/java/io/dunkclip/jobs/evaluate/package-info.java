/** The evaluate command: clips against labelled truth, at frame and clip level. */
package io.dunkclip.jobs.evaluate;
