/** The quickstart: the whole pipeline on generated sample tapes, in one Spark session. */
package io.dunkclip.jobs.quickstart;
